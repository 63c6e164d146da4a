package com.tradebot.billing;

import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The port billing drives subscription records through; the subscription repository implements it.
 *
 * <p>Billing never writes a subscription record itself: it reads it with {@link #find}, decides, and asks
 * {@link #update} for the one conditional write that applies the change. Billing commits that write in the same
 * DynamoDB transaction as the ledger entries and the webhook event's dedupe record, so a Stripe event either changes
 * everything it implies or nothing. (This is why the port speaks {@link TransactWriteItem}: it is a repository-level
 * contract, used only by {@link BillingRepository}.)
 */
public interface SubscriptionBilling {

    /** The subscription with a strongly consistent read, or empty if there is none with this id. */
    Optional<BilledSubscription> find(String subscriptionId);

    /**
     * The write that applies {@code change} to the record read as {@code current}. It must carry a condition that
     * fails while the record no longer has {@code current.version()} (and must move the version on), so a concurrent
     * change cancels billing's transaction and billing re-reads and decides again. It targets the table billing's
     * repository was built with. The first write is the record's; the others keep what depends on its state in step
     * (e.g. the one-per-user-and-strategy slot released when it ends), all in billing's one transaction.
     */
    List<TransactWriteItem> update(BilledSubscription current, SubscriptionChange change);
}
