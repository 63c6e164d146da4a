package com.tradebot.local.rest;

/** Fires a schedule of the template now (the local-only {@code POST /_local/schedules/{name}}). */
@FunctionalInterface
public interface ScheduleTrigger {
    /** @throws java.util.NoSuchElementException when the template has no schedule of that name */
    void fire(String scheduleName);
}
