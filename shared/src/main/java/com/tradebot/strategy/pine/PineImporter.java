package com.tradebot.strategy.pine;

import com.tradebot.backtest.rules.RuleError;
import com.tradebot.backtest.rules.RuleParser;
import com.tradebot.backtest.rules.RuleValidationException;
import com.tradebot.strategy.pine.PineDiagnostic.Severity;
import com.tradebot.strategy.pine.grammar.PineLexer;
import com.tradebot.strategy.pine.grammar.PineParser;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;

/**
 * Pine Script v5 → rule document. Parses with the ANTLR grammar ({@code src/main/antlr4}), translates the supported
 * subset and checks the result with the backtester's own {@link RuleParser}; any syntax error or unsupported
 * construct fails the import with every finding and its line and column, so nothing is dropped silently.
 */
public final class PineImporter {
    public static final int MAX_SOURCE_CHARS = 64 * 1024;
    private static final Pattern VERSION = Pattern.compile("//\\s*@version\\s*=\\s*(\\d+)");

    private PineImporter() {
    }

    public static PineImport translate(String source) {
        if (source == null || source.isBlank()) {
            throw new PineImportException(List.of(new PineDiagnostic(Severity.ERROR, "EMPTY_SCRIPT", 1, 1,
                    "the script is empty")));
        }
        if (source.length() > MAX_SOURCE_CHARS) {
            throw new PineImportException(List.of(new PineDiagnostic(Severity.ERROR, "SCRIPT_TOO_LARGE", 1, 1,
                    "the script has more than " + MAX_SOURCE_CHARS + " characters")));
        }
        List<PineDiagnostic> syntax = new ArrayList<>();
        Matcher version = VERSION.matcher(source);
        if (!version.find()) {
            syntax.add(new PineDiagnostic(Severity.INFO, "NO_VERSION", 1, 1, "no //@version annotation; read as v5"));
        } else if (!version.group(1).equals("5")) {
            syntax.add(new PineDiagnostic(Severity.WARNING, "VERSION", lineOf(source, version.start()), 1,
                    "written for Pine v" + version.group(1) + "; this importer reads v5"));
        }
        BaseErrorListener listener = new BaseErrorListener() {
            @Override
            public void syntaxError(Recognizer<?, ?> recognizer, Object offending, int line, int column, String msg,
                                    RecognitionException e) {
                syntax.add(new PineDiagnostic(Severity.ERROR, "SYNTAX_ERROR", line, column + 1, msg));
            }
        };
        PineLexer lexer = new PineLexer(CharStreams.fromString(source));
        lexer.removeErrorListeners();
        lexer.addErrorListener(listener);
        PineParser parser = new PineParser(new CommonTokenStream(lexer));
        parser.removeErrorListeners();
        parser.addErrorListener(listener);
        PineParser.ScriptContext tree = parser.script();
        if (syntax.stream().anyMatch(d -> d.severity() == Severity.ERROR)) {
            throw new PineImportException(syntax);
        }
        PineTranslator translator = new PineTranslator();
        PineImport result = translator.translate(tree);
        List<PineDiagnostic> all = new ArrayList<>(syntax);
        all.addAll(result.diagnostics());
        if (all.stream().anyMatch(d -> d.severity() == Severity.ERROR)) {
            throw new PineImportException(all);
        }
        try {
            RuleParser.parse(result.rules());
        } catch (RuleValidationException e) {
            // the translation produced something the backtester rejects: report it rather than hand it on
            for (RuleError r : e.errors()) {
                all.add(new PineDiagnostic(Severity.ERROR, "RULE_CHECK", 1, 1, r.path() + ": " + r.message()));
            }
            throw new PineImportException(all);
        }
        return new PineImport(result.name(), result.rules(), result.backtest(), List.copyOf(all));
    }

    private static int lineOf(String s, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (s.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
