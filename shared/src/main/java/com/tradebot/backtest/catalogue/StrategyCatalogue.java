package com.tradebot.backtest.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tradebot.backtest.rules.RuleParser;
import com.tradebot.backtest.rules.StrategyDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in strategies. Each is a document of the rule language (resources next to this class), so catalogue
 * entries and user rule documents run on exactly the same engine; {@link Ta4jReference} builds the same strategies
 * from ta4j's own indicators and rules as the oracle.
 */
public final class StrategyCatalogue {
    public static final List<String> NAMES = List.of("RSI_MACD", "EMA_CROSS", "BOLLINGER_REVERSION", "DONCHIAN_BREAKOUT",
            "RSI_CROSS", "MACD_CROSS", "SUPERTREND");
    private static final Map<String, JsonNode> DOCUMENTS = new LinkedHashMap<>();
    private static final Map<String, StrategyDefinition> DEFINITIONS = new LinkedHashMap<>();

    static {
        ObjectMapper mapper = new ObjectMapper();
        for (String name : NAMES) {
            try (InputStream in = StrategyCatalogue.class.getResourceAsStream(name + ".json")) {
                JsonNode doc = mapper.readTree(in);
                DOCUMENTS.put(name, doc);
                DEFINITIONS.put(name, RuleParser.parse(doc));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private StrategyCatalogue() {
    }

    public static Optional<StrategyDefinition> find(String name) {
        return Optional.ofNullable(name == null ? null : DEFINITIONS.get(name));
    }

    public static JsonNode document(String name) {
        return DOCUMENTS.get(name);
    }
}
