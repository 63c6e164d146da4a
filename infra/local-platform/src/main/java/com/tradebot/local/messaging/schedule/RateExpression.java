package com.tradebot.local.messaging.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code rate(N minute|minutes|hour|hours|day|days)}: fires every period, counted from the anchor. */
public record RateExpression(Duration period, Instant anchor) implements ScheduleExpression {

    private static final Pattern SYNTAX = Pattern.compile("\\s*(\\d{1,9})\\s+([a-z]+)\\s*");
    private static final Map<String, Duration> UNITS = Map.of("minute", Duration.ofMinutes(1),
            "hour", Duration.ofHours(1), "day", Duration.ofDays(1));

    static RateExpression parse(String body, Instant anchor) {
        Matcher matcher = SYNTAX.matcher(body);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("rate(" + body + ") must be rate(<positive integer> <unit>)");
        }
        long value = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2);
        // EventBridge insists on the singular for 1 and the plural otherwise.
        String singular = value == 1 ? unit : unit.endsWith("s") ? unit.substring(0, unit.length() - 1) : "";
        if (value < 1 || !UNITS.containsKey(singular) || (value == 1) == unit.endsWith("s")) {
            throw new IllegalArgumentException("rate(" + body + "): the value must be a positive integer and the unit "
                    + "minute, hour or day (singular for 1, plural otherwise)");
        }
        return new RateExpression(UNITS.get(singular).multipliedBy(value), anchor);
    }

    @Override
    public Optional<Instant> nextFireAfter(Instant after) {
        if (after.isBefore(anchor)) {
            return Optional.of(anchor.plus(period));
        }
        long periodsElapsed = Duration.between(anchor, after).dividedBy(period);
        return Optional.of(anchor.plus(period.multipliedBy(periodsElapsed + 1)));
    }
}
