package com.tradebot.subscription;

import com.tradebot.billing.BillingEventHandler;
import com.tradebot.billing.BillingModule;
import com.tradebot.billing.BillingRepository;
import com.tradebot.billing.PaymentsGateway;
import com.tradebot.billing.PayoutJob;
import com.tradebot.billing.ProviderEarningsService;
import com.tradebot.billing.ProviderOnboarding;
import com.tradebot.billing.RevenueReportService;
import com.tradebot.billing.StrategyPriceRepository;
import com.tradebot.billing.local.LocalPaymentsGateway;
import com.tradebot.billing.stripe.StripeWebhookVerifier;
import com.tradebot.billing.stripe.StripeWebhooks;
import com.tradebot.common.AwsClients;
import com.tradebot.common.Env;
import com.tradebot.notification.BillingNotifications;
import com.tradebot.notification.NotificationRepository;
import com.tradebot.strategy.StrategyRepository;
import java.time.Clock;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds billing's services for a function from its environment: {@code TABLE_NAME}, and the payments mode
 * ({@link BillingModule}: {@code STRIPE_SECRET_KEY}, {@code STRIPE_WEBHOOK_SECRET}). Subscriptions are billing's
 * {@link com.tradebot.billing.SubscriptionBilling} through the subscription repository.
 */
public final class PaymentsWiring {
    /** Prices are in US cents throughout the platform. */
    public static final String CURRENCY = "usd";

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;
    private final PaymentsGateway gateway;
    private final SubscriptionRepository subscriptions;
    private final BillingRepository billing;

    public PaymentsWiring(DynamoDbClient dynamoDb, String table, PaymentsGateway gateway, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
        this.gateway = gateway;
        this.subscriptions = new SubscriptionRepository(dynamoDb, table, clock);
        this.billing = new BillingRepository(dynamoDb, table, subscriptions.billing(), clock);
    }

    public static PaymentsWiring fromEnvironment() {
        DynamoDbClient dynamoDb = AwsClients.dynamoDb();
        String table = Env.require("TABLE_NAME");
        Clock clock = Clock.systemUTC();
        return new PaymentsWiring(dynamoDb, table, BillingModule.gateway(dynamoDb, table, clock), clock);
    }

    public PaymentsGateway gateway() {
        return gateway;
    }

    public BillingRepository billingRepository() {
        return billing;
    }

    public SubscriptionRepository subscriptionRepository() {
        return subscriptions;
    }

    public BillingNotifications notices() {
        return new BillingNotifications(new NotificationRepository(dynamoDb, table), clock);
    }

    /** {@code POST /webhooks/stripe}; reads {@code STRIPE_WEBHOOK_SECRET} (or the local mode's). */
    public StripeWebhooks webhooks() {
        return new StripeWebhooks(new StripeWebhookVerifier(BillingModule.webhookSecret(), clock),
                new BillingEventHandler(billing, gateway, notices()));
    }

    public SubscriptionService subscriptionService() {
        return new SubscriptionService(subscriptions, new StrategyRepository(dynamoDb, table), clock);
    }

    public PaidSubscriptions paidSubscriptions() {
        return new PaidSubscriptions(subscriptionService(), new StrategyPriceRepository(dynamoDb, table), gateway,
                CURRENCY);
    }

    public SubscriptionRenewals renewals() {
        Optional<SubscriptionRenewals.Renewer> renewer = gateway instanceof LocalPaymentsGateway local
                ? Optional.of(stripeSubscriptionId -> local.processor().renew(stripeSubscriptionId))
                : Optional.empty();
        return new SubscriptionRenewals(subscriptions, notices(), renewer, clock);
    }

    public PayoutJob payoutJob() {
        return new PayoutJob(billing, gateway, clock, CURRENCY);
    }

    public ProviderEarningsService earnings() {
        return new ProviderEarningsService(billing, clock);
    }

    public RevenueReportService revenueReport() {
        return new RevenueReportService(billing);
    }

    public ProviderOnboarding onboarding() {
        return new ProviderOnboarding(billing, gateway);
    }

    public Clock clock() {
        return clock;
    }
}
