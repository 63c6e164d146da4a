package com.tradebot.billing;

import static com.tradebot.storage.TableKeys.GSI1;
import static com.tradebot.storage.TableKeys.GSI1_PK;
import static com.tradebot.storage.TableKeys.GSI1_SK;
import static com.tradebot.storage.TableKeys.GSI2;
import static com.tradebot.storage.TableKeys.GSI2_PK;
import static com.tradebot.storage.TableKeys.GSI2_SK;
import static com.tradebot.storage.TableKeys.PK;
import static com.tradebot.storage.TableKeys.SK;
import static com.tradebot.storage.TableKeys.TTL;
import static com.tradebot.storage.TableKeys.TYPE;

import com.tradebot.storage.Attr;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Billing's items in the single table (see docs/access-patterns.md, "Billing"): webhook event dedupe records, payment
 * records, ledger {@code Transaction}s, provider earnings by month, payout accounts and payout intents. Every
 * {@link BillingCommit} is one TransactWriteItems call, so a Stripe event either changes all it implies (ledger,
 * subscription, dedupe record) or nothing.
 */
public final class BillingRepository {
    /** Stripe retries a delivery for up to three days and can resend an event for 30; keep the record longer. */
    static final Duration EVENT_RECORD_TTL = Duration.ofDays(90);
    private static final String PAYOUT_ACCOUNTS = "PAYOUTACCOUNTS";

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final SubscriptionBilling subscriptions;
    private final Clock clock;

    public BillingRepository(DynamoDbClient dynamoDb, String table, SubscriptionBilling subscriptions) {
        this(dynamoDb, table, subscriptions, Clock.systemUTC());
    }

    public BillingRepository(DynamoDbClient dynamoDb, String table, SubscriptionBilling subscriptions, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.subscriptions = subscriptions;
        this.clock = clock;
    }

    public enum CommitResult {
        APPLIED,
        /** The event's dedupe record exists: it was applied before. Nothing was written. */
        DUPLICATE_EVENT,
        /** Something read for the decision changed meanwhile. Nothing was written; read and decide again. */
        CONFLICT
    }

    public SubscriptionBilling subscriptions() {
        return subscriptions;
    }

    // ---- reads -------------------------------------------------------------------------------------------------

    public boolean eventApplied(String eventId) {
        return get(eventKey(eventId)).isPresent();
    }

    public Optional<PaymentRecord> findPayment(String invoiceId) {
        return get(paymentKey(invoiceId)).map(BillingRepository::toPayment);
    }

    /** When the newest applied subscription event for this Stripe subscription was created. */
    public Optional<Instant> lastSubscriptionEventAt(String stripeSubscriptionId) {
        return get(linkKey(stripeSubscriptionId)).map(item -> Instant.ofEpochSecond(Attr.num(item, "lastEventAt", 0)));
    }

    /** Our subscription id for a Stripe subscription, once any event has linked them. */
    public Optional<String> subscriptionOfStripe(String stripeSubscriptionId) {
        return get(linkKey(stripeSubscriptionId)).map(item -> Attr.str(item, "subscriptionId"));
    }

    public Optional<PayoutAccount> findPayoutAccount(String providerId) {
        return get(payoutAccountKey(providerId)).map(BillingRepository::toPayoutAccount);
    }

    /** Every provider's payout account (the payout job's work list). */
    public List<PayoutAccount> payoutAccounts() {
        List<PayoutAccount> accounts = new ArrayList<>();
        queryAll(q -> q.indexName(GSI1).keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", GSI1_PK))
                .expressionAttributeValues(Map.of(":pk", Attr.s(PAYOUT_ACCOUNTS))),
                item -> accounts.add(toPayoutAccount(item)));
        return accounts;
    }

    /** A provider's earnings by month, oldest first. */
    public List<ProviderMonth> providerMonths(String providerId) {
        List<ProviderMonth> months = new ArrayList<>();
        queryAll(q -> q.keyConditionExpression("PK = :pk AND begins_with(SK, :month)")
                .expressionAttributeValues(Map.of(":pk", Attr.s(providerPk(providerId)), ":month", Attr.s("EARNINGS#")))
                .consistentRead(true),
                item -> months.add(new ProviderMonth(YearMonth.parse(Attr.str(item, "month")),
                        Attr.num(item, "earnedCents", 0), Attr.num(item, "reversedCents", 0),
                        Attr.num(item, "paidOutCents", 0))));
        return months;
    }

    public List<PayoutIntent> payoutIntents(String providerId) {
        List<PayoutIntent> intents = new ArrayList<>();
        queryAll(q -> q.keyConditionExpression("PK = :pk AND begins_with(SK, :payout)")
                .expressionAttributeValues(Map.of(":pk", Attr.s(providerPk(providerId)), ":payout", Attr.s("PAYOUT#")))
                .consistentRead(true),
                item -> intents.add(toIntent(item)));
        return intents;
    }

    public Optional<PayoutIntent> findPayoutIntent(String providerId, YearMonth period) {
        return get(intentKey(providerId, period)).map(BillingRepository::toIntent);
    }

    /** Writes a payout intent unless one exists for the provider and period; returns the one that is stored. */
    public PayoutIntent createPayoutIntent(PayoutIntent intent, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(intentKey(intent.providerId(), intent.period()));
        item.put(TYPE, Attr.s("PayoutIntent"));
        item.put("providerId", Attr.s(intent.providerId()));
        item.put("period", Attr.s(intent.period().toString()));
        item.put("amountCents", Attr.n(intent.amountCents()));
        item.put("currency", Attr.s(intent.currency()));
        item.put("accountId", Attr.s(intent.accountId()));
        item.put("status", Attr.s(PayoutIntent.Status.PENDING.name()));
        item.put("createdAt", Attr.s(now.toString()));
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(PK)"));
            return intent;
        } catch (ConditionalCheckFailedException e) {
            return findPayoutIntent(intent.providerId(), intent.period()).orElseThrow();
        }
    }

    /** The ledger entries of one group (a payment with its refunds, or a payout). */
    public List<LedgerEntry> entriesOf(String group) {
        List<LedgerEntry> entries = new ArrayList<>();
        queryAll(q -> q.keyConditionExpression("PK = :pk AND begins_with(SK, :txn)")
                .expressionAttributeValues(Map.of(":pk", Attr.s(ledgerPk(group)), ":txn", Attr.s("TXN#")))
                .consistentRead(true),
                item -> entries.add(toEntry(item)));
        return entries;
    }

    /** Every ledger entry booked in {@code month} (GSI2, eventually consistent). */
    public List<LedgerEntry> entriesOfMonth(YearMonth month) {
        List<LedgerEntry> entries = new ArrayList<>();
        queryAll(q -> q.indexName(GSI2).keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", GSI2_PK))
                .expressionAttributeValues(Map.of(":pk", Attr.s("LEDGERMONTH#" + month))),
                item -> entries.add(toEntry(item)));
        return entries;
    }

    /** Every ledger entry on a provider's account, oldest first (GSI1, eventually consistent). */
    public List<LedgerEntry> providerEntries(String providerId) {
        List<LedgerEntry> entries = new ArrayList<>();
        queryAll(q -> q.indexName(GSI1).keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", GSI1_PK))
                .expressionAttributeValues(Map.of(":pk", Attr.s("PROVIDERLEDGER#" + providerId))),
                item -> entries.add(toEntry(item)));
        return entries;
    }

    // ---- the one write path ------------------------------------------------------------------------------------

    public CommitResult commit(BillingCommit commit) {
        List<TransactWriteItem> writes = new ArrayList<>();
        if (commit.event != null) {
            writes.add(eventRecord(commit.event));
        }
        if (commit.newPayment != null) {
            writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(paymentItem(commit.newPayment))
                    .conditionExpression("attribute_not_exists(PK)")).build());
        }
        if (commit.refund != null) {
            BillingCommit.RefundStep step = commit.refund;
            writes.add(TransactWriteItem.builder().update(u -> u.tableName(table).key(paymentKey(step.invoiceId()))
                    .updateExpression("SET refundedCents = :to")
                    .conditionExpression("refundedCents = :from")
                    .expressionAttributeValues(Map.of(":to", Attr.n(step.toCents()), ":from",
                            Attr.n(step.fromCents())))).build());
        }
        for (LedgerEntry entry : commit.entries) {
            writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(entryItem(entry))
                    .conditionExpression("attribute_not_exists(PK)")).build());
        }
        writes.addAll(providerMonthUpdates(commit.entries));
        if (commit.subscriptionChange != null) {
            writes.addAll(subscriptions.update(commit.subscription, commit.subscriptionChange));
        }
        if (commit.subscriptionMark != null) {
            writes.add(subscriptionMark(commit.subscriptionMark));
        }
        if (commit.payoutAccount != null) {
            writes.add(payoutAccountWrite(commit.payoutAccount));
        }
        if (commit.payoutRecorded != null) {
            BillingCommit.PayoutRecorded recorded = commit.payoutRecorded;
            writes.add(TransactWriteItem.builder().update(u -> u.tableName(table)
                    .key(intentKey(recorded.intent().providerId(), recorded.intent().period()))
                    .updateExpression("SET #status = :paid, transferId = :transfer, paidAt = :at")
                    .conditionExpression("#status = :pending")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":paid", Attr.s(PayoutIntent.Status.PAID.name()),
                            ":pending", Attr.s(PayoutIntent.Status.PENDING.name()),
                            ":transfer", Attr.s(recorded.transferId()),
                            ":at", Attr.s(recorded.bookedAt().toString())))).build());
        }
        if (writes.size() > 100) {
            throw new IllegalStateException("a billing commit exceeds DynamoDB's 100 items per transaction");
        }
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(writes));
            return CommitResult.APPLIED;
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (commit.event != null && !reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                return CommitResult.DUPLICATE_EVENT;
            }
            boolean retryable = reasons.stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code())
                    || "TransactionConflict".equals(r.code()));
            if (retryable) {
                return CommitResult.CONFLICT;
            }
            throw e;
        }
    }

    private TransactWriteItem eventRecord(BillingEvent event) {
        Map<String, AttributeValue> item = new HashMap<>(eventKey(event.eventId()));
        item.put(TYPE, Attr.s("StripeEvent"));
        item.put("eventType", Attr.s(event.getClass().getSimpleName()));
        item.put("created", Attr.s(event.created().toString()));
        // counted from when it is applied, not from the event's creation: an old event resent (or delivered late)
        // must not get a record that the TTL sweep removes before its duplicates arrive
        Instant from = event.created().isAfter(clock.instant()) ? event.created() : clock.instant();
        item.put(TTL, Attr.n(from.plus(EVENT_RECORD_TTL).getEpochSecond()));
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
                .conditionExpression("attribute_not_exists(PK)")).build();
    }

    private Map<String, AttributeValue> paymentItem(PaymentRecord payment) {
        SubscriptionMetadata m = payment.metadata();
        RevenueSplit split = payment.split();
        Map<String, AttributeValue> item = new HashMap<>(paymentKey(payment.invoiceId()));
        item.put(TYPE, Attr.s("Payment"));
        item.put("invoiceId", Attr.s(payment.invoiceId()));
        m.toMap().forEach((k, v) -> item.put(k, Attr.s(v)));
        if (payment.stripeSubscriptionId() != null) {
            item.put("stripeSubscriptionId", Attr.s(payment.stripeSubscriptionId()));
        }
        item.put("grossCents", Attr.n(payment.grossCents()));
        item.put("platformCents", Attr.n(split.platformCents()));
        item.put("providerCents", Attr.n(split.providerCents()));
        item.put("currency", Attr.s(payment.currency()));
        item.put("refundedCents", Attr.n(payment.refundedCents()));
        item.put("paidAt", Attr.s(payment.paidAt().toString()));
        item.put("periodEnd", Attr.s(payment.periodEnd().toString()));
        return item;
    }

    private static PaymentRecord toPayment(Map<String, AttributeValue> item) {
        Map<String, String> metadata = new HashMap<>();
        for (String key : List.of(SubscriptionMetadata.SUBSCRIPTION_ID, SubscriptionMetadata.USER_ID,
                SubscriptionMetadata.STRATEGY_ID, SubscriptionMetadata.PROVIDER_ID,
                SubscriptionMetadata.REVENUE_SHARE_PERCENT)) {
            metadata.put(key, Attr.str(item, key));
        }
        return new PaymentRecord(Attr.str(item, "invoiceId"), SubscriptionMetadata.fromMap(metadata).orElseThrow(),
                Attr.str(item, "stripeSubscriptionId"), Attr.num(item, "grossCents", 0), Attr.str(item, "currency"),
                Attr.num(item, "refundedCents", 0), Attr.instant(item, "paidAt"), Attr.instant(item, "periodEnd"));
    }

    private Map<String, AttributeValue> entryItem(LedgerEntry entry) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, Attr.s(ledgerPk(entry.group())));
        item.put(SK, Attr.s("TXN#" + entry.postingKey() + "#" + entry.kind()));
        item.put(TYPE, Attr.s("Transaction"));
        item.put("txId", Attr.s(entry.id()));
        item.put("group", Attr.s(entry.group()));
        item.put("postingKey", Attr.s(entry.postingKey()));
        item.put("kind", Attr.s(entry.kind().name()));
        item.put("account", Attr.s(entry.account()));
        item.put("amountCents", Attr.n(entry.amountCents()));
        item.put("currency", Attr.s(entry.currency()));
        item.put("bookedAt", Attr.s(entry.bookedAt().toString()));
        if (entry.providerId() != null) {
            item.put("providerId", Attr.s(entry.providerId()));
        }
        if (entry.subscriptionId() != null) {
            item.put("subscriptionId", Attr.s(entry.subscriptionId()));
        }
        if (entry.eventId() != null) {
            item.put("eventId", Attr.s(entry.eventId()));
        }
        String order = entry.bookedAt() + "#" + entry.id();
        if (entry.account().equals(Ledger.providerAccount(entry.providerId()))) {
            item.put(GSI1_PK, Attr.s("PROVIDERLEDGER#" + entry.providerId()));
            item.put(GSI1_SK, Attr.s(order));
        }
        item.put(GSI2_PK, Attr.s("LEDGERMONTH#" + month(entry.bookedAt())));
        item.put(GSI2_SK, Attr.s(order));
        return item;
    }

    private static LedgerEntry toEntry(Map<String, AttributeValue> item) {
        return new LedgerEntry(Attr.str(item, "group"), Attr.str(item, "postingKey"),
                LedgerKind.valueOf(Attr.str(item, "kind")), Attr.str(item, "account"),
                Attr.num(item, "amountCents", 0), Attr.str(item, "currency"), Attr.instant(item, "bookedAt"),
                Attr.str(item, "providerId"), Attr.str(item, "subscriptionId"), Attr.str(item, "eventId"));
    }

    /** One ADD per provider and month (an item may appear only once in a transaction). */
    private List<TransactWriteItem> providerMonthUpdates(List<LedgerEntry> entries) {
        Map<String, long[]> deltas = new LinkedHashMap<>();
        Map<String, String[]> keys = new HashMap<>();
        for (LedgerEntry entry : entries) {
            if (entry.providerId() == null || !entry.account().equals(Ledger.providerAccount(entry.providerId()))) {
                continue;
            }
            String month = month(entry.bookedAt()).toString();
            String id = entry.providerId() + "|" + month;
            keys.putIfAbsent(id, new String[] {entry.providerId(), month});
            long[] d = deltas.computeIfAbsent(id, k -> new long[3]);
            switch (entry.kind()) {
                case PROVIDER_EARNING -> d[0] += entry.amountCents();
                case PROVIDER_EARNING_REVERSAL -> d[1] -= entry.amountCents();
                case PAYOUT -> d[2] -= entry.amountCents();
                default -> throw new IllegalStateException("unexpected provider entry " + entry.kind());
            }
        }
        List<TransactWriteItem> writes = new ArrayList<>();
        deltas.forEach((id, d) -> {
            String[] key = keys.get(id);
            writes.add(TransactWriteItem.builder().update(u -> u.tableName(table)
                    .key(Map.of(PK, Attr.s(providerPk(key[0])), SK, Attr.s("EARNINGS#" + key[1])))
                    .updateExpression("SET #type = :type, #month = :month, providerId = :provider "
                            + "ADD earnedCents :earned, reversedCents :reversed, paidOutCents :paidOut")
                    .expressionAttributeNames(Map.of("#type", TYPE, "#month", "month"))
                    .expressionAttributeValues(Map.of(":type", Attr.s("ProviderEarningsMonth"),
                            ":month", Attr.s(key[1]), ":provider", Attr.s(key[0]),
                            ":earned", Attr.n(d[0]), ":reversed", Attr.n(d[1]), ":paidOut", Attr.n(d[2]))))
                    .build());
        });
        return writes;
    }

    private TransactWriteItem subscriptionMark(BillingCommit.SubscriptionEventMark mark) {
        return TransactWriteItem.builder().update(u -> u.tableName(table).key(linkKey(mark.stripeSubscriptionId()))
                .updateExpression("SET #type = :type, subscriptionId = :sub, lastEventAt = :at")
                .conditionExpression("attribute_not_exists(lastEventAt) OR lastEventAt <= :at")
                .expressionAttributeNames(Map.of("#type", TYPE))
                .expressionAttributeValues(Map.of(":type", Attr.s("StripeSubscriptionLink"),
                        ":sub", Attr.s(mark.subscriptionId()), ":at", Attr.n(mark.created().getEpochSecond()))))
                .build();
    }

    private TransactWriteItem payoutAccountWrite(PayoutAccount account) {
        return TransactWriteItem.builder().update(u -> u.tableName(table).key(payoutAccountKey(account.providerId()))
                .updateExpression("SET #type = :type, providerId = :provider, accountId = :account, "
                        + "payoutsEnabled = :enabled, detailsSubmitted = :submitted, updatedAt = :at, "
                        + "#g1pk = :g1pk, #g1sk = :provider")
                .conditionExpression("attribute_not_exists(updatedAt) OR updatedAt <= :at")
                .expressionAttributeNames(Map.of("#type", TYPE, "#g1pk", GSI1_PK, "#g1sk", GSI1_SK))
                .expressionAttributeValues(Map.of(":type", Attr.s("PayoutAccount"),
                        ":provider", Attr.s(account.providerId()), ":account", Attr.s(account.accountId()),
                        ":enabled", Attr.bool(account.payoutsEnabled()),
                        ":submitted", Attr.bool(account.detailsSubmitted()),
                        ":at", Attr.n(account.updatedAt().getEpochSecond()), ":g1pk", Attr.s(PAYOUT_ACCOUNTS))))
                .build();
    }

    private static PayoutAccount toPayoutAccount(Map<String, AttributeValue> item) {
        return new PayoutAccount(Attr.str(item, "providerId"), Attr.str(item, "accountId"),
                Attr.flag(item, "payoutsEnabled"), Attr.flag(item, "detailsSubmitted"),
                Instant.ofEpochSecond(Attr.num(item, "updatedAt", 0)));
    }

    private static PayoutIntent toIntent(Map<String, AttributeValue> item) {
        return new PayoutIntent(Attr.str(item, "providerId"), YearMonth.parse(Attr.str(item, "period")),
                Attr.num(item, "amountCents", 0), Attr.str(item, "currency"), Attr.str(item, "accountId"),
                PayoutIntent.Status.valueOf(Attr.str(item, "status")), Attr.str(item, "transferId"));
    }

    private Optional<Map<String, AttributeValue>> get(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key).consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    private void queryAll(Consumer<QueryRequest.Builder> query, Consumer<Map<String, AttributeValue>> sink) {
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamoDb.query(b -> {
                b.tableName(table).exclusiveStartKey(from);
                query.accept(b);
            });
            page.items().forEach(sink);
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
    }

    static YearMonth month(Instant instant) {
        return YearMonth.from(instant.atZone(ZoneOffset.UTC));
    }

    private static Map<String, AttributeValue> eventKey(String eventId) {
        return Map.of(PK, Attr.s("STRIPEEVENT#" + eventId), SK, Attr.s("EVENT"));
    }

    private static Map<String, AttributeValue> paymentKey(String invoiceId) {
        return Map.of(PK, Attr.s(ledgerPk(Ledger.paymentGroup(invoiceId))), SK, Attr.s("PAYMENT"));
    }

    private static Map<String, AttributeValue> linkKey(String stripeSubscriptionId) {
        return Map.of(PK, Attr.s("STRIPESUB#" + stripeSubscriptionId), SK, Attr.s("LINK"));
    }

    private static Map<String, AttributeValue> payoutAccountKey(String providerId) {
        return Map.of(PK, Attr.s(providerPk(providerId)), SK, Attr.s("PAYOUTACCOUNT"));
    }

    private static Map<String, AttributeValue> intentKey(String providerId, YearMonth period) {
        return Map.of(PK, Attr.s(providerPk(providerId)), SK, Attr.s("PAYOUT#" + period));
    }

    private static String providerPk(String providerId) {
        return "PROVIDERBILLING#" + providerId;
    }

    private static String ledgerPk(String group) {
        return "LEDGER#" + group;
    }

    /** One provider's earnings booked in one month. */
    public record ProviderMonth(YearMonth month, long earnedCents, long reversedCents, long paidOutCents) {
        public long netEarnedCents() {
            return earnedCents - reversedCents;
        }
    }
}
