package com.tradebot.local.messaging.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.local.messaging.LocalMessaging;
import com.tradebot.local.messaging.MessagingSpec;
import com.tradebot.local.messaging.ScheduleSpec;
import com.tradebot.local.messaging.TestInvoker;
import com.tradebot.local.messaging.functions.RecordingScheduledFunction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class ScheduleRunnerTest {

    @Test
    void fireScheduleSendsTheEventBridgeScheduledEvent() {
        RecordingScheduledFunction renewals = new RecordingScheduledFunction(Duration.ZERO);
        try (LocalMessaging messaging = LocalMessaging.start(0, 0, schedulesOnly(
                        new ScheduleSpec("DailyRenewals", "RenewalsFunction", "cron(0 2 * * ? *)", null, true)),
                new TestInvoker().register("RenewalsFunction", renewals))) {
            Instant before = Instant.now().minusSeconds(1);
            messaging.fireSchedule("DailyRenewals");

            assertThat(renewals.events()).hasSize(1);
            JsonNode event = renewals.events().get(0);
            assertThat(event.get("version").asText()).isEqualTo("0");
            assertThat(event.get("id").asText()).hasSize(36);
            assertThat(event.get("detail-type").asText()).isEqualTo("Scheduled Event");
            assertThat(event.get("source").asText()).isEqualTo("aws.events");
            assertThat(event.get("account").asText()).isEqualTo("000000000000");
            assertThat(event.get("region").asText()).isEqualTo("us-east-1");
            assertThat(Instant.parse(event.get("time").asText())).isBetween(before, Instant.now());
            assertThat(event.get("resources")).hasSize(1);
            assertThat(event.get("resources").get(0).asText())
                    .isEqualTo("arn:aws:events:us-east-1:000000000000:rule/DailyRenewals");
            assertThat(event.get("detail").isObject()).isTrue();
            assertThat(event.get("detail").isEmpty()).isTrue();
        }
    }

    @Test
    void constantInputReplacesTheScheduledEventAndDisabledSchedulesFireOnlyByHand() {
        RecordingScheduledFunction payouts = new RecordingScheduledFunction(Duration.ZERO);
        try (LocalMessaging messaging = LocalMessaging.start(0, 0, schedulesOnly(
                        new ScheduleSpec("MonthlyPayouts", "PayoutsFunction", "rate(1 minute)",
                                "{\"job\":\"payouts\",\"dryRun\":true}", false)),
                new TestInvoker().register("PayoutsFunction", payouts))) {
            messaging.fireSchedule("MonthlyPayouts");

            assertThat(payouts.events()).hasSize(1);
            assertThat(payouts.events().get(0).toString()).isEqualTo("{\"job\":\"payouts\",\"dryRun\":true}");
        }
    }

    @Test
    void fireScheduleReportsAFailedFunctionAndAnUnknownName() {
        RequestHandler<JsonNode, Void> failing = (event, context) -> {
            throw new IllegalStateException("exchange down");
        };
        try (LocalMessaging messaging = LocalMessaging.start(0, 0, schedulesOnly(
                        new ScheduleSpec("PriceFeed", "PriceFeedFunction", "rate(1 minute)", null, true)),
                new TestInvoker().register("PriceFeedFunction", failing))) {
            assertThatThrownBy(() -> messaging.fireSchedule("PriceFeed"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("PriceFeedFunction failed with java.lang.IllegalStateException: exchange down");
            assertThatThrownBy(() -> messaging.fireSchedule("Nope")).isInstanceOf(NoSuchElementException.class);
        }
    }

    @Test
    void invalidScheduleFailsTheStartWithItsName() {
        assertThatThrownBy(() -> LocalMessaging.start(0, 0, schedulesOnly(
                new ScheduleSpec("Broken", "Fn", "cron(0 2 * * *)", null, true)), new TestInvoker()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Schedule Broken")
                .hasMessageContaining("six fields");
        assertThatThrownBy(() -> LocalMessaging.start(0, 0, schedulesOnly(
                new ScheduleSpec("BadInput", "Fn", "rate(1 day)", "{not json", true)), new TestInvoker()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Schedule BadInput");
    }

    @Test
    void dueSchedulesFireOnTimeAndASlowFunctionDoesNotDelayTheOthers() {
        // A clock 300 ms before a minute boundary, so an every-minute cron is due almost at once.
        Instant fakeNow = Instant.parse("2026-01-01T00:00:59.700Z");
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), fakeNow));
        RecordingScheduledFunction slow = new RecordingScheduledFunction(Duration.ofMillis(1500));
        RecordingScheduledFunction fast = new RecordingScheduledFunction(Duration.ZERO);
        TestInvoker invoker = new TestInvoker().register("Slow", slow).register("Fast", fast);
        try (ScheduleRunner runner = new ScheduleRunner(List.of(
                new ScheduleSpec("SlowJob", "Slow", "cron(* * * * ? *)", null, true),
                new ScheduleSpec("FastJob", "Fast", "cron(* * * * ? *)", null, true),
                new ScheduleSpec("Off", "Fast", "cron(* * * * ? *)", "{\"off\":true}", false)), invoker, clock)) {

            await().atMost(Duration.ofSeconds(5)).until(() -> fast.events().size() == 1 && slow.events().size() == 1);
            long fastDoneAt = System.nanoTime();
            assertThat(fast.events().get(0).get("time").asText()).isEqualTo("2026-01-01T00:01:00Z");
            assertThat(slow.events().get(0).get("time").asText()).isEqualTo("2026-01-01T00:01:00Z");
            assertThat(fast.events().get(0).get("resources").get(0).asText()).endsWith("rule/FastJob");
            // The slow function is still sleeping (1.5 s) while the fast one has already run.
            assertThat(Duration.ofNanos(System.nanoTime() - fastDoneAt)).isLessThan(Duration.ofMillis(1500));
            assertThat(fast.events()).noneMatch(event -> event.has("off"));
        }
    }

    private static MessagingSpec schedulesOnly(ScheduleSpec... schedules) {
        return new MessagingSpec(List.of(), List.of(), List.of(), List.of(), List.of(schedules));
    }
}
