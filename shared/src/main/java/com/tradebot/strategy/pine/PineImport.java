package com.tradebot.strategy.pine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A translated script: {@code rules} is a document of the backtester's rule language, {@code backtest} the request
 * fields the script fixes (direction, stopLoss, takeProfit, fees, sizing, initialCapital) to merge into a
 * {@code POST /api/backtest/run} body, and {@code diagnostics} the warnings and notes (never errors).
 */
public record PineImport(String name, ObjectNode rules, ObjectNode backtest, List<PineDiagnostic> diagnostics) {
}
