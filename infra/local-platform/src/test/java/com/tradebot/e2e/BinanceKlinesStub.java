package com.tradebot.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.tradebot.marketdata.CandleSeries;
import com.tradebot.marketdata.importer.Ta4jExampleData;
import java.time.Instant;
import java.util.Locale;

/**
 * Binance's {@code GET /api/v3/klines} answer for 1-minute candles at a given moment, in the documented array shape
 * ({@code [openTime, open, high, low, close, volume, closeTime, quoteVolume, trades, takerBase, takerQuote, ignore]}):
 * the last 300 closed minutes and the one still open, with real prices (the bundled Binance US ETH/USD bars) re-timed
 * to the present.
 */
final class BinanceKlinesStub {
    private static final CandleSeries PRICES = Ta4jExampleData.binanceUsEthUsd();
    private static final long MINUTE = 60_000;

    private BinanceKlinesStub() {
    }

    static void serveMinutes(WireMockServer binance, String symbol, Instant now) {
        long open = Math.floorDiv(now.toEpochMilli(), MINUTE) * MINUTE;
        StringBuilder body = new StringBuilder("[");
        for (long t = open - 300 * MINUTE; t <= open; t += MINUTE) {
            int i = (int) Math.floorMod(t / MINUTE, (long) PRICES.size());
            body.append(body.length() > 1 ? "," : "").append(String.format(Locale.ROOT,
                    "[%d,\"%s\",\"%s\",\"%s\",\"%s\",\"%s\",%d,\"0\",100,\"0\",\"0\",\"0\"]", t, PRICES.open()[i],
                    PRICES.high()[i], PRICES.low()[i], PRICES.close()[i], PRICES.volume()[i], t + MINUTE - 1));
        }
        binance.stubFor(get(urlPathEqualTo("/api/v3/klines")).atPriority(1).withQueryParam("symbol",
                equalTo(symbol)).withQueryParam("interval", equalTo("1m"))
                .willReturn(okJson(body.append("]").toString())));
    }
}
