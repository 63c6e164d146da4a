package com.tradebot.local.messaging.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduleExpressionTest {

    private static final Instant ANCHOR = Instant.parse("2026-01-01T00:00:00Z");

    @ParameterizedTest(name = "{0} after {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "rate(1 minute)           | 2026-01-01T00:00:30Z | 2026-01-01T00:01:00Z",
            "rate(1 minute)           | 2026-01-01T00:01:00Z | 2026-01-01T00:02:00Z",
            "rate(5 minutes)          | 2026-01-01T00:00:00Z | 2026-01-01T00:05:00Z",
            "rate(2 hours)            | 2026-01-01T02:00:00Z | 2026-01-01T04:00:00Z",
            "rate(1 day)              | 2026-03-10T12:00:00Z | 2026-03-11T00:00:00Z",
            "rate(3 days)             | 2025-12-31T00:00:00Z | 2026-01-04T00:00:00Z",
            "cron(0 2 * * ? *)        | 2026-11-26T16:00:00Z | 2026-11-27T02:00:00Z",
            "cron(0/15 * * * ? *)     | 2026-11-26T16:07:00Z | 2026-11-26T16:15:00Z",
            "cron(5,35 14 * * ? *)    | 2026-11-26T14:05:00Z | 2026-11-26T14:35:00Z",
            "cron(0 9 ? * MON-FRI *)  | 2026-11-27T10:00:00Z | 2026-11-30T09:00:00Z",
            "cron(0 8-10 ? * SUN *)   | 2026-11-26T00:00:00Z | 2026-11-29T08:00:00Z",
            "cron(0 0 L * ? *)        | 2026-02-10T00:00:00Z | 2026-02-28T00:00:00Z",
            "cron(0 0 LW * ? *)       | 2026-11-01T00:00:00Z | 2026-11-30T00:00:00Z",
            "cron(0 12 15W * ? *)     | 2026-02-01T00:00:00Z | 2026-02-16T12:00:00Z",
            "cron(0 10 ? * 6#3 *)     | 2026-11-01T00:00:00Z | 2026-11-20T10:00:00Z",
            "cron(0 0 ? * 6L *)       | 2026-11-01T00:00:00Z | 2026-11-27T00:00:00Z",
            "cron(30 8 1 JAN,JUL ? *) | 2026-02-01T00:00:00Z | 2026-07-01T08:30:00Z",
            "cron(0 0 1 1 ? 2027)     | 2026-11-26T00:00:00Z | 2027-01-01T00:00:00Z",
    })
    void nextFireTimeIsComputedInUtc(String expression, String after, String expected) {
        assertThat(ScheduleExpression.parse(expression, ANCHOR).nextFireAfter(Instant.parse(after)))
                .contains(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cron(0 0 1 1 ? 2027)", "cron(0 0 29 2 ? 2027)"})
    void scheduleWithNoFutureFireTimeEnds(String expression) {
        assertThat(ScheduleExpression.parse(expression, ANCHOR).nextFireAfter(Instant.parse("2027-01-01T00:00:00Z")))
                .isEqualTo(Optional.empty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rate(1 minutes)", "rate(5 minute)", "rate(0 minutes)", "rate(-1 minutes)",
            "rate(2 weeks)", "rate(minutes)", "cron(0 2 * * * *)", "cron(0 2 * * ?)", "cron(61 * * * ? *)",
            "cron(0 25 * * ? *)", "cron(0 0 ? * 9 *)", "every minute", ""})
    void invalidExpressionsAreRejectedWithTheReason(String expression) {
        assertThatThrownBy(() -> ScheduleExpression.parse(expression, ANCHOR))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(expression.isEmpty() ? "rate(...) or cron(...)" : expression.substring(0, 4));
    }
}
