package com.tradebot.signal.fanout;

import com.tradebot.signal.SignalEventMessage;
import java.util.List;

/**
 * One message on the deliveries queue: a signal event and up to {@link SignalDispatcher#BATCH_SIZE} subscribers (the first batch also the owner), each
 * with the WebSocket connections that asked for the strategy. {@code notified} is false for the strategy's owner (who
 * sees their own signals but gets no notification about them).
 */
public record DeliveryBatch(SignalEventMessage event, int index, List<Recipient> recipients) {
    public record Recipient(String userId, List<String> connectionIds, boolean notified) {
    }
}
