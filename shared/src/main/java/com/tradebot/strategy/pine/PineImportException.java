package com.tradebot.strategy.pine;

import java.util.List;

/** The script uses something the rule language cannot express (or does not parse); every finding has a position. */
public final class PineImportException extends RuntimeException {
    private final List<PineDiagnostic> diagnostics;

    public PineImportException(List<PineDiagnostic> diagnostics) {
        super(summary(diagnostics), null, false, false);
        this.diagnostics = List.copyOf(diagnostics);
    }

    private static String summary(List<PineDiagnostic> diagnostics) {
        List<PineDiagnostic> errors = diagnostics.stream()
                .filter(d -> d.severity() == PineDiagnostic.Severity.ERROR).toList();
        if (errors.isEmpty()) {
            return "the Pine script cannot be imported";
        }
        PineDiagnostic first = errors.get(0);
        return errors.size() + " problem(s) in the Pine script; first at line " + first.line() + ", column "
                + first.column() + ": " + first.message();
    }

    public List<PineDiagnostic> diagnostics() {
        return diagnostics;
    }
}
