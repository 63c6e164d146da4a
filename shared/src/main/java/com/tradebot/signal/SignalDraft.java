package com.tradebot.signal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** The body of {@code POST /api/signals} (fields of ARCHITECTURE §4, plus several take-profit levels). */
public record SignalDraft(String strategyId, String type, String pair, String exchange, String timeframe,
                          String side, BigDecimal entryPrice, BigDecimal stopLoss, BigDecimal takeProfit,
                          List<TakeProfit> takeProfits, Integer leverage, BigDecimal riskRewardRatio,
                          Map<String, Object> indicators) {
}
