package com.tradebot.common;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Reads a function's configuration. On Lambda that is the process environment. The local platform runs many
 * functions in one JVM, each with its own environment from template.yaml, so it sets per-thread overrides around
 * each handler construction and invocation.
 */
public final class Env {
    private static final ThreadLocal<Map<String, String>> OVERRIDES = new ThreadLocal<>();

    private Env() {
    }

    public static Optional<String> find(String name) {
        Map<String, String> overrides = OVERRIDES.get();
        String value = overrides != null && overrides.containsKey(name) ? overrides.get(name) : System.getenv(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    public static String get(String name, String defaultValue) {
        return find(name).orElse(defaultValue);
    }

    public static String require(String name) {
        return find(name).orElseThrow(() -> new IllegalStateException("Missing configuration: " + name));
    }

    /** Runs {@code body} with {@code variables} visible through this class on the current thread. */
    public static <T> T withOverrides(Map<String, String> variables, Callable<T> body) throws Exception {
        Map<String, String> previous = OVERRIDES.get();
        OVERRIDES.set(Collections.unmodifiableMap(variables)); // a view, so a test can observe what is read
        try {
            return body.call();
        } finally {
            if (previous == null) {
                OVERRIDES.remove();
            } else {
                OVERRIDES.set(previous);
            }
        }
    }
}
