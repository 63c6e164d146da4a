package com.tradebot.health;

/** One dependency the platform needs; {@link #check()} throws when it is unreachable. */
public interface HealthProbe {
    String name();

    void check() throws Exception;
}
