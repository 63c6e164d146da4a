package com.tradebot.marketdata.download;

import com.tradebot.marketdata.CandleSeries;
import com.tradebot.marketdata.MarketSymbol;
import com.tradebot.marketdata.Timeframe;
import java.io.IOException;

/** One exchange's public kline endpoint: bars with open time in {@code [fromMs, toMs]}, at most {@code limit}. */
public interface KlinePage {
    String exchange();

    int maxLimit();

    CandleSeries fetch(MarketSymbol symbol, Timeframe timeframe, long fromMs, long toMs, int limit) throws IOException;
}
