package com.tradebot.trading.exchange.binance;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
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
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * XChange's Binance client against a stub of Binance's REST API (response shapes from Binance's spot API
 * documentation); the stub accepts only correctly signed requests, as Binance does.
 */
class BinanceConnectorTest {
    static final String KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
    static final String SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
    static final Symbol BTC_USDT = Symbol.spot("BTC/USDT");

    private final StubExchange stub = new StubExchange();
    private final BinanceConnector connector = new BinanceConnector(ExchangeEndpoints.all(stub.url()));

    @AfterEach
    void stop() {
        stub.close();
    }

    /** Binance: signature = hex HMAC-SHA256 of the query string (without signature) followed by the body. */
    static boolean signedBy(String secret, Request request) {
        String query = StubExchange.query(request);
        var matcher = Pattern.compile("(^|&)signature=([0-9a-f]{64})").matcher(query);
        if (!matcher.find() || !KEY.equals(request.getHeader("X-MBX-APIKEY"))) {
            return false;
        }
        String unsigned = (query.substring(0, matcher.start()) + query.substring(matcher.end())).replaceFirst("^&", "");
        return StubExchange.hmacHex(secret, unsigned + request.getBodyAsString()).equals(matcher.group(2));
    }

    private TradingClient client(String secret) {
        return connector.trading(new ExchangeCredentials("binance", KEY, secret, null, false));
    }

    private void refuseBadSignatures() {
        stub.server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\":-1022,\"msg\":\"Signature for this request is not valid.\"}")));
    }

    @Test
    void placesALimitOrderFindsItByClientIdSeesItFillAndCancelsAnother() {
        refuseBadSignatures();
        stub.server.stubFor(post(urlPathEqualTo("/api/v3/order")).atPriority(1)
                .andMatching(StubExchange.signedWith(r -> signedBy(SECRET, r)))
                .inScenario("order").whenScenarioStateIs(STARTED).willSetStateTo("placed")
                .willReturn(okJson("""
                        {"symbol":"BTCUSDT","orderId":28,"orderListId":-1,"clientOrderId":"tb-abc","transactTime":1507725176595}""")));
        stub.server.stubFor(get(urlPathEqualTo("/api/v3/order")).atPriority(1)
                .andMatching(StubExchange.signedWith(r -> signedBy(SECRET, r)))
                .withQueryParam("origClientOrderId", equalTo("tb-abc"))
                .inScenario("order").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":-2013,\"msg\":\"Order does not exist.\"}")));
        stub.server.stubFor(get(urlPathEqualTo("/api/v3/order")).atPriority(1)
                .andMatching(StubExchange.signedWith(r -> signedBy(SECRET, r)))
                .inScenario("order").whenScenarioStateIs("placed").willSetStateTo("filled")
                .willReturn(okJson(order("NEW", "0.00000000", "0.00000000"))));
        stub.server.stubFor(get(urlPathEqualTo("/api/v3/order")).atPriority(1)
                .andMatching(StubExchange.signedWith(r -> signedBy(SECRET, r)))
                .inScenario("order").whenScenarioStateIs("filled")
                .willReturn(okJson(order("FILLED", "0.01000000", "650.00000000"))));
        stub.server.stubFor(delete(urlPathEqualTo("/api/v3/order")).atPriority(1)
                .andMatching(StubExchange.signedWith(r -> signedBy(SECRET, r)))
                .withQueryParam("orderId", equalTo("29"))
                .willReturn(okJson("""
                        {"symbol":"BTCUSDT","origClientOrderId":"tb-def","orderId":29,"orderListId":-1,
                         "clientOrderId":"cancelMyOrder1","transactTime":1684804350068,"price":"60000.00000000",
                         "origQty":"0.01000000","executedQty":"0.00000000","cummulativeQuoteQty":"0.00000000",
                         "status":"CANCELED","timeInForce":"GTC","type":"LIMIT","side":"BUY",
                         "selfTradePreventionMode":"NONE"}""")));

        TradingClient client = client(SECRET);
        assertThat(client.orderByClientId(BTC_USDT, "tb-abc")).isEmpty();
        ExchangeOrder placed = client.place(OrderRequest.limit(BTC_USDT, Side.BUY, new BigDecimal("0.01"),
                new BigDecimal("65000"), "tb-abc"));
        assertThat(placed.exchangeOrderId()).isEqualTo("28");
        stub.server.verify(postRequestedFor(urlPathEqualTo("/api/v3/order"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("newClientOrderId=tb-abc"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("type=LIMIT")));

        ExchangeOrder open = client.orderByClientId(BTC_USDT, "tb-abc").orElseThrow();
        assertThat(open.state()).isEqualTo(OrderState.NEW);
        assertThat(open.exchangeOrderId()).isEqualTo("28");
        ExchangeOrder filled = client.order(BTC_USDT, "28").orElseThrow();
        assertThat(filled.state()).isEqualTo(OrderState.FILLED);
        assertThat(filled.filledQuantity()).isEqualByComparingTo("0.01");
        assertThat(filled.averagePrice()).isEqualByComparingTo("65000");

        ExchangeOrder cancelled = client.cancel(BTC_USDT, "29");
        assertThat(cancelled.state()).isEqualTo(OrderState.CANCELED);
        assertThat(cancelled.clientOrderId()).isEqualTo("tb-def");
    }

    private static String order(String status, String executed, String quote) {
        return """
                {"symbol":"BTCUSDT","orderId":28,"orderListId":-1,"clientOrderId":"tb-abc","price":"65000.00000000",
                 "origQty":"0.01000000","executedQty":"%s","cummulativeQuoteQty":"%s","status":"%s",
                 "timeInForce":"GTC","type":"LIMIT","side":"BUY","stopPrice":"0.00000000","icebergQty":"0.00000000",
                 "time":1499827319559,"updateTime":1499827319559,"isWorking":true,"workingTime":1499827319559,
                 "origQuoteOrderQty":"0.000000","selfTradePreventionMode":"NONE"}""".formatted(executed, quote, status);
    }

    @Test
    void insufficientBalanceIsADomainError() {
        refuseBadSignatures();
        stub.server.stubFor(post(urlPathEqualTo("/api/v3/order")).atPriority(1)
                .andMatching(StubExchange.signedWith(r -> signedBy(SECRET, r)))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":-2010,\"msg\":\"Account has insufficient balance for requested action.\"}")));
        assertThatThrownBy(() -> client(SECRET).place(OrderRequest.market(BTC_USDT, Side.BUY, BigDecimal.ONE, "tb-x")))
                .isInstanceOfSatisfying(ExchangeException.class,
                        e -> assertThat(e.error()).isEqualTo(ExchangeError.INSUFFICIENT_BALANCE));
    }

    @Test
    void aBadSignatureIsBadCredentials() {
        refuseBadSignatures();
        stub.server.stubFor(get(urlPathEqualTo("/api/v3/account")).atPriority(1)
                .andMatching(StubExchange.signedWith(r -> signedBy(SECRET, r))).willReturn(okJson(ACCOUNT)));
        assertThat(client(SECRET).balances(Market.SPOT)).extracting(Balance::asset).containsExactly("BTC", "USDT");
        assertThatThrownBy(() -> client("wrong-secret-0123456789").balances(Market.SPOT))
                .isInstanceOfSatisfying(ExchangeException.class,
                        e -> assertThat(e.error()).isEqualTo(ExchangeError.BAD_CREDENTIALS))
                .hasMessageNotContaining("wrong-secret").hasMessageNotContaining(KEY);
    }

    static final String ACCOUNT = """
            {"makerCommission":15,"takerCommission":15,"buyerCommission":0,"sellerCommission":0,
             "commissionRates":{"maker":"0.00150000","taker":"0.00150000","buyer":"0.00000000","seller":"0.00000000"},
             "canTrade":true,"canWithdraw":false,"canDeposit":true,"brokered":false,"requireSelfTradePrevention":false,
             "preventSor":false,"updateTime":123456789,"accountType":"SPOT",
             "balances":[{"asset":"BTC","free":"0.50000000","locked":"0.00000000"},
                         {"asset":"LTC","free":"0.00000000","locked":"0.00000000"},
                         {"asset":"USDT","free":"1000.00000000","locked":"250.00000000"}],
             "permissions":["SPOT"],"uid":354937868}""";

    @Test
    void rateLimitsAreRetriedAfterTheirRetryAfterAndThenReported() {
        String tooMany = "{\"code\":-1003,\"msg\":\"Too much request weight used; current limit is 6000 request "
                + "weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.\"}";
        stub.server.stubFor(get(urlPathEqualTo("/api/v3/account")).inScenario("limit").whenScenarioStateIs(STARTED)
                .willSetStateTo("cooled").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")
                        .withHeader("Content-Type", "application/json").withBody(tooMany)));
        stub.server.stubFor(get(urlPathEqualTo("/api/v3/account")).inScenario("limit").whenScenarioStateIs("cooled")
                .willReturn(okJson(ACCOUNT)));
        RecordingSleeper sleeper = new RecordingSleeper();
        TradingClient client = BackingOffClients.wrap(client(SECRET), sleeper.backOff(3));
        assertThat(client.balances(Market.SPOT)).hasSize(2);
        assertThat(sleeper.pauses).containsExactly(Duration.ofSeconds(2));

        stub.server.resetAll();
        stub.server.stubFor(get(urlPathEqualTo("/api/v3/account")).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json").withBody(tooMany)));
        assertThatThrownBy(() -> client.balances(Market.SPOT)).isInstanceOfSatisfying(ExchangeException.class,
                e -> assertThat(e.error()).isEqualTo(ExchangeError.RATE_LIMITED));
        assertThat(sleeper.pauses).hasSize(3); // one from before, then 2 more before the third and last attempt
    }

    @Test
    void publicMarketDataNeedsNoKey() {
        stub.server.stubFor(get(urlPathEqualTo("/api/v3/ticker/24hr")).withQueryParam("symbol", equalTo("BTCUSDT"))
                .willReturn(okJson("""
                        {"symbol":"BTCUSDT","priceChange":"-94.99999800","priceChangePercent":"-95.960",
                         "weightedAvgPrice":"0.29628482","prevClosePrice":"0.10002000","lastPrice":"64000.10",
                         "lastQty":"200.00000000","bidPrice":"64000.00","bidQty":"100.00000000","askPrice":"64000.20",
                         "askQty":"100.00000000","openPrice":"99.00000000","highPrice":"100.00000000",
                         "lowPrice":"0.10000000","volume":"8913.30000000","quoteVolume":"15.30000000",
                         "openTime":1499783499040,"closeTime":1499869899040,"firstId":28385,"lastId":28460,"count":76}""")));
        stub.server.stubFor(get(urlPathEqualTo("/api/v3/klines")).withQueryParam("interval", equalTo("1m"))
                .willReturn(okJson("""
                        [[1499040000000,"0.01634790","0.80000000","0.01575800","0.01577100","148976.11427815",
                          1499644799999,"2434.19055334",308,"1756.87402397","28.46694368","0"]]""")));
        stub.server.stubFor(get(urlPathEqualTo("/api/v3/depth")).willReturn(okJson("""
                {"lastUpdateId":1027024,"bids":[["4.00000000","431.00000000"],["3.9","1"]],
                 "asks":[["4.00000200","12.00000000"],["4.1","2"]]}""")));

        var data = connector.marketData();
        assertThat(data.ticker(BTC_USDT).last()).isEqualByComparingTo("64000.10");
        var klines = data.klines(BTC_USDT, KlineInterval.M1, 1);
        assertThat(klines).singleElement().satisfies(k -> {
            assertThat(k.open()).isEqualByComparingTo("0.01634790");
            assertThat(k.openTime().toEpochMilli()).isEqualTo(1499040000000L);
        });
        var top = data.bookTop(BTC_USDT);
        assertThat(top.bidPrice()).isEqualByComparingTo("4");
        assertThat(top.askPrice()).isEqualByComparingTo("4.000002");
        stub.server.getAllServeEvents().forEach(e -> assertThat(e.getRequest().getHeader("X-MBX-APIKEY")).isNull());
    }

    @Test
    void readsTheSymbolFiltersOfExchangeInfoThroughXChangesDtos() {
        stub.server.stubFor(get(urlPathEqualTo("/api/v3/exchangeInfo")).withQueryParam("symbol", equalTo("BTCUSDT"))
                .willReturn(okJson(BinanceExchangeInfoJson.btcUsdt("0.00001000",
                        "5.00000000"))));
        stub.server.stubFor(get(urlPathEqualTo("/api/v3/exchangeInfo")).withQueryParam("symbol", equalTo("NOPEUSDT"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}")));
        var filters = connector.marketData().filters(BTC_USDT);
        assertThat(filters.stepSize()).isEqualByComparingTo("0.00001");
        assertThat(filters.minQuantity()).isEqualByComparingTo("0.00001");
        assertThat(filters.tickSize()).isEqualByComparingTo("0.01");
        assertThat(filters.minNotional()).isEqualByComparingTo("5");
        assertThatThrownBy(() -> connector.marketData().filters(Symbol.spot("NOPE/USDT")))
                .isInstanceOfSatisfying(ExchangeException.class,
                        e -> assertThat(e.error()).isEqualTo(ExchangeError.INVALID_SYMBOL));
    }

    @Test
    void futuresBalanceAndOrdersAreSignedPerCallOnTheFuturesEndpoints() {
        refuseBadSignatures();
        // GET /fapi/v2/account and POST /fapi/v1/order as Binance's USDⓈ-M futures API documents them
        stub.server.stubFor(get(urlPathEqualTo("/fapi/v2/account")).atPriority(1)
                .andMatching(StubExchange.signedWith(r -> signedBy(SECRET, r))).willReturn(okJson("""
                        {"feeTier":0,"canTrade":true,"canDeposit":true,"canWithdraw":true,"updateTime":0,
                         "multiAssetsMargin":false,"tradeGroupId":-1,"totalInitialMargin":"0.00000000",
                         "totalMaintMargin":"0.00000000","totalWalletBalance":"103.12345678",
                         "totalUnrealizedProfit":"0.00000000","totalMarginBalance":"103.12345678",
                         "totalPositionInitialMargin":"0.00000000","totalOpenOrderInitialMargin":"0.00000000",
                         "totalCrossWalletBalance":"103.12345678","totalCrossUnPnl":"0.00000000",
                         "availableBalance":"103.12345678","maxWithdrawAmount":"103.12345678",
                         "assets":[],"positions":[]}""")));
        stub.server.stubFor(post(urlPathEqualTo("/fapi/v1/order")).atPriority(1)
                .andMatching(StubExchange.signedWith(r -> signedBy(SECRET, r))).willReturn(okJson("""
                        {"clientOrderId":"tb-fut","cumQty":"0","cumQuote":"0","executedQty":"0","orderId":22542179,
                         "avgPrice":"0.00000","origQty":"0.010","price":"0","reduceOnly":true,"side":"SELL",
                         "positionSide":"BOTH","status":"NEW","stopPrice":"63000","closePosition":false,
                         "symbol":"BTCUSDT","timeInForce":"GTC","type":"STOP_MARKET","origType":"STOP_MARKET",
                         "updateTime":1566818724722,"workingType":"CONTRACT_PRICE","priceProtect":false}""")));
        Symbol perp = new Symbol("BTC", "USDT", Market.FUTURES);

        assertThat(client(SECRET).balances(Market.FUTURES)).singleElement()
                .satisfies(b -> assertThat(b.total()).isEqualByComparingTo("103.12345678"));
        ExchangeOrder stop = client(SECRET).place(new OrderRequest(perp, Side.SELL,
                com.tradebot.trading.exchange.OrderType.STOP_MARKET, new BigDecimal("0.01"), null,
                new BigDecimal("63000"), "tb-fut", true));
        assertThat(stop.exchangeOrderId()).isEqualTo("22542179");
        stub.server.verify(postRequestedFor(urlPathEqualTo("/fapi/v1/order"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("type=STOP_MARKET"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("reduceOnly=true"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("newClientOrderId=tb-fut")));
        assertThatThrownBy(() -> client("wrong-secret-0123456789").balances(Market.FUTURES))
                .isInstanceOfSatisfying(ExchangeException.class,
                        e -> assertThat(e.error()).isEqualTo(ExchangeError.BAD_CREDENTIALS));
    }
}
