package com.tradebot.billing;

/** What handling one webhook event came to. */
public enum BillingOutcome {
    /** Applied now (possibly changing nothing, e.g. an older event than one already applied). */
    APPLIED,
    /** Applied before: a retried or repeated delivery. */
    DUPLICATE,
    /** Not an event billing acts on, or about nothing billing knows. */
    IGNORED,
    /** It depends on an event not yet applied (a refund before its payment): answer non-2xx so Stripe retries. */
    RETRY_LATER
}
