package com.tradebot.billing;

import com.tradebot.billing.stripe.StripeWebhookVerifier;
import com.tradebot.billing.stripe.StripeWebhooks;
import com.tradebot.testing.LocalDynamoDb;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Billing wired to a fresh main table on the project's DynamoDB engine, with the test subscription store. */
final class BillingFixture {
    static final String WEBHOOK_SECRET = "whsec_test_billing_flow";

    final DynamoDbClient dynamoDb = LocalDynamoDb.client();
    final String table = LocalDynamoDb.newMainTable();
    final TestSubscriptionStore subscriptions = new TestSubscriptionStore(dynamoDb, table);
    final BillingRepository repository = new BillingRepository(dynamoDb, table, subscriptions);
    final RecordingNotices notices = new RecordingNotices();

    BillingEventHandler handler(PaymentsGateway gateway) {
        return new BillingEventHandler(repository, gateway, notices);
    }

    StripeWebhooks webhooks(PaymentsGateway gateway, Instant now) {
        return new StripeWebhooks(new StripeWebhookVerifier(WEBHOOK_SECRET, Clock.fixed(now, ZoneOffset.UTC)),
                handler(gateway));
    }

    long sum(List<LedgerEntry> entries) {
        return entries.stream().mapToLong(LedgerEntry::amountCents).sum();
    }

    long amountOf(List<LedgerEntry> entries, LedgerKind kind) {
        return entries.stream().filter(e -> e.kind() == kind).mapToLong(LedgerEntry::amountCents).sum();
    }

    /** Notices billing asked for, in order (the notification area implements the port at integration). */
    static final class RecordingNotices implements BillingNotices {
        final List<String> paymentFailures = new ArrayList<>();

        @Override
        public synchronized void paymentFailed(String userId, String subscriptionId, String invoiceId) {
            paymentFailures.add(userId + "/" + subscriptionId + "/" + invoiceId);
        }
    }
}
