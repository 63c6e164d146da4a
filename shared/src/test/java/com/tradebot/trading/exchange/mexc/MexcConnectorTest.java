package com.tradebot.trading.exchange.mexc;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
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
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Our MEXC adapter against a stub of MEXC's spot v3 API that checks signatures as MEXC documents them. */
class MexcConnectorTest {
    static final String KEY = "mx0vglBqh6abc1234567";
    static final String SECRET = "45d0b3c26f2644f19bfb98b07741b2f5";
    static final Symbol MX_USDT = Symbol.spot("MX/USDT");

    private final StubExchange stub = new StubExchange();
    private final MexcConnector connector = new MexcConnector(ExchangeEndpoints.all(stub.url()), Clock.systemUTC());

    @AfterEach
    void stop() {
        stub.close();
    }

    /** MEXC: signature = lower-case hex HMAC-SHA256 of the total parameters (query, then body), key in a header. */
    static boolean signed(Request request) {
        String query = StubExchange.query(request);
        var matcher = Pattern.compile("&signature=([0-9a-f]{64})$").matcher(query);
        return matcher.find() && KEY.equals(request.getHeader("X-MEXC-APIKEY"))
                && query.contains("timestamp=") && query.contains("recvWindow=")
                && StubExchange.hmacHex(SECRET, query.substring(0, matcher.start()) + request.getBodyAsString())
                .equals(matcher.group(1));
    }

    private TradingClient client(String secret) {
        return connector.trading(new ExchangeCredentials("mexc", KEY, secret, null, false));
    }

    private void refuseBadSignatures() {
        stub.server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\":700002,\"msg\":\"Signature for this request is not valid.\"}")));
    }

    @Test
    void placesFindsByClientIdFillsAndCancels() {
        refuseBadSignatures();
        stub.server.stubFor(get(urlPathEqualTo("/api/v3/order")).atPriority(1).andMatching(StubExchange.signedWith(MexcConnectorTest::signed))
                .inScenario("o").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":-2013,\"msg\":\"Order does not exist.\"}")));
        stub.server.stubFor(post(urlPathEqualTo("/api/v3/order")).atPriority(1).andMatching(StubExchange.signedWith(MexcConnectorTest::signed))
                .withQueryParam("newClientOrderId", equalTo("tbclient1")).withQueryParam("type", equalTo("LIMIT"))
                .inScenario("o").whenScenarioStateIs(STARTED).willSetStateTo("filled")
                .willReturn(okJson("""
                        {"symbol":"MXUSDT","orderId":"06a480e69e604477bfb48dddd5f0b750","orderListId":-1,
                         "price":"2.5","origQty":"50","type":"LIMIT","side":"BUY","transactTime":1666676533741}""")));
        stub.server.stubFor(get(urlPathEqualTo("/api/v3/order")).atPriority(1).andMatching(StubExchange.signedWith(MexcConnectorTest::signed))
                .inScenario("o").whenScenarioStateIs("filled").willReturn(okJson("""
                        {"symbol":"MXUSDT","orderId":"06a480e69e604477bfb48dddd5f0b750","orderListId":-1,
                         "clientOrderId":"tbclient1","price":"2.5","origQty":"50","executedQty":"50",
                         "cummulativeQuoteQty":"125","status":"FILLED","timeInForce":null,"type":"LIMIT",
                         "side":"BUY","stopPrice":null,"icebergQty":null,"time":1666676533741,
                         "updateTime":1666676533799,"isWorking":true,"origQuoteOrderQty":"125"}""")));
        stub.server.stubFor(delete(urlPathEqualTo("/api/v3/order")).atPriority(1).andMatching(StubExchange.signedWith(MexcConnectorTest::signed))
                .withQueryParam("orderId", equalTo("c2f1a3")).willReturn(okJson("""
                        {"symbol":"MXUSDT","origClientOrderId":"tbclient2","orderId":"c2f1a3",
                         "clientOrderId":"tbclient2","price":"2.4","origQty":"10","executedQty":"0",
                         "cummulativeQuoteQty":"0","status":"CANCELED","timeInForce":"","type":"LIMIT",
                         "side":"BUY"}""")));

        TradingClient client = client(SECRET);
        assertThat(client.orderByClientId(MX_USDT, "tbclient1")).isEmpty();
        ExchangeOrder placed = client.place(OrderRequest.limit(MX_USDT, Side.BUY, new BigDecimal("50"),
                new BigDecimal("2.5"), "tbclient1"));
        assertThat(placed.exchangeOrderId()).isEqualTo("06a480e69e604477bfb48dddd5f0b750");
        ExchangeOrder filled = client.orderByClientId(MX_USDT, "tbclient1").orElseThrow();
        assertThat(filled.state()).isEqualTo(OrderState.FILLED);
        assertThat(filled.averagePrice()).isEqualByComparingTo("2.5");
        ExchangeOrder cancelled = client.cancel(MX_USDT, "c2f1a3");
        assertThat(cancelled.state()).isEqualTo(OrderState.CANCELED);
        assertThat(cancelled.clientOrderId()).isEqualTo("tbclient2");
    }

    @Test
    void insufficientBalanceBadSignatureAndUnsupportedMarkets() {
        refuseBadSignatures();
        stub.server.stubFor(post(urlPathEqualTo("/api/v3/order")).atPriority(1).andMatching(StubExchange.signedWith(MexcConnectorTest::signed))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":10101,\"msg\":\"Insufficient balance\"}")));
        stub.server.stubFor(get(urlPathEqualTo("/api/v3/account")).atPriority(1).andMatching(StubExchange.signedWith(MexcConnectorTest::signed))
                .willReturn(okJson("""
                        {"canTrade":true,"canWithdraw":false,"canDeposit":true,"updateTime":null,"accountType":"SPOT",
                         "balances":[{"asset":"USDT","free":"1112","locked":"10"},{"asset":"MX","free":"3","locked":"0"}],
                         "permissions":["SPOT"]}""")));
        assertThatThrownBy(() -> client(SECRET).place(OrderRequest.market(MX_USDT, Side.BUY, BigDecimal.TEN, "tbx")))
                .isInstanceOfSatisfying(ExchangeException.class,
                        e -> assertThat(e.error()).isEqualTo(ExchangeError.INSUFFICIENT_BALANCE));
        assertThat(client(SECRET).balances(Market.SPOT)).extracting(Balance::asset).containsExactly("USDT", "MX");
        assertThatThrownBy(() -> client("0123456789abcdef0123456789abcdef").balances(Market.SPOT))
                .isInstanceOfSatisfying(ExchangeException.class,
                        e -> assertThat(e.error()).isEqualTo(ExchangeError.BAD_CREDENTIALS));
        assertThatThrownBy(() -> client(SECRET).balances(Market.FUTURES))
                .isInstanceOfSatisfying(ExchangeException.class,
                        e -> assertThat(e.error()).isEqualTo(ExchangeError.NOT_SUPPORTED));
    }

    @Test
    void rateLimitBacksOffThenSucceeds() {
        stub.server.stubFor(get(urlPathEqualTo("/api/v3/ticker/24hr")).inScenario("r").whenScenarioStateIs(STARTED)
                .willSetStateTo("ok").willReturn(aResponse().withStatus(429)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":429,\"msg\":\"Too many requests\"}")));
        stub.server.stubFor(get(urlPathEqualTo("/api/v3/ticker/24hr")).inScenario("r").whenScenarioStateIs("ok")
                .willReturn(okJson("""
                        {"symbol":"MXUSDT","priceChange":"0.1","priceChangePercent":"0.04","prevClosePrice":"2.4",
                         "lastPrice":"2.5","bidPrice":"2.49","bidQty":"100","askPrice":"2.51","askQty":"50",
                         "openPrice":"2.4","highPrice":"2.6","lowPrice":"2.3","volume":"123456","quoteVolume":"300000",
                         "openTime":1641349500000,"closeTime":1641349582808,"count":null}""")));
        stub.server.stubFor(get(urlPathEqualTo("/api/v3/klines")).withQueryParam("interval", equalTo("60m"))
                .willReturn(okJson("[[1640804880000,\"47482.36\",\"47482.36\",\"47416.57\",\"47436.1\","
                        + "\"3.550717\",1640804940000,\"168387.3\"]]")));
        RecordingSleeper sleeper = new RecordingSleeper();
        var data = BackingOffClients.wrap(connector.marketData(), sleeper.backOff(3));
        assertThat(data.ticker(MX_USDT).last()).isEqualByComparingTo("2.5");
        assertThat(sleeper.pauses).containsExactly(Duration.ofMillis(100));
        assertThat(data.klines(Symbol.spot("BTC/USDT"), KlineInterval.H1, 1)).singleElement()
                .satisfies(k -> assertThat(k.close()).isEqualByComparingTo("47436.1"));
    }
}
