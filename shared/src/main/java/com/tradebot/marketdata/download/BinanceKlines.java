package com.tradebot.marketdata.download;

import com.tradebot.marketdata.CandleSeries;
import com.tradebot.marketdata.MarketSymbol;
import com.tradebot.marketdata.Timeframe;
import java.io.IOException;
import java.util.List;
import org.knowm.xchange.ExchangeFactory;
import org.knowm.xchange.ExchangeSpecification;
import org.knowm.xchange.binance.BinanceExchange;
import org.knowm.xchange.binance.dto.marketdata.BinanceKline;
import org.knowm.xchange.binance.dto.marketdata.KlineInterval;
import org.knowm.xchange.binance.service.BinanceMarketDataServiceRaw;
import org.knowm.xchange.currency.CurrencyPair;

/** Binance spot klines ({@code GET /api/v3/klines}) through XChange's Binance module. */
public final class BinanceKlines implements KlinePage {
    private final BinanceMarketDataServiceRaw raw;

    /** {@code baseUrl} null means Binance itself; tests pass a WireMock URL. */
    public BinanceKlines(String baseUrl) {
        ExchangeSpecification spec = new ExchangeSpecification(BinanceExchange.class);
        if (baseUrl != null) {
            spec.setSslUri(baseUrl);
        }
        spec.setShouldLoadRemoteMetaData(false);
        // our downloader does the back-off, so XChange's own retry and limiter stay out of the way
        spec.getResilience().setRetryEnabled(false);
        spec.getResilience().setRateLimiterEnabled(false);
        this.raw = (BinanceMarketDataServiceRaw) ExchangeFactory.INSTANCE.createExchange(spec).getMarketDataService();
    }

    @Override
    public String exchange() {
        return "binance";
    }

    @Override
    public int maxLimit() {
        return 1000;
    }

    @Override
    public CandleSeries fetch(MarketSymbol symbol, Timeframe timeframe, long fromMs, long toMs, int limit)
            throws IOException {
        List<BinanceKline> klines;
        try {
            klines = raw.klines(new CurrencyPair(symbol.base(), symbol.quote()), interval(timeframe), limit, fromMs, toMs);
        } catch (RuntimeException | IOException e) {
            RateLimitedException limited = RateLimits.of(e);
            if (limited != null) {
                throw limited;
            }
            throw e;
        }
        CandleSeries.Builder bars = new CandleSeries.Builder(timeframe, klines.size());
        for (BinanceKline k : klines) {
            bars.add(k.getOpenTime(), k.getOpen().doubleValue(), k.getHigh().doubleValue(), k.getLow().doubleValue(),
                    k.getClose().doubleValue(), k.getVolume().doubleValue());
        }
        return bars.build();
    }

    static KlineInterval interval(Timeframe t) {
        return switch (t) {
            case M1 -> KlineInterval.m1;
            case M5 -> KlineInterval.m5;
            case M15 -> KlineInterval.m15;
            case M30 -> KlineInterval.m30;
            case H1 -> KlineInterval.h1;
            case H4 -> KlineInterval.h4;
            case D1 -> KlineInterval.d1;
        };
    }
}
