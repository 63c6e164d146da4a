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
 * ({@code TRADEBOT_LOCAL_PLATFORM_URL}, which the local platform gives every function; default
 * {@code http://localhost:3000}) and its events are signed with {@code STRIPE_WEBHOOK_SECRET} or a fixed local secret.
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

    /** The local mode's signing secret when a function's {@code STRIPE_WEBHOOK_SECRET} is {@code configured}. */
    public static String localWebhookSecret(String configured) {
        return configured == null || configured.isEmpty() ? LOCAL_WEBHOOK_SECRET : configured;
    }

    public static PaymentsGateway gateway(DynamoDbClient dynamoDb, String table, Clock clock) {
        if (stripeMode()) {
            return StripePaymentsGateway.create(Env.require("STRIPE_SECRET_KEY"), null);
        }
        return localGateway(dynamoDb, table, Env.get("TRADEBOT_LOCAL_PLATFORM_URL", "http://localhost:3000"),
                webhookSecret(), clock);
    }

    /** The local payments adapter of the platform at {@code baseUrl}, delivering to its {@code /webhooks/stripe}. */
    public static LocalPaymentsGateway localGateway(DynamoDbClient dynamoDb, String table, String baseUrl,
                                                    String webhookSecret, Clock clock) {
        String base = baseUrl.replaceAll("/+$", "");
        URI webhook = URI.create(base + "/webhooks/stripe");
        return new LocalPaymentsGateway(dynamoDb, table, base,
                new HttpWebhookDelivery(webhook, new StripeEventSigner(webhookSecret), clock), clock);
    }
}
