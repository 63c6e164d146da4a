package com.tradebot.billing;

/** The subscription states billing reads and moves between; the subscription record owns them. */
public enum BillingStatus {
    PENDING, ACTIVE, PAST_DUE, PAUSED, CANCELLED, EXPIRED;

    /** No payment event brings a cancelled or expired subscription back; a new checkout does. */
    public boolean terminal() {
        return this == CANCELLED || this == EXPIRED;
    }
}
