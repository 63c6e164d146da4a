package com.tradebot.e2e;

import java.util.List;
import java.util.Map;

/** Request bodies of the marketplace API, as a client would send them. */
final class Marketplace {
    private Marketplace() {
    }

    static String strategyBody(String name, String monthlyPrice) {
        return Http.json(Map.of("name", name, "description", "EMA 9/21 cross", "type", "TREND", "category", "trend",
                "supportedPairs", List.of("BTCUSDT"), "supportedTimeframes", List.of("1h"),
                "monthlyPrice", new java.math.BigDecimal(monthlyPrice)));
    }

    static String buyBody(String strategyId, String entry, String stop, String target) {
        return Http.json(Map.of("strategyId", strategyId, "pair", "BTC/USDT", "side", "BUY", "timeframe", "1h",
                "entryPrice", new java.math.BigDecimal(entry), "stopLoss", new java.math.BigDecimal(stop),
                "takeProfit", new java.math.BigDecimal(target)));
    }
}
