package com.tradebot.trading.exchange.binance;

/** Exchange-information answers of Binance's spot API, in the shape its documentation gives. */
public final class BinanceExchangeInfoJson {
    private BinanceExchangeInfoJson() {
    }

    /** Binance's documented {@code GET /api/v3/exchangeInfo?symbol=BTCUSDT} answer, filters as listed for BTCUSDT. */
    public static String btcUsdt(String stepSize, String minNotional) {
        return """
                {"timezone":"UTC","serverTime":1565246363776,"rateLimits":[{"rateLimitType":"REQUEST_WEIGHT",
                 "interval":"MINUTE","intervalNum":1,"limit":6000}],"exchangeFilters":[],
                 "symbols":[{"symbol":"BTCUSDT","status":"TRADING","baseAsset":"BTC","baseAssetPrecision":8,
                  "quoteAsset":"USDT","quotePrecision":8,"quoteAssetPrecision":8,"baseCommissionPrecision":8,
                  "quoteCommissionPrecision":8,"orderTypes":["LIMIT","LIMIT_MAKER","MARKET","STOP_LOSS",
                  "STOP_LOSS_LIMIT","TAKE_PROFIT","TAKE_PROFIT_LIMIT"],"icebergAllowed":true,"ocoAllowed":true,
                  "otoAllowed":true,"quoteOrderQtyMarketAllowed":true,"allowTrailingStop":true,
                  "cancelReplaceAllowed":true,"isSpotTradingAllowed":true,"isMarginTradingAllowed":true,
                  "filters":[{"filterType":"PRICE_FILTER","minPrice":"0.01000000","maxPrice":"1000000.00000000",
                   "tickSize":"0.01000000"},{"filterType":"LOT_SIZE","minQty":"%1$s","maxQty":"9000.00000000",
                   "stepSize":"%1$s"},{"filterType":"ICEBERG_PARTS","limit":10},{"filterType":"MARKET_LOT_SIZE",
                   "minQty":"0.00000000","maxQty":"83.52038475","stepSize":"0.00000000"},
                   {"filterType":"TRAILING_DELTA","minTrailingAbove":10,"maxTrailingAbove":2000,
                   "minTrailingBelow":10,"maxTrailingBelow":2000},{"filterType":"PERCENT_PRICE_BY_SIDE",
                   "bidMultiplierUp":"5","bidMultiplierDown":"0.2","askMultiplierUp":"5","askMultiplierDown":"0.2",
                   "avgPriceMins":5},{"filterType":"NOTIONAL","minNotional":"%2$s","applyMinToMarket":true,
                   "maxNotional":"9000000.00000000","applyMaxToMarket":false,"avgPriceMins":5},
                   {"filterType":"MAX_NUM_ORDERS","maxNumOrders":200},{"filterType":"MAX_NUM_ALGO_ORDERS",
                   "maxNumAlgoOrders":5}],"permissions":[],"permissionSets":[["SPOT","MARGIN"]],
                  "defaultSelfTradePreventionMode":"EXPIRE_MAKER",
                  "allowedSelfTradePreventionModes":["EXPIRE_TAKER","EXPIRE_MAKER","EXPIRE_BOTH"]}]}"""
                .formatted(stepSize, minNotional);
    }
}
