package com.tradebot.trading.risk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The exchange {@code clientOrderId} of a follower's order, derived from (signal id, user id) alone, so every
 * retry of the same execution names the same order. 32 characters of {@code [a-z0-9]}: within the limits of
 * Binance (36), Bybit (36), Bitget (40) and MEXC (32).
 */
public final class ClientOrderIds {
    private ClientOrderIds() {
    }

    /** The entry order's id. */
    public static String entry(String signalId, String userId) {
        return derive("entry", signalId, userId);
    }

    /** The protective stop's id. */
    public static String stop(String signalId, String userId) {
        return derive("stop", signalId, userId);
    }

    private static String derive(String role, String signalId, String userId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((role + "|" + signalId + "|" + userId).getBytes(StandardCharsets.UTF_8));
            return "tb" + HexFormat.of().formatHex(digest).substring(0, 30);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
