package com.tradebot.bench.report;

/**
 * A single measured figure outside the throughput matrix (start-up, memory, reopen).
 *
 * @param target what the issue asks for, or "" when it sets none
 * @param met    "yes", "no" or "" when there is no target
 */
public record ExtraFigure(String measurement, String value, String target, String met) {

    public static ExtraFigure untargeted(String measurement, String value) {
        return new ExtraFigure(measurement, value, "", "");
    }

    public static ExtraFigure targeted(String measurement, String value, String target, boolean met) {
        return new ExtraFigure(measurement, value, target, met ? "yes" : "**no**");
    }
}
