package com.tradebot.billing;

/** What a ledger {@code Transaction} records. Each posting's entries sum to zero. */
public enum LedgerKind {
    /** Money a subscriber paid, coming in from Stripe (negative on {@link Ledger#EXTERNAL_STRIPE}). */
    PAYMENT,
    /** The platform's share of a payment. */
    PLATFORM_FEE,
    /** The provider's share of a payment. */
    PROVIDER_EARNING,
    /** Money returned to a subscriber (positive on {@link Ledger#EXTERNAL_STRIPE}). */
    REFUND,
    /** The platform's share of a refund, taken back. */
    PLATFORM_FEE_REVERSAL,
    /** The provider's share of a refund, taken back. */
    PROVIDER_EARNING_REVERSAL,
    /** A provider's balance paid out (negative on the provider's account). */
    PAYOUT,
    /** The Connect transfer that carried a payout (positive on {@link Ledger#EXTERNAL_CONNECT}). */
    PAYOUT_TRANSFER
}
