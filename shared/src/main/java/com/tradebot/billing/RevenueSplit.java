package com.tradebot.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How one amount is shared: the platform keeps {@code revenueSharePercent} of it rounded half-up to the cent, the
 * provider gets the rest, so the two parts always add up to the amount ($99.99 at 20% → $20.00 / $79.99).
 */
public record RevenueSplit(long amountCents, long platformCents, long providerCents) {
    public static final int DEFAULT_REVENUE_SHARE_PERCENT = 20;

    public RevenueSplit {
        if (platformCents + providerCents != amountCents) {
            throw new IllegalArgumentException("split parts must add up to the amount");
        }
    }

    public static RevenueSplit of(long amountCents, int revenueSharePercent) {
        if (amountCents < 0) {
            throw new IllegalArgumentException("amountCents must not be negative");
        }
        if (revenueSharePercent < 0 || revenueSharePercent > 100) {
            throw new IllegalArgumentException("revenueSharePercent must be within 0..100");
        }
        long platform = BigDecimal.valueOf(amountCents).multiply(BigDecimal.valueOf(revenueSharePercent))
                .divide(BigDecimal.valueOf(100), 0, RoundingMode.HALF_UP).longValueExact();
        return new RevenueSplit(amountCents, platform, amountCents - platform);
    }
}
