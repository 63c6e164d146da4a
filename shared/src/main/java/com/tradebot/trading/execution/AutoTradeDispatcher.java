package com.tradebot.trading.execution;

import com.tradebot.signal.SignalEventMessage;
import com.tradebot.signal.SignalStatus;
import com.tradebot.signal.track.TrackRecordEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a new entry signal into one execution request per subscription of its strategy with auto-trade on. Whether
 * the subscription is still live, and everything else, is checked by the executor at execution time, so this step
 * is one GSI query and SendMessageBatch calls; a redelivered signal event queues requests SQS drops by their
 * deduplication id (and the executor by its records after the 5-minute window).
 *
 * <p>A signal that ends (closed, stop-loss or take-profit hit, cancelled) becomes one close request per follower
 * holding an order on it, found on the orders-by-signal index (whether auto-trade is still on does not matter: the
 * position is there either way). The executor skips positions already closed.
 */
public final class AutoTradeDispatcher {
    private final ExecutionSettingsRepository settings;
    private final ExecutionRepository executions;
    private final ExecutionQueue queue;

    public AutoTradeDispatcher(ExecutionSettingsRepository settings, ExecutionRepository executions,
                               ExecutionQueue queue) {
        this.settings = settings;
        this.executions = executions;
        this.queue = queue;
    }

    /** Returns how many execution or close requests were queued (0 for an update or a non-entry signal). */
    public int dispatch(SignalEventMessage event) {
        if (event.signal() == null || !"ENTRY".equals(event.signal().type())) {
            return 0;
        }
        if (TrackRecordEvent.OPENED.equals(event.kind())) {
            return dispatchEntry(event);
        }
        String reason = closeReason(event);
        return reason == null ? 0 : dispatchClose(event, reason);
    }

    private int dispatchEntry(SignalEventMessage event) {
        List<ExecutionRequest> requests = new ArrayList<>();
        for (ExecutionSettings trader : settings.autoTraders(event.strategyId())) {
            if (trader.userId().equals(event.signal().ownerId())) {
                continue; // a provider does not copy their own signal through the platform
            }
            requests.add(new ExecutionRequest(event.signal().id(), trader.subscriptionId(), trader.userId(),
                    event.strategyId(), AutoTradeExecutor.accountRef(trader), event.correlationId()));
        }
        if (!requests.isEmpty()) {
            queue.send(requests);
        }
        return requests.size();
    }

    private int dispatchClose(SignalEventMessage event, String reason) {
        List<SignalCloseRequest> requests = new ArrayList<>();
        for (ExecutionRepository.SignalOrder order : executions.ordersOfSignal(event.signal().id())) {
            requests.add(SignalCloseRequest.of(event.eventId(), event.signal().id(), order.userId(),
                    order.positionId(), order.accountRef(), reason, event.correlationId()));
        }
        if (!requests.isEmpty()) {
            queue.sendCloses(requests);
        }
        return requests.size();
    }

    /** The positions' close reason for an ending event; null for any other event. */
    static String closeReason(SignalEventMessage event) {
        if (TrackRecordEvent.CANCELLED.equals(event.kind())) {
            return SignalCloseRequest.SIGNAL_CANCELLED;
        }
        if (!TrackRecordEvent.CLOSED.equals(event.kind())) {
            return null;
        }
        SignalStatus status = event.signal().status();
        return SignalCloseRequest.reasonFor(status == SignalStatus.CANCELLED ? SignalStatus.CLOSED : status);
    }
}
