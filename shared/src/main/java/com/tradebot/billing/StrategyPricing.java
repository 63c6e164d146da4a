package com.tradebot.billing;

/**
 * A strategy's Stripe Product and monthly Price. A new price is a new Stripe Price (prices are immutable); the old
 * one is archived, so new checkouts use the new price while existing subscriptions keep theirs until they renew
 * onto it. The strategy record stores the returned {@link Pricing}.
 */
public final class StrategyPricing {
    private final PaymentsGateway gateway;

    public StrategyPricing(PaymentsGateway gateway) {
        this.gateway = gateway;
    }

    /** What the strategy record keeps: Stripe ids, the amount they charge and the price revision. */
    public record Pricing(String productId, String priceId, long monthlyPriceCents, String currency, int revision) {
    }

    /** The pricing for {@code monthlyPriceCents}, creating the product and/or a new price when needed. */
    public Pricing price(String strategyId, String name, Pricing current, long monthlyPriceCents, String currency) {
        if (monthlyPriceCents <= 0) {
            throw new IllegalArgumentException("a paid strategy needs a positive monthly price");
        }
        if (current != null && current.monthlyPriceCents() == monthlyPriceCents
                && current.currency().equals(currency)) {
            return current;
        }
        String productId = current != null ? current.productId() : gateway.createProduct(strategyId, name);
        int revision = current == null ? 1 : current.revision() + 1;
        String priceId = gateway.createMonthlyPrice(strategyId, productId, monthlyPriceCents, currency, revision);
        if (current != null) {
            gateway.archivePrice(current.priceId());
        }
        return new Pricing(productId, priceId, monthlyPriceCents, currency, revision);
    }
}
