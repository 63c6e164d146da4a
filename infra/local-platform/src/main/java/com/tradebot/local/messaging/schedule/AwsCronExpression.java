package com.tradebot.local.messaging.schedule;

import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * EventBridge's six-field cron ({@code minutes hours day-of-month month day-of-week year}, with {@code ? L W #},
 * ranges, lists, steps and names). It is Quartz's cron without the seconds field (same day-of-week numbering,
 * 1 = SUN, and the same rule that one of the two day fields is {@code ?}), so Quartz's parser evaluates it with
 * seconds fixed at 0.
 */
public final class AwsCronExpression implements ScheduleExpression {

    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private final String expression;
    private final CronExpression quartz;

    private AwsCronExpression(String expression, CronExpression quartz) {
        this.expression = expression;
        this.quartz = quartz;
    }

    static AwsCronExpression parse(String body) {
        String[] fields = body.trim().split("\\s+");
        if (fields.length != 6) {
            throw new IllegalArgumentException("cron(" + body + ") must have six fields: minutes hours day-of-month "
                    + "month day-of-week year");
        }
        if (!fields[2].equals("?") && !fields[4].equals("?")) {
            throw new IllegalArgumentException("cron(" + body + "): one of day-of-month and day-of-week must be ?");
        }
        try {
            CronExpression quartz = new CronExpression("0 " + String.join(" ", fields));
            quartz.setTimeZone(UTC);
            return new AwsCronExpression(body.trim(), quartz);
        } catch (ParseException e) {
            throw new IllegalArgumentException("cron(" + body + ") is not valid: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Instant> nextFireAfter(Instant after) {
        Date next = quartz.getNextValidTimeAfter(Date.from(after));
        return Optional.ofNullable(next).map(Date::toInstant);
    }

    @Override
    public String toString() {
        return "cron(" + expression + ")";
    }
}
