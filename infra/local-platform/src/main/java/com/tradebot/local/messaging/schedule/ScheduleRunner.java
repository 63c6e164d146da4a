package com.tradebot.local.messaging.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.local.lambda.FunctionInvoker;
import com.tradebot.local.template.ScheduleDef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires the template's schedules. One timer thread only hands each due firing to a worker pool, so a slow function
 * never delays another schedule; each firing computes the next from its own due time, so schedules do not drift.
 */
public final class ScheduleRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduleRunner.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofMinutes(1);

    private final Map<String, Schedule> schedules = new LinkedHashMap<>();
    private final FunctionInvoker invoker;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final ExecutorService workers;

    private record Schedule(ScheduleDef spec, ScheduleExpression expression, JsonNode constantInput) {
    }

    /** Parses every schedule (disabled ones too, so a typo fails at start) and starts the enabled ones. */
    public ScheduleRunner(List<ScheduleDef> specs, FunctionInvoker invoker, Clock clock) {
        this.invoker = invoker;
        this.clock = clock;
        Instant now = clock.instant();
        for (ScheduleDef spec : specs) {
            if (spec.name() == null || spec.name().isBlank() || spec.functionLogicalId() == null) {
                throw new IllegalArgumentException("Schedule needs a name and a function: " + spec);
            }
            ScheduleExpression expression;
            JsonNode input;
            try {
                expression = ScheduleExpression.parse(spec.expression(), now);
                input = spec.inputJson() == null ? null : ScheduledEvents.parseInput(spec.inputJson());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Schedule " + spec.name() + ": " + e.getMessage(), e);
            }
            if (schedules.put(spec.name(), new Schedule(spec, expression, input)) != null) {
                throw new IllegalArgumentException("Duplicate schedule name " + spec.name());
            }
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(daemonThreads("schedule-timer"));
        this.workers = Executors.newCachedThreadPool(daemonThreads("schedule-invoke"));
        schedules.values().stream()
                .filter(schedule -> schedule.spec().enabled())
                .forEach(schedule -> scheduleAfter(schedule, now));
    }

    /**
     * Invokes the schedule's function now, on the calling thread, with the event the schedule would send.
     *
     * @throws NoSuchElementException when no schedule has this name
     * @throws IllegalStateException  when the function failed
     */
    public void fire(String name) {
        Schedule schedule = schedules.get(name);
        if (schedule == null) {
            throw new NoSuchElementException("No schedule named " + name);
        }
        try {
            invoke(schedule, clock.instant());
        } catch (FunctionInvoker.FunctionError e) {
            throw new IllegalStateException("Schedule " + name + ": " + schedule.spec().functionLogicalId()
                    + " failed with " + e.errorType() + ": " + e.getMessage(), e);
        }
    }

    private void scheduleAfter(Schedule schedule, Instant after) {
        Optional<Instant> next = schedule.expression().nextFireAfter(after);
        if (next.isEmpty()) {
            LOG.info("Schedule {} has no more fire times", schedule.spec().name());
            return;
        }
        Instant due = next.get();
        long delayMillis = Math.max(0, Duration.between(clock.instant(), due).toMillis());
        try {
            timer.schedule(() -> {
                try {
                    workers.execute(() -> invokeLogged(schedule, due));
                    scheduleAfter(schedule, due);
                } catch (RejectedExecutionException closing) {
                    LOG.debug("Schedule {} stopped", schedule.spec().name());
                }
            }, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            LOG.debug("Schedule {} stopped", schedule.spec().name());
        }
    }

    private void invokeLogged(Schedule schedule, Instant due) {
        try {
            invoke(schedule, due);
        } catch (FunctionInvoker.FunctionError e) {
            LOG.warn("Schedule {}: {} failed with {}: {}", schedule.spec().name(), schedule.spec().functionLogicalId(),
                    e.errorType(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("Schedule {}: {} could not be invoked", schedule.spec().name(),
                    schedule.spec().functionLogicalId(), e);
        }
    }

    private void invoke(Schedule schedule, Instant time) throws FunctionInvoker.FunctionError {
        JsonNode event = schedule.constantInput() != null
                ? schedule.constantInput().deepCopy()
                : ScheduledEvents.scheduledEvent(schedule.spec().name(), time);
        invoker.invoke(schedule.spec().functionLogicalId(), event);
    }

    /** Stops firing; invocations already running finish first. */
    @Override
    public void close() {
        timer.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Scheduled invocations still running after {}", CLOSE_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
