package com.tradebot.trading.risk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tradebot.trading.exchange.ExchangeEndpoints;
import com.tradebot.trading.exchange.ExchangeOrder;
import com.tradebot.trading.exchange.StubExchange;
import com.tradebot.trading.exchange.TradingClient;
import com.tradebot.trading.exchange.binance.BinanceConnector;
import com.tradebot.vault.ExchangeCredentials;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Exactly one order per (signal, user) against a stub of Binance that behaves like the exchange: an order query by
 * clientOrderId says "does not exist" until the order has been placed, and then returns it.
 */
class OrderExecutorTest {
    private final StubExchange stub = new StubExchange();
    private final TradingClient exchange = new BinanceConnector(ExchangeEndpoints.all(stub.url()))
            .trading(new ExchangeCredentials("binance", "test-api-key-000001", "test-api-secret-0001", null, true));
    private final OrderExecutor executor = new OrderExecutor();
    private final OrderPlan plan = ((RiskDecision.Approved) new RiskManager().evaluate(
            RiskManagerTest.buy("50000", "49000"), "user-7", RiskManagerTest.settings(), RiskManagerTest.account(),
            RiskManagerTest.RULES, null, RiskManagerTest.ISSUED)).plan();

    /** The executor's record, kept like a conditional put: the first record of an id wins. */
    static final class MapLog implements OrderExecutor.ExecutionLog {
        final Map<String, ExchangeOrder> rows = new ConcurrentHashMap<>();
        final AtomicBoolean crashNextRecord = new AtomicBoolean();

        @Override
        public Optional<ExchangeOrder> find(String clientOrderId) {
            return Optional.ofNullable(rows.get(clientOrderId));
        }

        @Override
        public void record(OrderPlan plan, ExchangeOrder order) {
            if (crashNextRecord.getAndSet(false)) {
                throw new IllegalStateException("executor killed before recording");
            }
            rows.putIfAbsent(plan.clientOrderId(), order);
        }
    }

    @BeforeEach
    void exchangeThatRemembersOrders() {
        String orderJson = """
                {"symbol":"BTCUSDT","orderId":4242,"orderListId":-1,"clientOrderId":"%s","price":"%s",
                 "origQty":"%s","executedQty":"0.00000000","cummulativeQuoteQty":"0.00000000","status":"NEW",
                 "timeInForce":"GTC","type":"LIMIT","side":"BUY","stopPrice":"0.00000000",
                 "icebergQty":"0.00000000","time":1499827319559,"updateTime":1499827319559,"isWorking":true,
                 "workingTime":1499827319559,"origQuoteOrderQty":"0.000000","selfTradePreventionMode":"NONE"}"""
                .formatted(plan.clientOrderId(), plan.limitPrice().toPlainString(), plan.quantity().toPlainString());
        stub.server.stubFor(get(urlPathEqualTo("/api/v3/order")).inScenario("exchange").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":-2013,\"msg\":\"Order does not exist.\"}")));
        stub.server.stubFor(post(urlPathEqualTo("/api/v3/order")).inScenario("exchange").whenScenarioStateIs(STARTED)
                .willSetStateTo("placed").willReturn(okJson("""
                        {"symbol":"BTCUSDT","orderId":4242,"orderListId":-1,"clientOrderId":"%s",
                         "transactTime":1507725176595}""".formatted(plan.clientOrderId()))));
        stub.server.stubFor(get(urlPathEqualTo("/api/v3/order")).inScenario("exchange").whenScenarioStateIs("placed")
                .willReturn(okJson(orderJson)));
        // a second order with the same clientOrderId is refused, as Binance does while the first is open
        stub.server.stubFor(post(urlPathEqualTo("/api/v3/order")).inScenario("exchange").whenScenarioStateIs("placed")
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":-2010,\"msg\":\"Duplicate order sent.\"}")));
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void aMessageDeliveredTwicePlacesOneOrder() {
        MapLog log = new MapLog();
        OrderExecutor.Execution first = executor.execute(plan, exchange, log);
        OrderExecutor.Execution second = executor.execute(plan, exchange, log);
        assertThat(first.outcome()).isEqualTo(OrderExecutor.Outcome.PLACED);
        assertThat(second.outcome()).isEqualTo(OrderExecutor.Outcome.ALREADY_RECORDED);
        stub.server.verify(1, postRequestedFor(urlPathEqualTo("/api/v3/order")));
        assertThat(log.rows).containsOnlyKeys(plan.clientOrderId());
    }

    @Test
    void anExecutorKilledBetweenPlacingAndRecordingPlacesOneOrder() {
        MapLog log = new MapLog();
        log.crashNextRecord.set(true);
        assertThatThrownBy(() -> executor.execute(plan, exchange, log)).hasMessageContaining("killed");
        assertThat(log.rows).isEmpty();

        OrderExecutor.Execution retried = executor.execute(plan, exchange, log); // the redelivered message
        assertThat(retried.outcome()).isEqualTo(OrderExecutor.Outcome.RECOVERED);
        assertThat(retried.order().exchangeOrderId()).isEqualTo("4242");
        stub.server.verify(1, postRequestedFor(urlPathEqualTo("/api/v3/order")));
        assertThat(log.rows).containsOnlyKeys(plan.clientOrderId());
    }

    @Test
    void twoExecutorsRacingOnOneMessagePlaceOneOrder() throws Exception {
        MapLog log = new MapLog();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var a = pool.submit(() -> executor.execute(plan, exchange, log));
            var b = pool.submit(() -> executor.execute(plan, exchange, log));
            assertThat(java.util.List.of(a.get().outcome(), b.get().outcome())).contains(OrderExecutor.Outcome.PLACED);
        } finally {
            pool.shutdownNow();
        }
        stub.server.verify(postRequestedFor(urlPathEqualTo("/api/v3/order")));
        assertThat(stub.server.findAll(postRequestedFor(urlPathEqualTo("/api/v3/order")))).hasSizeBetween(1, 2);
        assertThat(log.rows).hasSize(1);
    }
}
