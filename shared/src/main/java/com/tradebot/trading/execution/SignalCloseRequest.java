package com.tradebot.trading.execution;

import com.tradebot.signal.SignalStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One message on the executions FIFO queue: the signal this user's position came from ended (closed, stop-loss or
 * take-profit hit, cancelled), so close the position or cancel its unfilled entry. {@code action} tells it apart from
 * an {@link ExecutionRequest} on the same queue. Its message group is the entry's ({@code <userId>#<account>}), so it
 * runs after that account's earlier messages, the entry included; the deduplication id is (signal event, user).
 */
public record SignalCloseRequest(String action, String eventId, String signalId, String userId, String positionId,
                                 String accountRef, String reason, String correlationId) {
    public static final String ACTION = "CLOSE_POSITION";

    /** Close reasons by how the signal ended. */
    public static final String SIGNAL_CLOSE = "SIGNAL_CLOSE";
    public static final String STOP_LOSS = "STOP_LOSS";
    public static final String TAKE_PROFIT = "TAKE_PROFIT";
    public static final String SIGNAL_CANCELLED = "SIGNAL_CANCELLED";

    /** The positions' close reason for a signal that ended in {@code status}. */
    public static String reasonFor(SignalStatus status) {
        return switch (status) {
            case SL_HIT -> STOP_LOSS;
            case TP_HIT -> TAKE_PROFIT;
            case CANCELLED -> SIGNAL_CANCELLED;
            default -> SIGNAL_CLOSE;
        };
    }

    public static SignalCloseRequest of(String eventId, String signalId, String userId, String positionId,
                                        String accountRef, String reason, String correlationId) {
        return new SignalCloseRequest(ACTION, eventId, signalId, userId, positionId, accountRef, reason, correlationId);
    }

    public String messageGroupId() {
        return ExecutionRequest.group(userId, accountRef);
    }

    public String deduplicationId() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("close|" + eventId + "|" + userId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
