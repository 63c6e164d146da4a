package com.tradebot.dynamodb.table;

/** The TTL setting of a table: the attribute holding the expiry (epoch seconds) and whether it is on. */
public record TimeToLive(String attributeName, boolean enabled) {
    public static final TimeToLive DISABLED = new TimeToLive(null, false);
}
