package com.tradebot.functions.jobs.signals;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.tradebot.common.AwsClients;
import com.tradebot.common.Env;
import com.tradebot.functions.edge.ScheduledHandler;
import com.tradebot.signal.SnsSignalEventPublisher;
import com.tradebot.signal.outbox.SignalOutboxRepository;
import com.tradebot.signal.outbox.SignalOutboxSweeper;
import java.time.Clock;
import java.time.Duration;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Scheduled (every minute): publishes signal events that were stored but whose publish to the signals topic failed
 * or never happened, once each, with the message stored beside the event (the outbox).
 */
public final class SignalOutboxSweepHandler extends ScheduledHandler<SignalOutboxSweeper.Result> {
    private static final Logger LOG = LogManager.getLogger(SignalOutboxSweepHandler.class);

    private final SignalOutboxSweeper sweeper;

    public SignalOutboxSweepHandler() {
        this(new SignalOutboxSweeper(new SignalOutboxRepository(AwsClients.dynamoDb(), Env.require("TABLE_NAME")),
                new SnsSignalEventPublisher(AwsClients.sns(), Env.require("SIGNALS_TOPIC_ARN")), Clock.systemUTC(),
                Duration.ofSeconds(Long.parseLong(Env.get("OUTBOX_GRACE_SECONDS",
                        Long.toString(SignalOutboxSweeper.DEFAULT_GRACE.toSeconds()))))));
    }

    public SignalOutboxSweepHandler(SignalOutboxSweeper sweeper) {
        this.sweeper = sweeper;
    }

    @Override
    protected SignalOutboxSweeper.Result run(ScheduledEvent event) {
        SignalOutboxSweeper.Result result = sweeper.sweep();
        if (result.found() > 0) {
            LOG.warn("Signal outbox sweep: {} pending, {} published, {} failed, {} held by another sweep",
                    result.found(), result.published(), result.failed(), result.skipped());
        }
        return result;
    }
}
