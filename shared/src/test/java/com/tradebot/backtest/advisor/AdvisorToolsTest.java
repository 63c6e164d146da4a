package com.tradebot.backtest.advisor;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradebot.backtest.BacktestRunner;
import com.tradebot.backtest.catalogue.StrategyCatalogue;
import com.tradebot.backtest.engine.Direction;
import com.tradebot.backtest.engine.SimulationSettings;
import com.tradebot.backtest.rules.StrategyDefinition;
import com.tradebot.common.Json;
import com.tradebot.marketdata.CandleSeries;
import com.tradebot.marketdata.Resampler;
import com.tradebot.marketdata.Timeframe;
import com.tradebot.marketdata.importer.Ta4jExampleData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The model's tools on a fixed backtest (RSI_MACD both sides, bundled BTC/USD 15m): real backtests or refusals. */
class AdvisorToolsTest {
    private static final CandleSeries BARS = Resampler.resample(Ta4jExampleData.bitstampBtcUsd(), Timeframe.M15);
    private static final StrategyDefinition DEF = StrategyCatalogue.find("RSI_MACD").orElseThrow();
    private static final Map<String, Double> PARAMS = DEF.bind(Map.of());
    private static final SimulationSettings SETTINGS = SimulationSettings.defaults().withDirection(Direction.BOTH);
    private static final RuleBasedAdvisor.Advice ADVICE = RuleBasedAdvisor.advise(BARS, DEF, PARAMS, SETTINGS,
            "reduce drawdown");

    private final Map<String, Object> answer = new LinkedHashMap<>();
    private final AdvisorTools tools;

    AdvisorToolsTest() {
        List<Map<String, Object>> suggestions = new ArrayList<>();
        ADVICE.suggestions().forEach(s -> suggestions.add(AdvisorService.suggestionView(s)));
        answer.put("suggestions", suggestions);
        tools = new AdvisorTools(BARS, DEF, PARAMS, SETTINGS, ADVICE, answer);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> suggestions() {
        return (List<Map<String, Object>>) answer.get("suggestions");
    }

    private AdvisorTools.Result call(String name, String json) {
        return tools.call(name, Json.MAPPER.convertValue(Json.readTree(json), Object.class));
    }

    @Test
    void runBacktestRunsTheChangeOnTheHeldOutBarsAndAddsItAsATestedSuggestion() {
        int before = suggestions().size();
        AdvisorTools.Result r = call("run_backtest", "{\"change\":\"parameter\",\"parameter\":\"rsiPeriod\",\"value\":21}");
        assertThat(r.error()).as(r.content()).isFalse();
        assertThat(suggestions()).hasSize(before + 1);
        Map<String, Object> added = suggestions().get(before);
        assertThat(added.get("change")).isEqualTo("set rsiPeriod to 21 (from 14)");
        assertThat(added.get("proposedBy")).isEqualTo("MODEL");
        Map<String, Double> changed = new LinkedHashMap<>(PARAMS);
        changed.put("rsiPeriod", 21.0);
        int cut = (int) (BARS.size() * RuleBasedAdvisor.IN_SAMPLE_FRACTION);
        var out = BacktestRunner.run("", "", BARS.range(cut, BARS.size()), DEF, changed, SETTINGS).metrics();
        RuleBasedAdvisor.Figures shown = (RuleBasedAdvisor.Figures) added.get("outOfSample");
        assertThat(shown.maxDrawdown()).isEqualTo(out.maxDrawdown());
        assertThat(shown.roi()).isEqualTo(out.roi());
        assertThat(added.get("originalOutOfSample")).isEqualTo(ADVICE.originalOutOfSample());
        assertThat(Json.readTree(r.content()).at("/outOfSample/totalTrades").asInt()).isEqualTo(out.totalTrades());

        // asked again: the same figures, no second entry and no backtest spent
        assertThat(call("run_backtest", "{\"change\":\"parameter\",\"parameter\":\"rsiPeriod\",\"value\":21}")
                .content()).isEqualTo(r.content());
        assertThat(suggestions()).hasSize(before + 1);
    }

    @Test
    void stopLossAndSideChangesUseTheAdvisorsWordingAndTheBacktestBudgetIsBounded() {
        assertThat(Json.readTree(call("run_backtest", "{\"change\":\"stop_loss\",\"stopLossPercent\":2.5}").content())
                .get("change").asText()).isEqualTo("add a stop-loss of 2.5 %");
        assertThat(Json.readTree(call("run_backtest", "{\"change\":\"side\",\"side\":\"long\"}").content())
                .get("change").asText()).isEqualTo("trade the long side only");
        assertThat(call("run_backtest", "{\"change\":\"parameter\",\"parameter\":\"macdSignal\",\"value\":12}").error())
                .isFalse();
        AdvisorTools.Result fourth = call("run_backtest", "{\"change\":\"parameter\",\"parameter\":\"macdSignal\","
                + "\"value\":7}");
        assertThat(fourth.error()).isTrue();
        assertThat(fourth.content()).contains("at most " + AdvisorTools.MAX_BACKTESTS + " backtests");
    }

    @Test
    void everythingOutsideTheAllowlistSchemaOrRangesIsRefusedAndRunsNothing() {
        int before = suggestions().size();
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("unknown tool", "[\"delete_strategy\", {}]");
        refused.put("input must be a JSON object", "[\"run_backtest\", [1, 2]]");
        refused.put("value for rsiPeriod must differ", "[\"run_backtest\", {\"change\":\"parameter\",\"parameter\":\"rsiPeriod\",\"value\":29}]");
        refused.put("a whole number", "[\"run_backtest\", {\"change\":\"parameter\",\"parameter\":\"rsiPeriod\",\"value\":20.5}]");
        refused.put("value must be a number", "[\"run_backtest\", {\"change\":\"parameter\",\"parameter\":\"rsiPeriod\",\"value\":\"21\"}]");
        refused.put("breaks a constraint", "[\"run_backtest\", {\"change\":\"parameter\",\"parameter\":\"oversold\",\"value\":70}]");
        refused.put("parameter must be one of", "[\"run_backtest\", {\"change\":\"parameter\",\"parameter\":\"leverage\",\"value\":2}]");
        refused.put("unexpected argument", "[\"run_backtest\", {\"change\":\"side\",\"side\":\"long\",\"symbol\":\"ETH/USD\"}]");
        refused.put("stopLossPercent must lie in", "[\"run_backtest\", {\"change\":\"stop_loss\",\"stopLossPercent\":0}]");
        refused.put("change must be one of", "[\"run_backtest\", {\"change\":\"leverage\"}]");
        refused.put("index must be an integer", "[\"get_metrics\", {\"subject\":\"suggestion\",\"index\":99,\"sample\":\"inSample\"}]");
        for (Map.Entry<String, String> e : refused.entrySet()) {
            var call = Json.readTree(e.getValue());
            // a fresh set of tools per call, so the per-answer call limit does not answer instead
            AdvisorTools fresh = new AdvisorTools(BARS, DEF, PARAMS, SETTINGS, ADVICE, answer);
            AdvisorTools.Result r = fresh.call(call.get(0).asText(),
                    Json.MAPPER.convertValue(call.get(1), Object.class));
            assertThat(fresh.refusals()).hasSize(1);
            assertThat(r.error()).as(e.getValue()).isTrue();
            assertThat(r.content()).as(e.getValue()).contains(e.getKey());
        }
        assertThat(suggestions()).hasSize(before);
    }

    @Test
    void getMetricsReadsTheFiguresAlreadyComputed() {
        assertThat(Json.readTree(call("get_metrics", "{\"subject\":\"original\",\"sample\":\"outOfSample\"}").content())
                .get("maxDrawdown").asDouble()).isEqualTo(ADVICE.originalOutOfSample().maxDrawdown());
        assertThat(Json.readTree(call("get_metrics", "{\"subject\":\"suggestion\",\"index\":0,\"sample\":\"inSample\"}")
                .content()).at("/inSample/maxDrawdown").asDouble())
                .isEqualTo(ADVICE.suggestions().get(0).inSample().maxDrawdown());
        for (int i = 2; i < AdvisorTools.MAX_TOOL_CALLS; i++) {
            call("get_metrics", "{\"subject\":\"original\",\"sample\":\"inSample\"}");
        }
        assertThat(call("get_metrics", "{\"subject\":\"original\",\"sample\":\"inSample\"}").content())
                .contains("at most " + AdvisorTools.MAX_TOOL_CALLS + " tool calls");
    }

    @Test
    void aSessionStopsAtItsTurnLimitItsDailyBudgetOrItsTimeLimit() {
        AtomicLong now = new AtomicLong();
        NarrationSession turns = new NarrationSession(() -> true, null, 2, now::get);
        assertThat(turns.nextCall()).isEmpty();
        assertThat(turns.lastCall()).isFalse();
        assertThat(turns.nextCall()).isEmpty();
        assertThat(turns.lastCall()).isTrue();
        assertThat(turns.nextCall()).contains("turn limit of 2 model calls reached");

        int[] budget = {1};
        NarrationSession daily = new NarrationSession(() -> budget[0]-- > 0, null, 4, now::get);
        assertThat(daily.nextCall()).isEmpty();
        assertThat(daily.nextCall()).contains("daily LLM call limit reached");
        assertThat(daily.calls()).isEqualTo(1);

        NarrationSession timed = new NarrationSession(() -> true, null, 4, now::get);
        assertThat(timed.nextCall()).isEmpty();
        now.addAndGet(NarrationSession.MAX_DURATION.toNanos() + 1);
        assertThat(timed.nextCall()).get().asString().startsWith("time limit");
    }
}
