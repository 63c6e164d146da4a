package com.tradebot.health;

import java.time.Instant;
import java.util.Map;

/** The result of one health check: overall status, version, and each dependency's status and latency. */
public record HealthReport(String status, String version, Instant time, Map<String, Check> checks) {
    public record Check(String status, long latencyMs, String error) {
    }

    public boolean healthy() {
        return "ok".equals(status);
    }
}
