package com.tradebot.trading.exchange.binance;

import org.knowm.xchange.binance.BinanceExchange;

/**
 * XChange's Binance exchange with the base URL we configure. XChange replaces the URL of a futures exchange with
 * Binance's own; we keep ours so that testnet switches and stubs (local platform, tests) work for futures too.
 */
public class PinnedBinanceExchange extends BinanceExchange {
    static final String BASE_URL = "tradebot.baseUrl";

    @Override
    protected void initServices() {
        Object pinned = getExchangeSpecification().getExchangeSpecificParametersItem(BASE_URL);
        if (pinned != null) {
            getExchangeSpecification().setSslUri(pinned.toString());
        }
        super.initServices();
    }
}
