package com.tradebot.trading.exchange.bitget;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
import com.tradebot.trading.exchange.Balance;
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

/** XChange's Bitget client plus our v2 extensions against a stub of Bitget's spot v2 API that checks signatures. */
class BitgetConnectorTest {
    static final String KEY = "bg_0123456789abcdef0123456789abcd";
    static final String SECRET = "bitget-secret-0123456789abcdef0123456789abcdef";
    static final String PASSPHRASE = "my-passphrase";
    static final Symbol BTC_USDT = Symbol.spot("BTC/USDT");

    private final StubExchange stub = new StubExchange();
    private final BitgetConnector connector = new BitgetConnector(ExchangeEndpoints.all(stub.url()));

    @AfterEach
    void stop() {
        stub.close();
    }

    /** Bitget: ACCESS-SIGN = base64 HMAC-SHA256(timestamp + METHOD + requestPath + ["?" + query] + body). */
    static boolean signed(Request request) {
        String url = request.getUrl();
        String timestamp = request.getHeader("ACCESS-TIMESTAMP");
        return KEY.equals(request.getHeader("ACCESS-KEY")) && PASSPHRASE.equals(request.getHeader("ACCESS-PASSPHRASE"))
                && timestamp != null && StubExchange.hmacBase64(SECRET, timestamp + request.getMethod().getName()
                + url + request.getBodyAsString()).equals(request.getHeader("ACCESS-SIGN"));
    }

    static String ok(String data) {
        return "{\"code\":\"00000\",\"msg\":\"success\",\"requestTime\":1695808949356,\"data\":" + data + "}";
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder error(int status, String code, String msg) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":\"" + code + "\",\"msg\":\"" + msg + "\",\"requestTime\":1695808949356,\"data\":null}");
    }

    private TradingClient client(String secret) {
        return connector.trading(new ExchangeCredentials("bitget", KEY, secret, PASSPHRASE, false));
    }

    private void refuseBadSignatures() {
        stub.server.stubFor(any(anyUrl()).atPriority(10).willReturn(error(400, "40009", "sign signature error")));
    }

    static String info(String status, String avg, String filled) {
        return ok("""
                [{"userId":"**********","symbol":"BTCUSDT","orderId":"1098394041","clientOid":"tbbitget1",
                  "price":"34829.12","size":"0.01","orderType":"limit","side":"buy","status":"%s","priceAvg":"%s",
                  "baseVolume":"%s","quoteVolume":"0","enterPointSource":"API","feeDetail":"","orderSource":"normal",
                  "cTime":"1698736299656","uTime":"1698736300363","tpslType":"normal","cancelReason":"",
                  "triggerPrice":null}]""".formatted(status, avg, filled));
    }

    @Test
    void placesFindsByClientOidSeesTheFillAndCancels() {
        refuseBadSignatures();
        stub.server.stubFor(get(urlPathEqualTo("/api/v2/spot/trade/orderInfo")).atPriority(1)
                .andMatching(StubExchange.signedWith(BitgetConnectorTest::signed))
                .withQueryParam("clientOid", equalTo("tbbitget1"))
                .inScenario("o").whenScenarioStateIs(STARTED).willReturn(error(400, "43001", "The order does not exist")));
        stub.server.stubFor(post(urlPathEqualTo("/api/v2/spot/trade/place-order")).atPriority(1)
                .andMatching(StubExchange.signedWith(BitgetConnectorTest::signed))
                .withRequestBody(containing("\"clientOid\":\"tbbitget1\"")).withRequestBody(containing("\"orderType\":\"limit\""))
                .inScenario("o").whenScenarioStateIs(STARTED).willSetStateTo("live")
                .willReturn(okJson(ok("{\"orderId\":\"1098394041\",\"clientOid\":\"tbbitget1\"}"))));
        stub.server.stubFor(get(urlPathEqualTo("/api/v2/spot/trade/orderInfo")).atPriority(1)
                .andMatching(StubExchange.signedWith(BitgetConnectorTest::signed))
                .inScenario("o").whenScenarioStateIs("live").willSetStateTo("filled")
                .willReturn(okJson(info("live", "0", "0"))));
        stub.server.stubFor(get(urlPathEqualTo("/api/v2/spot/trade/orderInfo")).atPriority(1)
                .andMatching(StubExchange.signedWith(BitgetConnectorTest::signed))
                .inScenario("o").whenScenarioStateIs("filled")
                .willReturn(okJson(info("filled", "34800.5", "0.01"))));
        stub.server.stubFor(post(urlPathEqualTo("/api/v2/spot/trade/cancel-order")).atPriority(1)
                .andMatching(StubExchange.signedWith(BitgetConnectorTest::signed))
                .willReturn(okJson(ok("{\"orderId\":\"121211212122\",\"clientOid\":\"xx001\"}"))));

        TradingClient client = client(SECRET);
        assertThat(client.orderByClientId(BTC_USDT, "tbbitget1")).isEmpty();
        ExchangeOrder placed = client.place(OrderRequest.limit(BTC_USDT, Side.BUY, new BigDecimal("0.01"),
                new BigDecimal("34829.12"), "tbbitget1"));
        assertThat(placed.exchangeOrderId()).isEqualTo("1098394041");
        assertThat(client.orderByClientId(BTC_USDT, "tbbitget1").orElseThrow().state()).isEqualTo(OrderState.NEW);
        ExchangeOrder filled = client.order(BTC_USDT, "1098394041").orElseThrow();
        assertThat(filled.state()).isEqualTo(OrderState.FILLED);
        assertThat(filled.averagePrice()).isEqualByComparingTo("34800.5");
        assertThat(client.cancel(BTC_USDT, "121211212122").state()).isEqualTo(OrderState.CANCELED);
    }

    @Test
    void insufficientBalanceBadSignatureRateLimitAndSpotOnly() {
        refuseBadSignatures();
        stub.server.stubFor(post(urlPathEqualTo("/api/v2/spot/trade/place-order")).atPriority(1)
                .andMatching(StubExchange.signedWith(BitgetConnectorTest::signed))
                .willReturn(error(400, "43012", "Insufficient balance")));
        assertThatThrownBy(() -> client(SECRET).place(OrderRequest.market(BTC_USDT, Side.BUY, BigDecimal.ONE, "tbx")))
                .isInstanceOfSatisfying(ExchangeException.class,
                        e -> assertThat(e.error()).isEqualTo(ExchangeError.INSUFFICIENT_BALANCE));
        assertThatThrownBy(() -> client("not-the-bitget-secret").balances(Market.SPOT))
                .isInstanceOfSatisfying(ExchangeException.class,
                        e -> assertThat(e.error()).isEqualTo(ExchangeError.BAD_CREDENTIALS));
        assertThatThrownBy(() -> client(SECRET).openPositions()).isInstanceOfSatisfying(ExchangeException.class,
                e -> assertThat(e.error()).isEqualTo(ExchangeError.NOT_SUPPORTED));

        stub.server.stubFor(get(urlPathEqualTo("/api/v2/spot/account/assets")).atPriority(1)
                .andMatching(StubExchange.signedWith(BitgetConnectorTest::signed))
                .inScenario("r").whenScenarioStateIs(STARTED).willSetStateTo("ok")
                .willReturn(error(429, "429", "Too Many Requests")));
        stub.server.stubFor(get(urlPathEqualTo("/api/v2/spot/account/assets")).atPriority(1)
                .andMatching(StubExchange.signedWith(BitgetConnectorTest::signed))
                .inScenario("r").whenScenarioStateIs("ok").willReturn(okJson(ok("""
                        [{"coin":"usdt","available":"120.5","limitAvailable":"0","frozen":"10","locked":"0",
                          "uTime":"1622697148"},
                         {"coin":"btc","available":"0","limitAvailable":"0","frozen":"0","locked":"0",
                          "uTime":"1622697148"}]"""))));
        RecordingSleeper sleeper = new RecordingSleeper();
        assertThat(BackingOffClients.wrap(client(SECRET), sleeper.backOff(3)).balances(Market.SPOT))
                .extracting(Balance::asset).containsExactly("USDT");
        assertThat(sleeper.pauses).hasSize(1);
    }

    @Test
    void publicMarketData() {
        stub.server.stubFor(get(urlPathEqualTo("/api/v2/spot/market/tickers")).willReturn(okJson(ok("""
                [{"symbol":"BTCUSDT","high24h":"37775.65","open":"35134.2","low24h":"34413.1","lastPr":"34413.1",
                  "quoteVolume":"0","baseVolume":"0","usdtVolume":"0","bidPr":"34413.0","askPr":"34413.2",
                  "bidSz":"0.0663","askSz":"0.0119","openUtc":"23856.72","ts":"1625125755277",
                  "changeUtc24h":"0.00301","change24h":"0.00069"}]"""))));
        stub.server.stubFor(get(urlPathEqualTo("/api/v2/spot/market/orderbook")).willReturn(okJson(ok("""
                {"asks":[["34567.15","0.0131"],["34567.25","0.0144"]],"bids":[["34567.14","0.2468"],["34567.00","1"]],
                 "ts":"1698303884584"}"""))));
        stub.server.stubFor(get(urlPathEqualTo("/api/v2/spot/market/candles")).withQueryParam("granularity",
                equalTo("1h")).willReturn(okJson(ok("""
                [["1695794400000","26425.07","26425.07","26379.69","26399.97","3.5453","93579.2","93579.2"],
                 ["1695798000000","26399.97","26420","26390","26410.5","1.2","31692.6","31692.6"]]"""))));
        var data = connector.marketData();
        assertThat(data.ticker(BTC_USDT).last()).isEqualByComparingTo("34413.1");
        var top = data.bookTop(BTC_USDT);
        assertThat(top.bidPrice()).isEqualByComparingTo("34567.14");
        assertThat(top.askPrice()).isEqualByComparingTo("34567.15");
        var klines = data.klines(BTC_USDT, KlineInterval.H1, 2);
        assertThat(klines).hasSize(2);
        assertThat(klines.get(1).close()).isEqualByComparingTo("26410.5");
    }
}
