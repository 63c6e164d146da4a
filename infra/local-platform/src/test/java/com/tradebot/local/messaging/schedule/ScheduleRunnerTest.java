package com.tradebot.local.messaging.schedule;

import com.tradebot.local.template.ScheduleDef;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.local.messaging.LocalMessaging;
import com.tradebot.local.messaging.MessagingSpec;
import com.tradebot.local.messaging.TestInvoker;
import com.tradebot.local.messaging.functions.RecordingScheduledFunction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ScheduleRunnerTest {

    @Test
    void fireScheduleSendsTheEventBridgeScheduledEvent() {
        RecordingScheduledFunction renewals = RecordingScheduledFunction.quick();
        try (LocalMessaging messaging = LocalMessaging.start(0, 0, schedulesOnly(
                        new ScheduleDef("DailyRenewals", "RenewalsFunction", "cron(0 2 * * ? *)", null, true)),
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
        RecordingScheduledFunction payouts = RecordingScheduledFunction.quick();
        try (LocalMessaging messaging = LocalMessaging.start(0, 0, schedulesOnly(
                        new ScheduleDef("MonthlyPayouts", "PayoutsFunction", "rate(1 minute)",
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
                        new ScheduleDef("PriceFeed", "PriceFeedFunction", "rate(1 minute)", null, true)),
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
                new ScheduleDef("Broken", "Fn", "cron(0 2 * * *)", null, true)), new TestInvoker()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Schedule Broken")
                .hasMessageContaining("six fields");
        assertThatThrownBy(() -> LocalMessaging.start(0, 0, schedulesOnly(
                new ScheduleDef("BadInput", "Fn", "rate(1 day)", "{not json", true)), new TestInvoker()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Schedule BadInput");
    }

    @Test
    void dueSchedulesFireOnTimeAndBusyFunctionsDoNotDelayTheOthers() {
        // A clock 300 ms before a minute boundary, so an every-minute cron is due almost at once.
        Instant fakeNow = Instant.parse("2026-01-01T00:00:59.700Z");
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), fakeNow));
        CountDownLatch release = new CountDownLatch(1);
        List<RecordingScheduledFunction> busy = List.of(RecordingScheduledFunction.busyUntil(release),
                RecordingScheduledFunction.busyUntil(release), RecordingScheduledFunction.busyUntil(release));
        RecordingScheduledFunction quick = RecordingScheduledFunction.quick();
        TestInvoker invoker = new TestInvoker().register("Quick", quick);
        List<ScheduleDef> specs = new ArrayList<>();
        for (int i = 0; i < busy.size(); i++) {
            invoker.register("Busy" + i, busy.get(i));
            specs.add(new ScheduleDef("BusyJob" + i, "Busy" + i, "cron(* * * * ? *)", null, true));
        }
        // Listed last: a scheduler that ran firings one after another would reach it only after the busy ones.
        specs.add(new ScheduleDef("QuickJob", "Quick", "cron(* * * * ? *)", null, true));
        specs.add(new ScheduleDef("Off", "Quick", "cron(* * * * ? *)", "{\"off\":true}", false));
        try (ScheduleRunner runner = new ScheduleRunner(specs, invoker, clock)) {
            try {
                await().atMost(Duration.ofSeconds(5)).until(() -> quick.events().size() == 1
                        && busy.stream().allMatch(function -> function.events().size() == 1));
            } finally {
                release.countDown();
            }
            assertThat(quick.events().get(0).get("time").asText()).isEqualTo("2026-01-01T00:01:00Z");
            assertThat(busy.get(0).events().get(0).get("time").asText()).isEqualTo("2026-01-01T00:01:00Z");
            assertThat(quick.events().get(0).get("resources").get(0).asText()).endsWith("rule/QuickJob");
            assertThat(quick.events()).noneMatch(event -> event.has("off"));
        }
    }

    private static MessagingSpec schedulesOnly(ScheduleDef... schedules) {
        return new MessagingSpec(List.of(), List.of(), List.of(), List.of(), List.of(schedules));
    }
}
