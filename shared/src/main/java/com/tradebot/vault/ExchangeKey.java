package com.tradebot.vault;

import java.time.Instant;
import java.util.List;

/** A stored exchange credential as listed: never the secret, only the last four characters of the key. */
public record ExchangeKey(String id, String userId, String exchange, String maskedKey, List<String> permissions,
                          boolean testnet, Instant createdAt) {
}
