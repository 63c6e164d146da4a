package com.tradebot.backtest.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tradebot.backtest.catalogue.StrategyCatalogue;
import com.tradebot.backtest.engine.Direction;
import com.tradebot.backtest.engine.IndicatorCache;
import com.tradebot.backtest.engine.SignalEvaluator;
import com.tradebot.backtest.engine.Bits;
import com.tradebot.backtest.engine.Signals;
import com.tradebot.marketdata.CandleSeries;
import com.tradebot.marketdata.Timeframe;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleParserTest {
    static StrategyDefinition parse(String json) throws Exception {
        return RuleParser.parse(new ObjectMapper().readTree(json));
    }

    static RuleValidationException failure(String json) {
        return (RuleValidationException) org.assertj.core.api.Assertions.catchThrowable(() -> parse(json));
    }

    @Test
    void errorsPointAtTheOffendingNode() {
        assertThat(failure("""
                {"indicators": {"fast": {"type": "EMA", "period": 9}},
                 "entryLong": {"and": [{"gt": ["fast", "close"]}, {"crossUp": ["fast", "slowww"]}]}}
                """).errors()).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("/entryLong/and/1/crossUp/1");
            assertThat(e.message()).contains("unknown indicator or price 'slowww'");
        });
        assertThat(failure("""
                {"indicators": {"x": {"type": "EMAA", "period": 9}}, "entryLong": {"gt": ["x", 1]}}
                """).errors()).extracting(RuleError::path).containsExactly("/indicators/x/type");
        assertThat(failure("""
                {"indicators": {"x": {"type": "EMA", "period": 2.5, "lenght": 3}}, "entryLong": {"xor": ["x", 1]}}
                """).errors()).extracting(RuleError::path)
                .containsExactly("/indicators/x/period", "/indicators/x/lenght", "/entryLong/xor");
        assertThat(failure("""
                {"indicators": {"a": {"type": "EMA", "input": "b", "period": 3}, "b": {"type": "SMA", "input": "a", "period": 3}},
                 "entryLong": {"gt": ["a", "b"]}}
                """).errors()).extracting(RuleError::message).anyMatch(m -> m.contains("refers to itself"));
        assertThat(failure("{\"entryLong\": {\"gt\": [1, 2]}}").errors()).extracting(RuleError::path)
                .containsExactly("/entryLong/gt");
        assertThat(failure("{\"exitLong\": {\"gt\": [\"close\", 2]}}").errors()).isNotEmpty();
        assertThat(failure("""
                {"indicators": {"x": {"type": "EMA", "period": "$p"}}, "entryLong": {"gt": ["x", "close"]}}
                """).errors()).extracting(RuleError::message).anyMatch(m -> m.contains("unknown parameter '$p'"));
    }

    @Test
    void parametersAreBoundAndChecked() {
        StrategyDefinition rsiMacd = StrategyCatalogue.find("RSI_MACD").orElseThrow();
        assertThat(rsiMacd.bind(Map.of("rsiPeriod", 10))).containsEntry("rsiPeriod", 10.0).containsEntry("macdSlow", 26.0);
        assertThatThrownBy(() -> rsiMacd.bind(Map.of("rsiPeriodd", 10))).isInstanceOf(RuleValidationException.class)
                .hasMessageContaining("unknown parameter 'rsiPeriodd'");
        assertThatThrownBy(() -> rsiMacd.bind(Map.of("rsiPeriod", 1000))).hasMessageContaining("between 2 and 200");
        assertThatThrownBy(() -> rsiMacd.bind(Map.of("rsiPeriod", 7.5))).hasMessageContaining("whole number");
        assertThatThrownBy(() -> rsiMacd.bind(Map.of("macdFast", 30))).hasMessageContaining("macdFast (30) must be < macdSlow (26)");
    }

    @Test
    void expressiveEnoughForACommonTradingViewStrategy() throws Exception {
        // "Golden cross with RSI filter and ATR volatility filter", not(...) and nested inline indicators
        StrategyDefinition def = parse("""
                {"parameters": {"len": {"default": 3, "min": 2, "max": 50}},
                 "indicators": {"fast": {"type": "SMA", "period": "$len"}, "slow": {"type": "SMA", "period": 5},
                                "atr": {"type": "ATR", "period": 3}},
                 "entryLong": {"and": [{"crossUp": ["fast", "slow"]}, {"not": {"gt": [{"type": "RSI", "period": 3}, 95]}},
                                        {"gte": ["atr", 0]}]},
                 "exitLong": {"crossDown": ["fast", "slow"]}}
                """);
        CandleSeries.Builder b = new CandleSeries.Builder(Timeframe.M1);
        double[] closes = {10, 9, 8, 7, 6, 7, 8, 9, 10, 11, 10, 9, 8, 7};
        for (int i = 0; i < closes.length; i++) {
            b.add(i * 60_000L, closes[i], closes[i] + 0.5, closes[i] - 0.5, closes[i], 1);
        }
        Signals s = new SignalEvaluator(new IndicatorCache(b.build())).evaluate(def, def.bind(Map.of()), Direction.BOTH);
        assertThat(s.warmupBars()).isEqualTo(5);
        int entry = indexOf(s.entryLong());
        int exit = indexOf(s.exitLong());
        assertThat(entry).isBetween(5, 8);
        assertThat(exit).isGreaterThan(entry);
        assertThat(s.entryShort()).isNull();
    }

    static int indexOf(long[] b) {
        int i = Bits.next(b, 0, b.length * 64);
        return i == b.length * 64 ? -1 : i;
    }
}
