package com.tradebot.local.messaging.schedule;

import java.time.Instant;
import java.util.Optional;

/** An EventBridge schedule expression, {@code rate(...)} or {@code cron(...)}, evaluated in UTC. */
public sealed interface ScheduleExpression permits RateExpression, AwsCronExpression {

    /**
     * @param anchor when the rule was created: rate schedules count their periods from it
     * @throws IllegalArgumentException with the reason when the expression is not valid
     */
    static ScheduleExpression parse(String expression, Instant anchor) {
        if (expression == null) {
            throw new IllegalArgumentException("Schedule expression is required");
        }
        String trimmed = expression.trim();
        if (trimmed.startsWith("rate(") && trimmed.endsWith(")")) {
            return RateExpression.parse(trimmed.substring(5, trimmed.length() - 1), anchor);
        }
        if (trimmed.startsWith("cron(") && trimmed.endsWith(")")) {
            return AwsCronExpression.parse(trimmed.substring(5, trimmed.length() - 1));
        }
        throw new IllegalArgumentException("Schedule expression must be rate(...) or cron(...): " + expression);
    }

    /** The first fire time strictly after {@code after}, or empty when the schedule never fires again. */
    Optional<Instant> nextFireAfter(Instant after);
}
