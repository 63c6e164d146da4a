package com.tradebot.strategy.pine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each supported construct and each diagnostic, with its position. */
class PineImporterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEAD = "//@version=5\nstrategy(\"T\")\n";

    private static JsonNode rules(String body) {
        return PineImporter.translate(HEAD + body).rules();
    }

    private static List<PineDiagnostic> errors(String body) {
        PineImportException e = catchThrowableOfType(PineImportException.class,
                () -> PineImporter.translate(HEAD + body));
        assertThat(e).as("import must fail").isNotNull();
        return e.diagnostics().stream().filter(d -> d.severity() == PineDiagnostic.Severity.ERROR).toList();
    }

    @Test
    void inputsBecomeParametersAndIndicatorsNamedAfterTheirVariables() throws Exception {
        JsonNode r = rules("len = input.int(14, \"Length\", minval=2, maxval=50)\nlevel = input.float(30.5)\n"
                + "r = ta.rsi(close, len)\nif r < level\n    strategy.entry(\"L\", strategy.long)\n");
        assertThat(r.get("parameters").get("len")).isEqualTo(JSON.readTree(
                "{\"default\":14.0,\"min\":2.0,\"max\":50.0,\"integer\":true}"));
        assertThat(r.get("parameters").get("level").get("integer").asBoolean()).isFalse();
        assertThat(r.get("indicators").get("r")).isEqualTo(JSON.readTree(
                "{\"type\":\"RSI\",\"input\":\"close\",\"period\":\"$len\"}"));
        assertThat(r.get("entryLong")).isEqualTo(JSON.readTree("{\"lt\":[\"r\",\"$level\"]}"));
    }

    @Test
    void nestedIfElseAndWhenCombineIntoOneCondition() throws Exception {
        JsonNode r = rules("f = ta.ema(close, 9)\ns = ta.sma(close, 21)\nif f > s\n    if close > f\n"
                + "        strategy.entry(\"L\", strategy.long)\nelse\n    strategy.close(\"L\", when = close < s)\n");
        assertThat(r.get("entryLong")).isEqualTo(JSON.readTree(
                "{\"and\":[{\"gt\":[\"f\",\"s\"]},{\"gt\":[\"close\",\"f\"]}]}"));
        assertThat(r.get("exitLong")).isEqualTo(JSON.readTree(
                "{\"and\":[{\"not\":{\"gt\":[\"f\",\"s\"]}},{\"lt\":[\"close\",\"s\"]}]}"));
    }

    @Test
    void tuplesHistoryStochAtrAndExtremes() throws Exception {
        JsonNode r = rules("[m, sig, hist] = ta.macd(close, 12, 26, 9)\nk = ta.sma(ta.stoch(close, high, low, 14), 3)\n"
                + "hh = ta.highest(20)\nif ta.crossover(hist, 0) and k < 20 or close > hh[1]\n"
                + "    strategy.entry(\"L\", strategy.long)\n");
        assertThat(r.get("indicators").get("sig")).isEqualTo(JSON.readTree("{\"type\":\"EMA\",\"input\":"
                + "{\"type\":\"MACD\",\"input\":\"close\",\"fast\":12.0,\"slow\":26.0},\"period\":9.0}"));
        assertThat(r.get("indicators").get("k").get("input")).isEqualTo(JSON.readTree(
                "{\"type\":\"STOCH\",\"period\":14.0}"));
        // crossover(hist, 0) is the MACD line crossing its signal line (written inline: same indicators)
        assertThat(r.get("entryLong")).isEqualTo(JSON.readTree("{\"or\":[{\"and\":[{\"crossUp\":["
                + "{\"type\":\"MACD\",\"input\":\"close\",\"fast\":12.0,\"slow\":26.0},"
                + "{\"type\":\"EMA\",\"input\":{\"type\":\"MACD\",\"input\":\"close\",\"fast\":12.0,\"slow\":26.0},"
                + "\"period\":9.0}]},{\"lt\":[\"k\",20.0]}]},"
                + "{\"gt\":[\"close\",{\"type\":\"PREVIOUS\",\"input\":\"hh\",\"bars\":1.0}]}]}"));
    }

    @Test
    void stopAndLimitRelativeToTheEntryBecomeBacktestSettings() {
        PineImport imported = PineImporter.translate(HEAD + "sl = input.float(2.0)\n"
                + "if ta.crossover(close, ta.sma(close, 20))\n    strategy.entry(\"L\", strategy.long)\n"
                + "strategy.exit(\"X\", \"L\", stop = strategy.position_avg_price * (1 - sl / 100), "
                + "limit = strategy.position_avg_price * 1.04)\n");
        assertThat(imported.backtest().get("stopLoss").asDouble()).isEqualTo(0.02);
        assertThat(imported.backtest().get("takeProfit").asDouble()).isEqualTo(0.04);
        assertThat(imported.backtest().get("direction").asText()).isEqualTo("LONG");
        assertThat(imported.diagnostics()).extracting(PineDiagnostic::code).contains("INPUT_FOLDED");
    }

    @Test
    void syntaxErrorsCarryLineAndColumn() {
        List<PineDiagnostic> e = errors("x = (close > \nfor i = 0 to 10\n    x := 1\n");
        assertThat(e).isNotEmpty();
        assertThat(e.get(0).code()).isEqualTo("SYNTAX_ERROR");
        assertThat(e.get(0).line()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void unsupportedFunctionIsReportedAtItsPosition() {
        List<PineDiagnostic> e = errors("v = ta.vwma(close, 20)\nif close > v\n    strategy.entry(\"L\", strategy.long)\n");
        assertThat(e).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("UNSUPPORTED_FUNCTION");
            assertThat(d.line()).isEqualTo(3);
            assertThat(d.column()).isEqualTo(5);
        });
    }

    @Test
    void seriesArithmeticReassignmentFunctionsAndTernaryAreRefused() {
        assertThat(errors("x = close * 1.02 > open\nif x\n    strategy.entry(\"L\", strategy.long)\n"))
                .extracting(PineDiagnostic::code).containsExactly("SERIES_ARITHMETIC");
        assertThat(errors("a = 1\na := 2\nif close > open\n    strategy.entry(\"L\", strategy.long)\n"))
                .extracting(PineDiagnostic::code).containsExactly("MUTABLE_STATE");
        assertThat(errors("f(x) => x * 2\nif close > open\n    strategy.entry(\"L\", strategy.long)\n"))
                .extracting(PineDiagnostic::code).containsExactly("USER_FUNCTION");
        assertThat(errors("c = close > open ? true : false\nif c\n    strategy.entry(\"L\", strategy.long)\n"))
                .extracting(PineDiagnostic::code).contains("UNSUPPORTED_TERNARY");
        assertThat(errors("if close == open\n    strategy.entry(\"L\", strategy.long)\n"))
                .extracting(PineDiagnostic::code).containsExactly("UNSUPPORTED_EQUALITY");
    }

    @Test
    void ordersThatTheEngineCannotPlaceAreRefused() {
        assertThat(errors("if close > open\n    strategy.entry(\"L\", strategy.long, stop = high)\n"))
                .extracting(PineDiagnostic::code).containsExactly("UNSUPPORTED_ORDER");
        assertThat(errors("if close > open\n    strategy.entry(\"L\", strategy.long)\nstrategy.exit(\"X\", \"L\", loss = 100)\n"))
                .extracting(PineDiagnostic::code).containsExactly("UNSUPPORTED_EXIT");
        assertThat(errors("if close > open\n    strategy.entry(\"L\", strategy.long)\nif close < open\n"
                + "    strategy.close(\"Nope\")\n")).extracting(PineDiagnostic::code).containsExactly("UNKNOWN_ENTRY_ID");
        assertThat(errors("x = 1\n")).extracting(PineDiagnostic::code).containsExactly("NO_ENTRIES");
    }

    @Test
    void indicatorScriptsAndEmptyInputAreNotStrategies() {
        PineImportException e = catchThrowableOfType(PineImportException.class,
                () -> PineImporter.translate("//@version=5\nindicator(\"I\")\nplot(close)\n"));
        assertThat(e.diagnostics()).extracting(PineDiagnostic::code).contains("NOT_A_STRATEGY");
        assertThat(catchThrowableOfType(PineImportException.class, () -> PineImporter.translate(" "))
                .diagnostics()).extracting(PineDiagnostic::code).containsExactly("EMPTY_SCRIPT");
    }

    @Test
    void drawingsAreReportedAsIgnoredNotDroppedSilently() {
        PineImport imported = PineImporter.translate(HEAD + "plot(close, color=color.red)\n"
                + "if ta.crossover(close, open)\n    strategy.entry(\"L\", strategy.long)\n");
        assertThat(imported.diagnostics()).anySatisfy(d -> {
            assertThat(d.code()).isEqualTo("IGNORED_DRAWING");
            assertThat(d.line()).isEqualTo(3);
        });
    }
}
