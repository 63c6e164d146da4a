package com.tradebot.trading.execution;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One message on the executions FIFO queue: execute this signal for this subscription. The message group is the
 * user and the key (a user's orders on one account run in order; different accounts in parallel); the deduplication
 * id is the signal and the subscription, so SQS drops a second send within its 5-minute window and the executor's
 * conditional writes drop anything later.
 */
public record ExecutionRequest(String signalId, String subscriptionId, String userId, String strategyId,
                               String accountRef, String correlationId) {

    /** {@code <userId>#<keyId or paper>}: at most 128 characters of the allowed set. */
    public String messageGroupId() {
        return group(userId, accountRef);
    }

    static String group(String userId, String accountRef) {
        return sanitise(userId + "#" + accountRef);
    }

    public String deduplicationId() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((signalId + "|" + subscriptionId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sanitise(String value) {
        String cleaned = value.replaceAll("[^A-Za-z0-9!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~]", "_");
        return cleaned.length() > 128 ? cleaned.substring(0, 128) : cleaned;
    }
}
