package com.tradebot.signal;

import java.math.BigDecimal;
import java.util.List;

/**
 * The body of {@code PUT /api/signals/{id}}: move the stop or the targets of an active signal, or end it with
 * {@code status} TP_HIT / SL_HIT / CLOSED and the {@code exitPrice} it ended at.
 */
public record SignalChange(String status, BigDecimal stopLoss, BigDecimal takeProfit, List<TakeProfit> takeProfits,
                           BigDecimal exitPrice) {
}
