package com.tradebot.trading.execution;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.tradebot.auth.AuthFixture;
import com.tradebot.common.ApiException;
import com.tradebot.signal.MarketplaceFixture;
import com.tradebot.signal.Signal;
import com.tradebot.signal.SignalDraft;
import com.tradebot.strategy.Strategy;
import com.tradebot.subscription.Subscription;
import com.tradebot.testing.LocalDynamoDb;
import com.tradebot.trading.exchange.BackOff;
import com.tradebot.trading.exchange.ExchangeGateway;
import com.tradebot.trading.exchange.Exchanges;
import com.tradebot.trading.exchange.StubExchange;
import com.tradebot.trading.position.Position;
import com.tradebot.trading.position.PositionEvents;
import com.tradebot.trading.position.PositionRepository;
import com.tradebot.trading.position.PositionService;
import com.tradebot.trading.position.PositionStatus;
import com.tradebot.trading.position.PositionView;
import com.tradebot.trading.position.PriceRepository;
import com.tradebot.trading.risk.ClientOrderIds;
import com.tradebot.vault.ExchangeKeyRepository;
import com.tradebot.vault.ExchangeKeyVault;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Closing a LIVE position cancels its protective stop on the exchange first (no orphan stop may open a position
 * later), through XChange's Binance client against a WireMock Binance answering in the shapes of Binance's spot API
 * documentation (cancel, "Unknown order sent." -2011 for an order no longer open, order query). The DynamoDB engine
 * is the real one.
 */
class ProtectiveStopCloseTest {
    private static final String STOP_ORDER_ID = "29";

    private final AuthFixture auth = new AuthFixture();
    private final MarketplaceFixture market = new MarketplaceFixture();
    private final BinanceSpotStub binance = new BinanceSpotStub("64000");
    private final WireMockServer server = binance.exchange.server;
    private final DynamoDbClient db = LocalDynamoDb.client();
    private final ExchangeKeyVault vault = new ExchangeKeyVault(new ExchangeKeyRepository(db, auth.table),
            auth.auth.aead(), auth.auth.secondFactor(), auth.clock);
    private final ExchangeGateway gateway = new ExchangeGateway(vault,
            Exchanges.of(Map.of("EXCHANGE_BINANCE_URL", binance.url()), market.clock), BackOff.none());
    private final ExecutionSettingsRepository settings = new ExecutionSettingsRepository(db, market.table);
    private final PositionRepository positions = new PositionRepository(db, market.table);
    private final ExecutionRepository executions = new ExecutionRepository(db, market.table, positions);
    private final ExecutionSettingsService settingsService = new ExecutionSettingsService(settings,
            market.subscriptionRepository, auth.auth.users(), vault, market.clock);
    private final PositionEvents events = new PositionEvents() {
        @Override
        public void positionChanged(PositionView position) {
        }

        @Override
        public void executionRejected(String userId, Map<String, Object> details) {
        }
    };
    private final PositionService service = new PositionService(positions, new PriceRepository(db, market.table),
            gateway, events, market.clock);
    private final Strategy strategy = market.freeStrategy("provider-1");

    @AfterEach
    void stop() {
        binance.close();
    }

    /** A LIVE market entry (filled at once), an unprotected OPEN position, and the stubs of its stop. */
    private Position openPosition(String email) {
        String userId = auth.register(email, null).user().id();
        String secret = auth.enableTwoFactor(userId);
        Subscription subscription = market.subscriptions.subscribe(userId, strategy.id());
        String keyId = vault.save(userId, new ExchangeKeyVault.NewKey("binance", BinanceSpotStub.KEY,
                BinanceSpotStub.SECRET, null, List.of("READ", "TRADE"), false, auth.nextCode(secret),
                List.of("spot"))).id();
        settingsService.save(userId, subscription.id(), new ExecutionSettingsService.Input(true, "LIVE", keyId, null,
                "spot", BigDecimal.ONE, 1, 5, 0L, null, 20, 60, true, null, 10));
        Signal signal = market.signals.create("provider-1", new SignalDraft(strategy.id(), "ENTRY", "BTC/USDT",
                "binance", "1h", "BUY", new BigDecimal("64000"), new BigDecimal("63000"), new BigDecimal("66000"),
                null, 1, null, null), "corr-1");
        AutoTradeExecutor.Result placed = new AutoTradeExecutor(settings, market.signalRepository,
                market.subscriptionRepository, auth.auth.users(), gateway, executions, positions, events,
                market.clock).execute(new ExecutionRequest(signal.id(), subscription.id(), userId, strategy.id(),
                keyId, "corr-1"));
        assertThat(placed.outcome()).isEqualTo("PLACED");
        Position open = positions.find(placed.positionId()).orElseThrow();
        assertThat(open.status()).isEqualTo(PositionStatus.OPEN);
        stubStop(ClientOrderIds.stop(signal.id(), userId));
        stubClose(PositionService.closeOrderId(open.id()));
        return open;
    }

    /** The entry watch's protection, as it runs in production: the stop placed and recorded on the position. */
    private Position protectedPosition(String email) {
        Position open = openPosition(email);
        assertThat(watch(positions).run().stopsPlaced()).isEqualTo(1);
        Position protectedOne = positions.find(open.id()).orElseThrow();
        assertThat(protectedOne.stopOrderId()).isEqualTo(STOP_ORDER_ID);
        return protectedOne;
    }

    private EntryWatch watch(PositionRepository repository) {
        return new EntryWatch(repository, gateway, events, market.clock);
    }

    private ResponseDefinitionBuilder binanceError(int code, String message) {
        return aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":" + code + ",\"msg\":\"" + message + "\"}");
    }

    /** The stop: unknown until placed (-2013), then resting as a STOP_LOSS sell under order id 29. */
    private void stubStop(String stopId) {
        server.stubFor(get(urlPathEqualTo("/api/v3/order")).withQueryParam("origClientOrderId", equalTo(stopId))
                .atPriority(1).andMatching(StubExchange.signedWith(BinanceSpotStub::signed))
                .inScenario("stop").whenScenarioStateIs(STARTED)
                .willReturn(binanceError(-2013, "Order does not exist.")));
        server.stubFor(post(urlPathEqualTo("/api/v3/order")).withRequestBody(containing("type=STOP_LOSS"))
                .atPriority(1).andMatching(StubExchange.signedWith(BinanceSpotStub::signed))
                .inScenario("stop").willSetStateTo("resting")
                .willReturn(okJson("""
                        {"symbol":"BTCUSDT","orderId":29,"orderListId":-1,"clientOrderId":"%s",
                         "transactTime":1507725176595}""".formatted(stopId))));
        server.stubFor(get(urlPathEqualTo("/api/v3/order")).withQueryParam("origClientOrderId", equalTo(stopId))
                .atPriority(1).andMatching(StubExchange.signedWith(BinanceSpotStub::signed))
                .inScenario("stop").whenScenarioStateIs("resting")
                .willReturn(okJson(stopOrder(stopId, "NEW", "0.00000000", "0.00000000"))));
    }

    private static String stopOrder(String stopId, String status, String executed, String quote) {
        return """
                {"symbol":"BTCUSDT","orderId":29,"orderListId":-1,"clientOrderId":"%s","price":"0.00000000",
                 "origQty":"0.01000000","executedQty":"%s","cummulativeQuoteQty":"%s","status":"%s",
                 "timeInForce":"GTC","type":"STOP_LOSS","side":"SELL","stopPrice":"63000.00000000",
                 "icebergQty":"0.00000000","time":1499827319559,"updateTime":1499827319559,"isWorking":false,
                 "workingTime":-1,"origQuoteOrderQty":"0.00000000","selfTradePreventionMode":"NONE"}"""
                .formatted(stopId, executed, quote, status);
    }

    /** The close: not on the exchange yet, then a MARKET sell answered FULL, filled at 63,500. */
    private void stubClose(String closeId) {
        server.stubFor(get(urlPathEqualTo("/api/v3/order")).withQueryParam("origClientOrderId", equalTo(closeId))
                .atPriority(1).andMatching(StubExchange.signedWith(BinanceSpotStub::signed))
                .willReturn(binanceError(-2013, "Order does not exist.")));
        server.stubFor(post(urlPathEqualTo("/api/v3/order")).withRequestBody(containing("type=MARKET"))
                .withRequestBody(containing("side=SELL")).withRequestBody(containing("newClientOrderId=" + closeId))
                .atPriority(1).andMatching(StubExchange.signedWith(BinanceSpotStub::signed))
                .willReturn(okJson("""
                        {"symbol":"BTCUSDT","orderId":30,"orderListId":-1,"clientOrderId":"%s",
                         "transactTime":1507725176595,"price":"0.00000000","origQty":"0.01000000",
                         "executedQty":"0.01000000","cummulativeQuoteQty":"635.00000000","status":"FILLED",
                         "timeInForce":"GTC","type":"MARKET","side":"SELL","workingTime":1507725176595,
                         "selfTradePreventionMode":"NONE","fills":[{"price":"63500.00000000","qty":"0.01000000",
                         "commission":"0.63500000","commissionAsset":"USDT","tradeId":56}]}""".formatted(closeId))));
    }

    /** Binance's answer to {@code DELETE /api/v3/order}: the cancelled stop. */
    private void stopCancels() {
        server.stubFor(delete(urlPathEqualTo("/api/v3/order")).withQueryParam("orderId", equalTo(STOP_ORDER_ID))
                .atPriority(1).andMatching(StubExchange.signedWith(BinanceSpotStub::signed))
                .willReturn(okJson("""
                        {"symbol":"BTCUSDT","origClientOrderId":"stop","orderId":29,"orderListId":-1,
                         "clientOrderId":"cancelMyOrder1","transactTime":1684804350068,"price":"0.00000000",
                         "origQty":"0.01000000","executedQty":"0.00000000","cummulativeQuoteQty":"0.00000000",
                         "status":"CANCELED","timeInForce":"GTC","type":"STOP_LOSS","side":"SELL",
                         "stopPrice":"63000.00000000","selfTradePreventionMode":"NONE"}""")));
    }

    /** The stop is no longer open (-2011 "Unknown order sent."); read back by id it is {@code status}. */
    private void stopAlready(String status, String executed, String quote) {
        server.stubFor(delete(urlPathEqualTo("/api/v3/order")).withQueryParam("orderId", equalTo(STOP_ORDER_ID))
                .atPriority(1).andMatching(StubExchange.signedWith(BinanceSpotStub::signed))
                .willReturn(binanceError(-2011, "Unknown order sent.")));
        server.stubFor(get(urlPathEqualTo("/api/v3/order")).withQueryParam("orderId", equalTo(STOP_ORDER_ID))
                .atPriority(1).andMatching(StubExchange.signedWith(BinanceSpotStub::signed))
                .willReturn(okJson(stopOrder("stop", status, executed, quote))));
    }

    private static RequestPatternBuilder stopCancel() {
        return deleteRequestedFor(urlPathEqualTo("/api/v3/order")).withQueryParam("orderId", equalTo(STOP_ORDER_ID));
    }

    private static RequestPatternBuilder marketSell() {
        return postRequestedFor(urlPathEqualTo("/api/v3/order")).withRequestBody(containing("type=MARKET"))
                .withRequestBody(containing("side=SELL"));
    }

    private long servedAt(RequestPatternBuilder pattern) {
        List<ServeEvent> events = server.getAllServeEvents();
        return events.stream().filter(e -> pattern.build().match(e.getRequest()).isExactMatch())
                .mapToLong(e -> e.getRequest().getLoggedDate().getTime()).min().orElseThrow();
    }

    @Test
    void closingCancelsTheProtectiveStopBeforeSelling() {
        Position position = protectedPosition("ada@example.com");
        stopCancels();

        PositionView closed = service.close(position.userId(), position.id());

        assertThat(closed.position().status()).isEqualTo(PositionStatus.CLOSED);
        assertThat(closed.position().closeReason()).isEqualTo("MANUAL");
        assertThat(closed.position().exitPrice()).isEqualByComparingTo("63500");
        server.verify(1, stopCancel());
        server.verify(1, marketSell().withRequestBody(containing(
                "newClientOrderId=" + PositionService.closeOrderId(position.id()))));
        // on spot the resting stop locks the quantity the close sells: it must be gone first
        assertThat(servedAt(stopCancel())).isLessThanOrEqualTo(servedAt(marketSell()));
        assertThat(positions.live()).noneMatch(p -> p.id().equals(position.id()));
        assertThatThrownBy(() -> service.close(position.userId(), position.id()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("POSITION_CLOSED"));
        server.verify(1, stopCancel());
    }

    @Test
    void aStopAlreadyCancelledOnTheExchangeDoesNotStopTheClose() {
        Position position = protectedPosition("bea@example.com");
        stopAlready("CANCELED", "0.00000000", "0.00000000");

        PositionView closed = service.close(position.userId(), position.id());

        assertThat(closed.position().status()).isEqualTo(PositionStatus.CLOSED);
        assertThat(closed.position().exitPrice()).isEqualByComparingTo("63500");
        server.verify(1, stopCancel());
        server.verify(1, marketSell());
    }

    @Test
    void aStopThatAlreadyFilledClosedThePositionSoNothingIsSoldAgain() {
        Position position = protectedPosition("cid@example.com");
        stopAlready("FILLED", "0.01000000", "630.00000000");

        PositionView closed = service.close(position.userId(), position.id());

        assertThat(closed.position().status()).isEqualTo(PositionStatus.CLOSED);
        assertThat(closed.position().closeReason()).isEqualTo("STOP_LOSS");
        assertThat(closed.position().exitPrice()).isEqualByComparingTo("63000");
        server.verify(0, marketSell());
    }

    @Test
    void aStopThatFilledInPartBeforeItWasCancelledLeavesOnlyTheRestToSell() {
        Position position = protectedPosition("dot@example.com");
        // 0.004 of the 0.01 sold by the stop at 63,000 before the cancel reached it
        stopAlready("CANCELED", "0.00400000", "252.00000000");

        PositionView closed = service.close(position.userId(), position.id());

        assertThat(closed.position().status()).isEqualTo(PositionStatus.CLOSED);
        assertThat(closed.position().closeReason()).isEqualTo("MANUAL");
        server.verify(1, marketSell().withRequestBody(matching(".*quantity=0\\.006(0*)?(&.*|$)")));
        server.verify(0, marketSell().withRequestBody(containing("quantity=0.01")));
        // 0.004 at 63,000 and 0.006 at 63,500
        assertThat(closed.position().exitPrice()).isEqualByComparingTo("63300");
    }

    @Test
    void whenTheStopCannotBeCancelledNothingIsSoldAndThePositionStaysOpenAndProtected() {
        Position position = protectedPosition("dan@example.com");
        server.stubFor(delete(urlPathEqualTo("/api/v3/order")).withQueryParam("orderId", equalTo(STOP_ORDER_ID))
                .atPriority(1).andMatching(StubExchange.signedWith(BinanceSpotStub::signed))
                .willReturn(binanceError(-1001, "Internal error; unable to process your request. Please try again.")));

        assertThatThrownBy(() -> service.close(position.userId(), position.id()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(502));

        server.verify(0, marketSell());
        Position still = positions.find(position.id()).orElseThrow();
        assertThat(still.status()).isEqualTo(PositionStatus.OPEN);
        assertThat(still.stopOrderId()).isEqualTo(STOP_ORDER_ID);
    }

    @Test
    void aStopPlacedButNotYetRecordedIsFoundByItsDerivedIdAndCancelled() {
        Position position = protectedPosition("eve@example.com");
        // the entry watch died between placing the stop and recording it on the position
        positions.replace(position.protectedBy(null), PositionStatus.OPEN, false);
        stopCancels();

        PositionView closed = service.close(position.userId(), position.id());

        assertThat(closed.position().status()).isEqualTo(PositionStatus.CLOSED);
        server.verify(1, stopCancel());
        server.verify(1, marketSell());
    }

    @Test
    void aStopPlacedByTheEntryWatchAfterTheCloseIsCancelledAtOnce() {
        Position open = openPosition("fay@example.com");
        stopCancels();
        // the position is closed right after the entry watch listed it, before its stop is placed
        AtomicBoolean closedMeanwhile = new AtomicBoolean();
        DynamoDbClient racing = (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[]{DynamoDbClient.class}, (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(db, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("query") && closedMeanwhile.compareAndSet(false, true)) {
                        assertThat(positions.close(open.closed(new BigDecimal("64000"), "MANUAL",
                                market.clock.instant()))).isTrue();
                    }
                    return result;
                });

        EntryWatch.Run run = watch(new PositionRepository(racing, market.table)).run();

        assertThat(closedMeanwhile).isTrue();
        assertThat(run.stopsPlaced()).isZero();
        server.verify(1, postRequestedFor(urlPathEqualTo("/api/v3/order")).withRequestBody(containing("type=STOP_LOSS")));
        server.verify(1, stopCancel());
        assertThat(positions.find(open.id()).orElseThrow().status()).isEqualTo(PositionStatus.CLOSED);
    }
}
