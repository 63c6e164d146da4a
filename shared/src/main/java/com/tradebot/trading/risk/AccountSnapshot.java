package com.tradebot.trading.risk;

import java.math.BigDecimal;

/**
 * The follower's account as the executor sees it when a signal arrives (or a paper session's simulated account).
 *
 * @param equity                 account equity in the quote currency
 * @param openPositions          positions currently open under this subscription's key
 * @param realisedLossTodayCents today's realised loss (positive number) in quote-currency cents
 */
public record AccountSnapshot(BigDecimal equity, int openPositions, long realisedLossTodayCents) {
}
