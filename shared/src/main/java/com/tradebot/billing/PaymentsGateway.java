package com.tradebot.billing;

import java.util.Optional;

/**
 * What billing asks of the payment processor. {@code StripePaymentsGateway} speaks to Stripe (test or live mode);
 * {@code LocalPaymentsGateway} stands in for it on the local platform when no {@code STRIPE_SECRET_KEY} is set.
 * Every creating call carries an idempotency key, so a retried call creates nothing twice.
 */
public interface PaymentsGateway {

    /** The Stripe Product that stands for one strategy. */
    String createProduct(String strategyId, String name);

    /** A monthly recurring Price of {@code amountCents} on {@code productId}; {@code revision} tells re-pricings apart. */
    String createMonthlyPrice(String strategyId, String productId, long amountCents, String currency, int revision);

    /** Archives a price: new checkouts cannot use it, existing subscriptions keep it until they change. */
    void archivePrice(String priceId);

    CheckoutSession createCheckoutSession(CheckoutRequest request);

    /** {@code cancel_at_period_end} on the Stripe subscription (true: stop renewing; false: renew again). */
    void setCancelAtPeriodEnd(String stripeSubscriptionId, boolean cancelAtPeriodEnd);

    /** Pauses collection ({@code pause_collection[behavior]=void}) or, with {@code false}, resumes it. */
    void setCollectionPaused(String stripeSubscriptionId, boolean paused);

    /** A Connect Express account for a provider, able to receive transfers. */
    String createExpressAccount(String providerId, String email);

    /** The onboarding URL of an Express account (single use, short-lived). */
    String createAccountLink(String accountId, String refreshUrl, String returnUrl);

    /** Moves {@code amountCents} to a connected account; {@code transferGroup} doubles as the idempotency key. */
    Transfer createTransfer(String accountId, long amountCents, String currency, String transferGroup);

    /** The transfer made for {@code transferGroup}, if any (finds a transfer whose recording was interrupted). */
    Optional<Transfer> findTransfer(String transferGroup);

    /** The invoice a payment intent paid, if it paid one (how a refunded charge is traced to its payment). */
    Optional<String> invoiceOfPaymentIntent(String paymentIntentId);

    record CheckoutRequest(SubscriptionMetadata metadata, String priceId, String customerEmail,
                           String successUrl, String cancelUrl) {
    }

    record CheckoutSession(String id, String url) {
    }

    record Transfer(String id, long amountCents, String destination, String transferGroup) {
    }
}
