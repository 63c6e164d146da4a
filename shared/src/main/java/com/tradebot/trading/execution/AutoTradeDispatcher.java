package com.tradebot.trading.execution;

import com.tradebot.signal.SignalEventMessage;
import com.tradebot.signal.track.TrackRecordEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a new entry signal into one execution request per subscription of its strategy with auto-trade on. Whether
 * the subscription is still live, and everything else, is checked by the executor at execution time, so this step
 * is one GSI query and SendMessageBatch calls; a redelivered signal event queues requests SQS drops by their
 * deduplication id (and the executor by its records after the 5-minute window).
 */
public final class AutoTradeDispatcher {
    private final ExecutionSettingsRepository settings;
    private final ExecutionQueue queue;

    public AutoTradeDispatcher(ExecutionSettingsRepository settings, ExecutionQueue queue) {
        this.settings = settings;
        this.queue = queue;
    }

    /** Returns how many execution requests were queued (0 for anything but a new ENTRY signal). */
    public int dispatch(SignalEventMessage event) {
        if (!TrackRecordEvent.OPENED.equals(event.kind()) || event.signal() == null
                || !"ENTRY".equals(event.signal().type())) {
            return 0;
        }
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
}
