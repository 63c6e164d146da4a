package com.tradebot.functions.edge;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;

/** Base of EventBridge-scheduled functions; the event's id is the correlation id of what the run logs. */
public abstract class ScheduledHandler<O> extends EdgeHandler<ScheduledEvent, O> {
    protected abstract O run(ScheduledEvent event);

    @Override
    protected final O handle(ScheduledEvent event, Invocation invocation) {
        return run(event);
    }

    @Override
    protected String correlationId(ScheduledEvent event) {
        return event == null ? null : event.getId();
    }
}
