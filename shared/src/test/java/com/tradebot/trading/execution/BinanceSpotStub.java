package com.tradebot.trading.execution;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;

import com.github.tomakehurst.wiremock.http.Request;
import com.tradebot.trading.exchange.StubExchange;
import java.util.regex.Pattern;

/**
 * Binance spot as the executor uses it (shapes from Binance's spot REST API documentation): 24 h ticker, account,
 * order lookup by {@code origClientOrderId} (-2013 "Order does not exist." until an order is placed), new order (ACK)
 * and the order read back FILLED. Only requests signed with {@link #SECRET} are answered, as Binance does.
 */
final class BinanceSpotStub implements AutoCloseable {
    static final String KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
    static final String SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";

    final StubExchange exchange = new StubExchange();

    BinanceSpotStub(String lastPrice) {
        var server = exchange.server;
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\":-1022,\"msg\":\"Signature for this request is not valid.\"}")));
        server.stubFor(get(urlPathEqualTo("/api/v3/ticker/24hr")).atPriority(1)
                .withQueryParam("symbol", equalTo("BTCUSDT")).willReturn(okJson("""
                        {"symbol":"BTCUSDT","priceChange":"-94.99999800","priceChangePercent":"-95.960",
                         "weightedAvgPrice":"0.29628482","prevClosePrice":"0.10002000","lastPrice":"%s",
                         "lastQty":"200.00000000","bidPrice":"%s","bidQty":"100.00000000","askPrice":"%s",
                         "askQty":"100.00000000","openPrice":"99.00000000","highPrice":"100.00000000",
                         "lowPrice":"0.10000000","volume":"8913.30000000","quoteVolume":"15.30000000",
                         "openTime":1499783499040,"closeTime":1499869899040,"firstId":28385,"lastId":28460,
                         "count":76}""".formatted(lastPrice, lastPrice, lastPrice))));
        server.stubFor(get(urlPathEqualTo("/api/v3/account")).atPriority(1)
                .andMatching(StubExchange.signedWith(BinanceSpotStub::signed)).willReturn(okJson("""
                        {"makerCommission":15,"takerCommission":15,"buyerCommission":0,"sellerCommission":0,
                         "canTrade":true,"canWithdraw":false,"canDeposit":true,"updateTime":123456789,
                         "accountType":"SPOT","balances":[{"asset":"BTC","free":"0.50000000","locked":"0.00000000"},
                         {"asset":"USDT","free":"1000.00000000","locked":"0.00000000"}],"permissions":["SPOT"]}""")));
        server.stubFor(get(urlPathEqualTo("/api/v3/order")).atPriority(1)
                .andMatching(StubExchange.signedWith(BinanceSpotStub::signed))
                .inScenario("order").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":-2013,\"msg\":\"Order does not exist.\"}")));
        server.stubFor(post(urlPathEqualTo("/api/v3/order")).atPriority(1)
                .andMatching(StubExchange.signedWith(BinanceSpotStub::signed))
                .inScenario("order").willSetStateTo("placed")
                .willReturn(okJson("""
                        {"symbol":"BTCUSDT","orderId":28,"orderListId":-1,"clientOrderId":"from-request",
                         "transactTime":1507725176595}""")));
        server.stubFor(get(urlPathEqualTo("/api/v3/order")).atPriority(1)
                .andMatching(StubExchange.signedWith(BinanceSpotStub::signed))
                .inScenario("order").whenScenarioStateIs("placed")
                .willReturn(okJson("""
                        {"symbol":"BTCUSDT","orderId":28,"orderListId":-1,"clientOrderId":"placed-by-us",
                         "price":"0.00000000","origQty":"0.01000000","executedQty":"0.01000000",
                         "cummulativeQuoteQty":"%s","status":"FILLED","timeInForce":"GTC","type":"MARKET",
                         "side":"BUY","stopPrice":"0.00000000","icebergQty":"0.00000000","time":1499827319559,
                         "updateTime":1499827319559,"isWorking":true,"workingTime":1499827319559,
                         "origQuoteOrderQty":"0.000000","selfTradePreventionMode":"NONE"}"""
                        .formatted(new java.math.BigDecimal(lastPrice).multiply(new java.math.BigDecimal("0.01"))
                                .toPlainString()))));
    }

    String url() {
        return exchange.url();
    }

    int ordersPlaced() {
        return exchange.server.findAll(postRequestedFor(urlPathEqualTo("/api/v3/order"))).size();
    }

    /** Binance: hex HMAC-SHA256 of the query string (without the signature) followed by the body. */
    static boolean signed(Request request) {
        String query = StubExchange.query(request);
        var matcher = Pattern.compile("(^|&)signature=([0-9a-f]{64})").matcher(query);
        if (!matcher.find() || !KEY.equals(request.getHeader("X-MBX-APIKEY"))) {
            return false;
        }
        String unsigned = (query.substring(0, matcher.start()) + query.substring(matcher.end())).replaceFirst("^&", "");
        return StubExchange.hmacHex(SECRET, unsigned + request.getBodyAsString()).equals(matcher.group(2));
    }

    @Override
    public void close() {
        exchange.close();
    }
}
