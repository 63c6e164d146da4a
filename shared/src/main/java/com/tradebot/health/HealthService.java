package com.tradebot.health;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks every dependency and reports; the version comes from the build (jar manifest) or configuration. */
public final class HealthService {
    private final List<HealthProbe> probes;
    private final String version;
    private final Clock clock;

    public HealthService(List<HealthProbe> probes, String version, Clock clock) {
        this.probes = List.copyOf(probes);
        this.version = version;
        this.clock = clock;
    }

    public HealthReport check() {
        Map<String, HealthReport.Check> checks = new LinkedHashMap<>();
        boolean healthy = true;
        for (HealthProbe probe : probes) {
            long start = System.nanoTime();
            String error = null;
            try {
                probe.check();
            } catch (Exception e) {
                error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage()));
                healthy = false;
            }
            long latencyMs = (System.nanoTime() - start) / 1_000_000;
            checks.put(probe.name(), new HealthReport.Check(error == null ? "ok" : "unavailable", latencyMs, error));
        }
        return new HealthReport(healthy ? "ok" : "degraded", version, clock.instant(), checks);
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
