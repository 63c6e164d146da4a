package com.tradebot.billing;

import com.tradebot.billing.local.HttpWebhookDelivery;
import com.tradebot.billing.local.LocalPaymentsGateway;
import com.tradebot.billing.local.StripeEventSigner;
import com.tradebot.billing.stripe.StripePaymentsGateway;
import com.tradebot.common.Env;
import java.net.URI;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Chooses the payments mode from the function's configuration. With {@code STRIPE_SECRET_KEY} set, billing talks to
 * Stripe (a test-mode key for testing) and verifies webhooks with {@code STRIPE_WEBHOOK_SECRET}. Without it, the
 * local payments adapter stands in for Stripe: checkout links open a page of the local platform
 * ({@code LOCAL_PLATFORM_URL}, default {@code http://localhost:3000}) and its events are signed with
 * {@code STRIPE_WEBHOOK_SECRET} or a fixed local secret.
 */
public final class BillingModule {
    /** Only ever used without a Stripe key, i.e. on the local platform. */
    static final String LOCAL_WEBHOOK_SECRET = "whsec_local_tradebot_payments";

    private BillingModule() {
    }

    public static boolean stripeMode() {
        return Env.find("STRIPE_SECRET_KEY").isPresent();
    }

    public static String webhookSecret() {
        return stripeMode() ? Env.require("STRIPE_WEBHOOK_SECRET")
                : Env.get("STRIPE_WEBHOOK_SECRET", LOCAL_WEBHOOK_SECRET);
    }

    public static PaymentsGateway gateway(DynamoDbClient dynamoDb, String table, Clock clock) {
        if (stripeMode()) {
            return StripePaymentsGateway.create(Env.require("STRIPE_SECRET_KEY"), null);
        }
        String base = Env.get("LOCAL_PLATFORM_URL", "http://localhost:3000");
        URI webhook = URI.create(base.replaceAll("/+$", "") + "/webhooks/stripe");
        return new LocalPaymentsGateway(dynamoDb, table, base,
                new HttpWebhookDelivery(webhook, new StripeEventSigner(webhookSecret()), clock), clock);
    }
}
