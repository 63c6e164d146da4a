package com.tradebot.backtest.catalogue;

import com.tradebot.marketdata.CandleSeries;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.Rule;
import org.ta4j.core.Strategy;
import org.ta4j.core.indicators.EMAIndicator;
import org.ta4j.core.indicators.MACDIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.DoubleNum;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;
import org.ta4j.core.rules.OverIndicatorRule;
import org.ta4j.core.rules.UnderIndicatorRule;

/**
 * The catalogue strategies written with ta4j's own indicators and rules: the reference our engine must match trade
 * for trade (tests) and the baseline it is measured against (bench/).
 */
public final class Ta4jReference {
    private Ta4jReference() {
    }

    /** A ta4j series of {@code DoubleNum} bars (end time = open time + timeframe). */
    public static BarSeries series(CandleSeries bars) {
        BarSeries series = new BaseBarSeriesBuilder().withName("bars").withNumTypeOf(DoubleNum.class).build();
        Duration period = Duration.ofMillis(bars.timeframe().millis());
        for (int i = 0; i < bars.size(); i++) {
            ZonedDateTime end = ZonedDateTime.ofInstant(Instant.ofEpochMilli(bars.time()[i]).plus(period), ZoneOffset.UTC);
            series.addBar(period, end, bars.open()[i], bars.high()[i], bars.low()[i], bars.close()[i], bars.volume()[i]);
        }
        return series;
    }

    /** RSI_MACD long side, exactly as RSI_MACD.json: entry RSI < oversold and MACD > signal; exit RSI > overbought or MACD crosses below signal. */
    public static Strategy rsiMacd(BarSeries series, Map<String, Double> p, int unstableBars) {
        ClosePriceIndicator close = new ClosePriceIndicator(series);
        RSIIndicator rsi = new RSIIndicator(close, p.get("rsiPeriod").intValue());
        MACDIndicator macd = new MACDIndicator(close, p.get("macdFast").intValue(), p.get("macdSlow").intValue());
        EMAIndicator signal = new EMAIndicator(macd, p.get("macdSignal").intValue());
        Rule entry = new UnderIndicatorRule(rsi, p.get("oversold")).and(new OverIndicatorRule(macd, signal));
        Rule exit = new OverIndicatorRule(rsi, p.get("overbought")).or(new CrossedDownIndicatorRule(macd, signal));
        return new BaseStrategy("RSI_MACD", entry, exit, unstableBars);
    }

    /** EMA_CROSS long side. */
    public static Strategy emaCross(BarSeries series, Map<String, Double> p, int unstableBars) {
        ClosePriceIndicator close = new ClosePriceIndicator(series);
        EMAIndicator fast = new EMAIndicator(close, p.get("fastPeriod").intValue());
        EMAIndicator slow = new EMAIndicator(close, p.get("slowPeriod").intValue());
        return new BaseStrategy("EMA_CROSS", new CrossedUpIndicatorRule(fast, slow),
                new CrossedDownIndicatorRule(fast, slow), unstableBars);
    }
}
