package com.tradebot.trading.exchange.bybit;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Request;
import com.tradebot.trading.exchange.BackingOffClients;
import com.tradebot.trading.exchange.ExchangeEndpoints;
import com.tradebot.trading.exchange.ExchangeError;
import com.tradebot.trading.exchange.ExchangeException;
import com.tradebot.trading.exchange.ExchangeOrder;
import com.tradebot.trading.exchange.KlineInterval;
import com.tradebot.trading.exchange.Market;
import com.tradebot.trading.exchange.OrderRequest;
import com.tradebot.trading.exchange.OrderState;
import com.tradebot.trading.exchange.RecordingSleeper;
import com.tradebot.trading.exchange.Side;
import com.tradebot.trading.exchange.StubExchange;
import com.tradebot.trading.exchange.Symbol;
import com.tradebot.trading.exchange.TradingClient;
import com.tradebot.vault.ExchangeCredentials;
import java.math.BigDecimal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * XChange's Bybit client plus our v5 extensions against a stub of Bybit's v5 API (shapes from Bybit's v5 docs).
 * Bybit reports errors with HTTP 200 and a non-zero {@code retCode}; the stub refuses wrongly signed requests so.
 */
class BybitConnectorTest {
    static final String KEY = "XXXXXXXXXXXXXXXXXX";
    static final String SECRET = "YYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYY";
    static final Symbol ETH_PERP = Symbol.futures("ETH/USDT");

    private final StubExchange stub = new StubExchange();
    private final BybitConnector connector = new BybitConnector(ExchangeEndpoints.all(stub.url()));

    @AfterEach
    void stop() {
        stub.close();
    }

    /** Bybit v5: X-BAPI-SIGN = hex HMAC-SHA256(timestamp + key + recvWindow + (query string | JSON body)). */
    static boolean signed(Request request) {
        String timestamp = request.getHeader("X-BAPI-TIMESTAMP");
        String recvWindow = request.containsHeader("X-BAPI-RECV-WINDOW") ? request.getHeader("X-BAPI-RECV-WINDOW") : "";
        String payload = "GET".equals(request.getMethod().getName()) ? StubExchange.query(request) : request.getBodyAsString();
        return KEY.equals(request.getHeader("X-BAPI-API-KEY")) && timestamp != null
                && StubExchange.hmacHex(SECRET, timestamp + KEY + recvWindow + payload)
                .equals(request.getHeader("X-BAPI-SIGN"));
    }

    static String ok(String result) {
        return "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":" + result + ",\"retExtInfo\":{},\"time\":1684765770483}";
    }

    static String error(int code, String message) {
        return "{\"retCode\":" + code + ",\"retMsg\":\"" + message + "\",\"result\":{},\"retExtInfo\":{},\"time\":1684765770483}";
    }

    static String order(String status, String filled, String average) {
        return ok("""
                {"list":[{"orderId":"fd4300ae-7847-404e-b947-b46980a4d140","orderLinkId":"tb-link-1","blockTradeId":"",
                  "symbol":"ETHUSDT","price":"1600.00","qty":"0.10","side":"Buy","isLeverage":"","positionIdx":0,
                  "orderStatus":"%s","cancelType":"UNKNOWN","rejectReason":"EC_NoError","avgPrice":"%s",
                  "leavesQty":"0.10","leavesValue":"160","cumExecQty":"%s","cumExecValue":"0","cumExecFee":"0",
                  "timeInForce":"GTC","orderType":"Limit","stopOrderType":"UNKNOWN","orderIv":"","triggerPrice":"0.00",
                  "takeProfit":"","stopLoss":"","tpTriggerBy":"","slTriggerBy":"","triggerDirection":0,
                  "triggerBy":"UNKNOWN","lastPriceOnCreated":"","reduceOnly":false,"closeOnTrigger":false,
                  "smpType":"None","smpGroup":0,"smpOrderId":"","tpslMode":"","tpLimitPrice":"","slLimitPrice":"",
                  "placeType":"","createdTime":"1684738540559","updatedTime":"1684738540561"}],
                 "nextPageCursor":"","category":"linear"}""".formatted(status, average, filled));
    }

    private TradingClient client(String secret) {
        return connector.trading(new ExchangeCredentials("bybit", KEY, secret, null, false));
    }

    private void refuseBadSignatures() {
        stub.server.stubFor(any(anyUrl()).atPriority(10).willReturn(okJson(error(10004,
                "error sign! origin_string[1684765770483XXXXXXXXXXXXXXXXXX...]"))));
    }

    @Test
    void placesFindsByOrderLinkIdSeesTheFillCancelsAndSetsLeverage() {
        refuseBadSignatures();
        String empty = ok("{\"list\":[],\"nextPageCursor\":\"\",\"category\":\"linear\"}");
        stub.server.stubFor(get(urlPathEqualTo("/v5/order/realtime")).atPriority(1)
                .andMatching(StubExchange.signedWith(BybitConnectorTest::signed))
                .inScenario("o").whenScenarioStateIs(STARTED).willReturn(okJson(empty)));
        stub.server.stubFor(get(urlPathEqualTo("/v5/order/history")).atPriority(1)
                .andMatching(StubExchange.signedWith(BybitConnectorTest::signed))
                .inScenario("o").whenScenarioStateIs(STARTED).willReturn(okJson(empty)));
        stub.server.stubFor(post(urlPathEqualTo("/v5/order/create")).atPriority(1)
                .andMatching(StubExchange.signedWith(BybitConnectorTest::signed))
                .withRequestBody(containing("\"orderLinkId\":\"tb-link-1\""))
                .withRequestBody(containing("\"category\":\"linear\""))
                .inScenario("o").whenScenarioStateIs(STARTED).willSetStateTo("open")
                .willReturn(okJson(ok("{\"orderId\":\"fd4300ae-7847-404e-b947-b46980a4d140\",\"orderLinkId\":\"tb-link-1\"}"))));
        stub.server.stubFor(get(urlPathEqualTo("/v5/order/realtime")).atPriority(1)
                .andMatching(StubExchange.signedWith(BybitConnectorTest::signed))
                .withQueryParam("orderLinkId", equalTo("tb-link-1"))
                .inScenario("o").whenScenarioStateIs("open").willSetStateTo("filled")
                .willReturn(okJson(order("New", "0.00", "0"))));
        stub.server.stubFor(get(urlPathEqualTo("/v5/order/realtime")).atPriority(1)
                .andMatching(StubExchange.signedWith(BybitConnectorTest::signed))
                .inScenario("o").whenScenarioStateIs("filled").willReturn(okJson(empty)));
        stub.server.stubFor(get(urlPathEqualTo("/v5/order/history")).atPriority(1)
                .andMatching(StubExchange.signedWith(BybitConnectorTest::signed))
                .inScenario("o").whenScenarioStateIs("filled").willReturn(okJson(order("Filled", "0.10", "1599.5"))));
        stub.server.stubFor(post(urlPathEqualTo("/v5/order/cancel")).atPriority(1)
                .andMatching(StubExchange.signedWith(BybitConnectorTest::signed))
                .willReturn(okJson(ok("{\"orderId\":\"c6f055d9-7f21-4079-913d-e6523a9cfffa\",\"orderLinkId\":\"linear-004\"}"))));
        stub.server.stubFor(post(urlPathEqualTo("/v5/position/set-leverage")).atPriority(1)
                .andMatching(StubExchange.signedWith(BybitConnectorTest::signed))
                .withRequestBody(containing("\"buyLeverage\":\"5\""))
                .willReturn(okJson(ok("{}"))));

        TradingClient client = client(SECRET);
        assertThat(client.orderByClientId(ETH_PERP, "tb-link-1")).isEmpty();
        client.setLeverage(ETH_PERP, 5);
        ExchangeOrder placed = client.place(OrderRequest.limit(ETH_PERP, Side.BUY, new BigDecimal("0.10"),
                new BigDecimal("1600"), "tb-link-1"));
        assertThat(placed.exchangeOrderId()).isEqualTo("fd4300ae-7847-404e-b947-b46980a4d140");
        assertThat(client.orderByClientId(ETH_PERP, "tb-link-1").orElseThrow().state()).isEqualTo(OrderState.NEW);
        ExchangeOrder filled = client.orderByClientId(ETH_PERP, "tb-link-1").orElseThrow();
        assertThat(filled.state()).isEqualTo(OrderState.FILLED);
        assertThat(filled.averagePrice()).isEqualByComparingTo("1599.5");
        assertThat(client.cancel(ETH_PERP, "c6f055d9-7f21-4079-913d-e6523a9cfffa").state())
                .isEqualTo(OrderState.CANCELED);
    }

    @Test
    void stopOrdersAndPositions() {
        refuseBadSignatures();
        stub.server.stubFor(post(urlPathEqualTo("/v5/order/create")).atPriority(1)
                .andMatching(StubExchange.signedWith(BybitConnectorTest::signed))
                .withRequestBody(containing("\"triggerPrice\":\"1500\"")).withRequestBody(containing("\"triggerDirection\":2"))
                .withRequestBody(containing("\"reduceOnly\":true"))
                .willReturn(okJson(ok("{\"orderId\":\"stop-1\",\"orderLinkId\":\"tb-stop\"}"))));
        stub.server.stubFor(get(urlPathEqualTo("/v5/position/list")).atPriority(1)
                .andMatching(StubExchange.signedWith(BybitConnectorTest::signed))
                .willReturn(okJson(ok("""
                        {"list":[{"positionIdx":0,"riskId":1,"riskLimitValue":"2000000","symbol":"ETHUSDT","side":"Buy",
                          "size":"0.10","avgPrice":"1599.5","positionValue":"159.95","tradeMode":0,
                          "positionStatus":"Normal","autoAddMargin":0,"adlRankIndicator":2,"leverage":"5",
                          "positionBalance":"32","markPrice":"1610.0","liqPrice":"","bustPrice":"","positionMM":"0.8",
                          "positionIM":"32","tpslMode":"Full","takeProfit":"0.00","stopLoss":"1500.00",
                          "trailingStop":"0.00","unrealisedPnl":"1.05","cumRealisedPnl":"0","seq":5723621632,
                          "isReduceOnly":false,"createdTime":"1676538056258","updatedTime":"1697673600012"},
                         {"positionIdx":0,"symbol":"BTCUSDT","side":"","size":"0","avgPrice":"0","leverage":"10",
                          "unrealisedPnl":"0"}],
                         "nextPageCursor":"","category":"linear"}"""))));
        TradingClient client = client(SECRET);
        OrderRequest stop = new OrderRequest(ETH_PERP, Side.SELL, com.tradebot.trading.exchange.OrderType.STOP_MARKET,
                new BigDecimal("0.10"), null, new BigDecimal("1500"), "tb-stop", true);
        assertThat(client.place(stop).exchangeOrderId()).isEqualTo("stop-1");
        assertThat(client.openPositions()).singleElement().satisfies(p -> {
            assertThat(p.symbol()).isEqualTo(ETH_PERP);
            assertThat(p.side()).isEqualTo(Side.BUY);
            assertThat(p.size()).isEqualByComparingTo("0.10");
            assertThat(p.leverage()).isEqualTo(5);
        });
    }

    @Test
    void insufficientBalanceBadSignatureAndRateLimit() {
        refuseBadSignatures();
        stub.server.stubFor(post(urlPathEqualTo("/v5/order/create")).atPriority(1)
                .andMatching(StubExchange.signedWith(BybitConnectorTest::signed))
                .willReturn(okJson(error(110007, "ab not enough for new order"))));
        assertThatThrownBy(() -> client(SECRET).place(OrderRequest.market(ETH_PERP, Side.BUY, BigDecimal.TEN, "tb-x")))
                .isInstanceOfSatisfying(ExchangeException.class,
                        e -> assertThat(e.error()).isEqualTo(ExchangeError.INSUFFICIENT_BALANCE));
        assertThatThrownBy(() -> client("wrong-secret-value-000000").openPositions())
                .isInstanceOfSatisfying(ExchangeException.class,
                        e -> assertThat(e.error()).isEqualTo(ExchangeError.BAD_CREDENTIALS))
                .hasMessageNotContaining("wrong-secret");

        stub.server.stubFor(get(urlPathEqualTo("/v5/position/list")).atPriority(1)
                .andMatching(StubExchange.signedWith(BybitConnectorTest::signed))
                .inScenario("r").whenScenarioStateIs(STARTED).willSetStateTo("ok")
                .willReturn(okJson(error(10006, "Too many visits!"))));
        stub.server.stubFor(get(urlPathEqualTo("/v5/position/list")).atPriority(1)
                .andMatching(StubExchange.signedWith(BybitConnectorTest::signed))
                .inScenario("r").whenScenarioStateIs("ok")
                .willReturn(okJson(ok("{\"list\":[],\"nextPageCursor\":\"\",\"category\":\"linear\"}"))));
        RecordingSleeper sleeper = new RecordingSleeper();
        assertThat(BackingOffClients.wrap(client(SECRET), sleeper.backOff(3)).openPositions()).isEmpty();
        assertThat(sleeper.pauses).hasSize(1);
    }

    @Test
    void publicMarketData() {
        stub.server.stubFor(get(urlPathEqualTo("/v5/market/tickers")).withQueryParam("category", equalTo("spot"))
                .willReturn(okJson(ok("""
                        {"category":"spot","list":[{"symbol":"BTCUSDT","bid1Price":"20517.96","bid1Size":"2",
                          "ask1Price":"20527.77","ask1Size":"1.862172","lastPrice":"20533.13",
                          "prevPrice24h":"20393.48","price24hPcnt":"0.0068","highPrice24h":"21128.12",
                          "lowPrice24h":"20318.89","turnover24h":"243765620.65899866","volume24h":"11801.27771",
                          "usdIndexPrice":"20784.12009279"}]}"""))));
        stub.server.stubFor(get(urlPathEqualTo("/v5/market/kline")).withQueryParam("interval", equalTo("60"))
                .willReturn(okJson(ok("""
                        {"symbol":"BTCUSDT","category":"spot","list":[
                          ["1670608800000","17071","17073","17027","17055.5","268611","15.74462667"],
                          ["1670605200000","17071.5","17071.5","17061","17071","4177","0.24469757"]]}"""))));
        stub.server.stubFor(get(urlPathEqualTo("/v5/market/orderbook")).willReturn(okJson(ok("""
                {"s":"BTCUSDT","a":[["16638.64","0.008479"]],"b":[["16638.27","0.305749"]],"ts":1672765737733,
                 "u":5277055,"seq":1234,"cts":1672765737730}"""))));
        var data = connector.marketData();
        Symbol btc = Symbol.spot("BTC/USDT");
        assertThat(data.ticker(btc).last()).isEqualByComparingTo("20533.13");
        var klines = data.klines(btc, KlineInterval.H1, 2);
        assertThat(klines).hasSize(2);
        assertThat(klines.get(0).openTime()).isBefore(klines.get(1).openTime());
        assertThat(klines.get(1).close()).isEqualByComparingTo("17055.5");
        assertThat(data.bookTop(btc).askPrice()).isEqualByComparingTo("16638.64");
        assertThat(client(SECRET)).isNotNull();
        assertThat(Market.FUTURES).isIn(connector.markets());
    }
}
