package com.tradebot.strategy.pine;

/** One finding about a Pine script, at a 1-based line and 1-based column. ERROR findings stop the import. */
public record PineDiagnostic(Severity severity, String code, int line, int column, String message) {
    public enum Severity { ERROR, WARNING, INFO }
}
