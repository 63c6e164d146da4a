package com.tradebot.trading.execution;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.tradebot.auth.AuthFixture;
import com.tradebot.common.Json;
import com.tradebot.signal.MarketplaceFixture;
import com.tradebot.signal.Signal;
import com.tradebot.signal.SignalChange;
import com.tradebot.signal.SignalDraft;
import com.tradebot.signal.SignalEventMessage;
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
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A provider's signal that ends (closed, stop-loss / take-profit hit, cancelled) closes the followers' auto-traded
 * positions: the dispatcher finds them on the orders-by-signal index and queues one close per follower, the executor
 * closes each once. LIVE closes go through XChange's Binance client against a WireMock Binance answering in the
 * shapes of Binance's spot API documentation; the DynamoDB engine is the real one.
 */
class SignalCloseTest {
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
    private final List<PositionView> pushed = new CopyOnWriteArrayList<>();
    private final PositionEvents events = new PositionEvents() {
        @Override
        public void positionChanged(PositionView position) {
            pushed.add(position);
        }

        @Override
        public void executionRejected(String userId, Map<String, Object> details) {
        }
    };
    private final PositionService service = new PositionService(positions, new PriceRepository(db, market.table),
            gateway, events, market.clock);
    private final List<SignalCloseRequest> queued = new ArrayList<>();
    private final AutoTradeDispatcher dispatcher = new AutoTradeDispatcher(settings, executions, new ExecutionQueue() {
        @Override
        public int send(List<ExecutionRequest> requests) {
            return 1;
        }

        @Override
        public int sendCloses(List<SignalCloseRequest> requests) {
            queued.addAll(requests);
            return 1;
        }
    });
    private final SignalCloseExecutor closer = new SignalCloseExecutor(positions, service);
    private final Strategy strategy = market.freeStrategy("provider-1");

    @AfterEach
    void stop() {
        binance.close();
    }

    private record Follower(String userId, Subscription subscription, String keyId) {
    }

    private Follower follower(String email, String mode, boolean marketFirst) {
        String userId = auth.register(email, null).user().id();
        Subscription subscription = market.subscriptions.subscribe(userId, strategy.id());
        String keyId = null;
        if ("LIVE".equals(mode)) {
            String secret = auth.enableTwoFactor(userId);
            keyId = vault.save(userId, new ExchangeKeyVault.NewKey("binance", BinanceSpotStub.KEY,
                    BinanceSpotStub.SECRET, null, List.of("READ", "TRADE"), false, auth.nextCode(secret),
                    List.of("spot"))).id();
        }
        settingsService.save(userId, subscription.id(), new ExecutionSettingsService.Input(true, mode, keyId,
                keyId == null ? "binance" : null, "spot", BigDecimal.ONE, 1, 5, 0L, null, 20, 60, marketFirst, null,
                10));
        return new Follower(userId, subscription, keyId);
    }

    private Signal buySignal() {
        return market.signals.create("provider-1", new SignalDraft(strategy.id(), "ENTRY", "BTC/USDT", "binance",
                "1h", "BUY", new BigDecimal("64000"), new BigDecimal("63000"), new BigDecimal("66000"), null, 1, null,
                null), "corr-1");
    }

    private Position execute(Signal signal, Follower follower) {
        AutoTradeExecutor.Result placed = new AutoTradeExecutor(settings, market.signalRepository,
                market.subscriptionRepository, auth.auth.users(), gateway, executions, positions, events,
                market.clock).execute(new ExecutionRequest(signal.id(), follower.subscription().id(),
                follower.userId(), strategy.id(), follower.keyId() == null ? "paper" : follower.keyId(), "corr-1"));
        assertThat(placed.outcome()).isEqualTo("PLACED");
        return positions.find(placed.positionId()).orElseThrow();
    }

    /** The provider ends the signal; the dispatcher's close requests for it, as they travel on the queue (JSON). */
    private List<SignalCloseRequest> providerEnds(Signal signal, String status, String exitPrice) {
        if ("CANCELLED".equals(status)) {
            market.signals.cancel("provider-1", signal.id(), "corr-2");
        } else {
            market.signals.update("provider-1", signal.id(), new SignalChange(status, null, null, null,
                    new BigDecimal(exitPrice)), "corr-2");
        }
        SignalEventMessage ended = market.published.get(market.published.size() - 1);
        queued.clear();
        int count = dispatcher.dispatch(ended);
        assertThat(count).isEqualTo(queued.size());
        return queued.stream().map(SignalCloseTest::roundTrip).toList();
    }

    private static SignalCloseRequest roundTrip(SignalCloseRequest request) {
        try {
            return Json.MAPPER.readValue(Json.write(request), SignalCloseRequest.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A LIVE market entry, protected by the entry watch (stop 29 resting), with its close and stop stubs. */
    private Position protectedLivePosition(Signal signal, Follower follower) {
        Position open = execute(signal, follower);
        assertThat(open.status()).isEqualTo(PositionStatus.OPEN);
        String stopId = ClientOrderIds.stop(signal.id(), follower.userId());
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
        String closeId = PositionService.closeOrderId(open.id());
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
        server.stubFor(delete(urlPathEqualTo("/api/v3/order")).withQueryParam("orderId", equalTo(STOP_ORDER_ID))
                .atPriority(1).andMatching(StubExchange.signedWith(BinanceSpotStub::signed))
                .willReturn(okJson("""
                        {"symbol":"BTCUSDT","origClientOrderId":"stop","orderId":29,"orderListId":-1,
                         "clientOrderId":"cancelMyOrder1","transactTime":1684804350068,"price":"0.00000000",
                         "origQty":"0.01000000","executedQty":"0.00000000","cummulativeQuoteQty":"0.00000000",
                         "status":"CANCELED","timeInForce":"GTC","type":"STOP_LOSS","side":"SELL",
                         "stopPrice":"63000.00000000","selfTradePreventionMode":"NONE"}""")));
        assertThat(new EntryWatch(positions, gateway, events, market.clock).run().stopsPlaced()).isEqualTo(1);
        Position protectedOne = positions.find(open.id()).orElseThrow();
        assertThat(protectedOne.stopOrderId()).isEqualTo(STOP_ORDER_ID);
        pushed.clear();
        return protectedOne;
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder binanceError(int code,
                                                                                                 String message) {
        return WireMock.aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":" + code + ",\"msg\":\"" + message + "\"}");
    }

    private static RequestPatternBuilder stopCancel() {
        return deleteRequestedFor(urlPathEqualTo("/api/v3/order")).withQueryParam("orderId", equalTo(STOP_ORDER_ID));
    }

    private static RequestPatternBuilder marketSell() {
        return postRequestedFor(urlPathEqualTo("/api/v3/order")).withRequestBody(containing("type=MARKET"))
                .withRequestBody(containing("side=SELL"));
    }

    private long servedAt(RequestPatternBuilder pattern) {
        List<ServeEvent> served = server.getAllServeEvents();
        return served.stream().filter(e -> pattern.build().match(e.getRequest()).isExactMatch())
                .mapToLong(e -> e.getRequest().getLoggedDate().getTime()).min().orElseThrow();
    }

    @Test
    void aProviderCloseClosesLiveAndPaperPositionsOnceEach() {
        Signal signal = buySignal();
        Follower ada = follower("ada@example.com", "LIVE", true);
        Follower bea = follower("bea@example.com", "PAPER", true);
        Position live = protectedLivePosition(signal, ada);
        Position paper = execute(signal, bea);
        assertThat(paper.status()).isEqualTo(PositionStatus.OPEN);
        pushed.clear();

        List<SignalCloseRequest> closes = providerEnds(signal, "CLOSED", "63500");

        assertThat(closes).extracting(SignalCloseRequest::positionId)
                .containsExactlyInAnyOrder(live.id(), paper.id());
        SignalCloseRequest adaClose = closes.stream().filter(c -> c.userId().equals(ada.userId())).findFirst()
                .orElseThrow();
        // the entry's group: runs after that account's earlier messages; deduplicated by (event, user)
        assertThat(adaClose.messageGroupId()).isEqualTo(ada.userId() + "#" + ada.keyId());
        assertThat(adaClose.reason()).isEqualTo("SIGNAL_CLOSE");
        assertThat(adaClose.deduplicationId()).hasSize(64).isNotEqualTo(closes.stream()
                .filter(c -> c.userId().equals(bea.userId())).findFirst().orElseThrow().deduplicationId());

        for (SignalCloseRequest close : closes) {
            assertThat(closer.execute(close).outcome()).isEqualTo("CLOSED");
        }

        Position liveClosed = positions.find(live.id()).orElseThrow();
        assertThat(liveClosed.status()).isEqualTo(PositionStatus.CLOSED);
        assertThat(liveClosed.closeReason()).isEqualTo("SIGNAL_CLOSE");
        assertThat(liveClosed.exitPrice()).isEqualByComparingTo("63500");
        server.verify(1, stopCancel());
        server.verify(1, marketSell().withRequestBody(containing("quantity=0.01"))
                .withRequestBody(containing("newClientOrderId=" + PositionService.closeOrderId(live.id()))));
        assertThat(servedAt(stopCancel())).isLessThanOrEqualTo(servedAt(marketSell()));
        Position paperClosed = positions.find(paper.id()).orElseThrow();
        assertThat(paperClosed.status()).isEqualTo(PositionStatus.CLOSED);
        assertThat(paperClosed.closeReason()).isEqualTo("SIGNAL_CLOSE");
        assertThat(paperClosed.exitPrice()).isEqualByComparingTo("64000"); // the ticker's last price
        assertThat(pushed).extracting(v -> v.position().id()).containsExactlyInAnyOrder(live.id(), paper.id());
        assertThat(positions.live()).noneMatch(p -> p.signalId().equals(signal.id()));

        // the same messages delivered again close nothing twice
        for (SignalCloseRequest close : closes) {
            assertThat(closer.execute(close).outcome()).isEqualTo("ALREADY_CLOSED");
        }
        server.verify(1, stopCancel());
        server.verify(1, marketSell());
        assertThat(pushed).hasSize(2);
        // and a redelivered event queues the same deduplication ids
        assertThat(providerEndsAgain(signal)).extracting(SignalCloseRequest::deduplicationId)
                .containsExactlyInAnyOrderElementsOf(closes.stream().map(SignalCloseRequest::deduplicationId).toList());
    }

    private List<SignalCloseRequest> providerEndsAgain(Signal signal) {
        SignalEventMessage ended = market.published.get(market.published.size() - 1);
        assertThat(ended.signal().id()).isEqualTo(signal.id());
        queued.clear();
        dispatcher.dispatch(ended);
        return List.copyOf(queued);
    }

    @Test
    void stopLossAndTakeProfitHitsAreTheCloseReasons() {
        Signal stopped = buySignal();
        Follower cid = follower("cid@example.com", "PAPER", true);
        Position first = execute(stopped, cid);
        List<SignalCloseRequest> closes = providerEnds(stopped, "SL_HIT", "63000");
        assertThat(closes).singleElement().satisfies(c -> assertThat(c.reason()).isEqualTo("STOP_LOSS"));
        closer.execute(closes.get(0));
        assertThat(positions.find(first.id()).orElseThrow().closeReason()).isEqualTo("STOP_LOSS");

        Signal won = buySignal();
        Position second = execute(won, cid);
        closes = providerEnds(won, "TP_HIT", "66000");
        assertThat(closes).singleElement().satisfies(c -> assertThat(c.reason()).isEqualTo("TAKE_PROFIT"));
        closer.execute(closes.get(0));
        Position closed = positions.find(second.id()).orElseThrow();
        assertThat(closed.closeReason()).isEqualTo("TAKE_PROFIT");
        assertThat(closed.status()).isEqualTo(PositionStatus.CLOSED);
        assertThat(positions.find(first.id()).orElseThrow().closedAt()).isNotNull();
    }

    @Test
    void aPositionTheUserClosedIsLeftAlone() {
        Signal signal = buySignal();
        Follower dan = follower("dan@example.com", "LIVE", true);
        Position live = protectedLivePosition(signal, dan);
        assertThat(service.close(dan.userId(), live.id()).position().closeReason()).isEqualTo("MANUAL");
        server.verify(1, marketSell());
        pushed.clear();

        List<SignalCloseRequest> closes = providerEnds(signal, "CLOSED", "63500");
        assertThat(closes).hasSize(1);
        assertThat(closer.execute(closes.get(0)).outcome()).isEqualTo("ALREADY_CLOSED");

        assertThat(positions.find(live.id()).orElseThrow().closeReason()).isEqualTo("MANUAL");
        server.verify(1, marketSell());
        server.verify(1, stopCancel());
        assertThat(pushed).isEmpty();
    }

    @Test
    void anUnfilledEntryIsCancelledInsteadAndNoNewEntryFollowsTheEndedSignal() {
        Signal signal = buySignal();
        Follower eve = follower("eve@example.com", "LIVE", false);
        Position pending = execute(signal, eve);
        assertThat(pending.status()).isEqualTo(PositionStatus.PENDING_ENTRY);
        String resting = """
                {"symbol":"BTCUSDT","orderId":28,"orderListId":-1,"clientOrderId":"%s","price":"63990.00000000",
                 "origQty":"0.01000000","executedQty":"0.00000000","cummulativeQuoteQty":"0.00000000",
                 "status":"CANCELED","timeInForce":"GTC","type":"LIMIT","side":"BUY","stopPrice":"0.00000000",
                 "icebergQty":"0.00000000","time":1499827319559,"updateTime":1499827319559,"isWorking":true,
                 "workingTime":1499827319559,"origQuoteOrderQty":"0.00000000","selfTradePreventionMode":"NONE"}"""
                .formatted(pending.id());
        server.stubFor(delete(urlPathEqualTo("/api/v3/order")).withQueryParam("orderId", equalTo("28"))
                .atPriority(1).andMatching(StubExchange.signedWith(BinanceSpotStub::signed))
                .willReturn(okJson(resting)));
        pushed.clear();

        List<SignalCloseRequest> closes = providerEnds(signal, "CANCELLED", null);
        assertThat(closes).singleElement().satisfies(c -> assertThat(c.reason()).isEqualTo("SIGNAL_CANCELLED"));
        assertThat(closer.execute(closes.get(0)).outcome()).isEqualTo("ENTRY_CANCELLED");
        assertThat(closer.execute(closes.get(0)).outcome()).isEqualTo("ALREADY_CLOSED");

        Position cancelled = positions.find(pending.id()).orElseThrow();
        assertThat(cancelled.status()).isEqualTo(PositionStatus.CLOSED);
        assertThat(cancelled.closeReason()).isEqualTo("SIGNAL_CANCELLED");
        assertThat(cancelled.entryOrderState()).isEqualTo("CANCELED");
        assertThat(cancelled.realisedPnlCents()).isZero();
        assertThat(cancelled.exitPrice()).isNull();
        server.verify(1, deleteRequestedFor(urlPathEqualTo("/api/v3/order")).withQueryParam("orderId", equalTo("28")));
        server.verify(0, marketSell());
        server.verify(0, postRequestedFor(urlPathEqualTo("/api/v3/order")).withRequestBody(containing("type=STOP_LOSS")));
        assertThat(pushed).singleElement().satisfies(v -> assertThat(v.position().id()).isEqualTo(pending.id()));

        // a follower whose entry was still queued when the signal ended gets none
        Follower fay = follower("fay@example.com", "PAPER", true);
        AutoTradeExecutor.Result late = new AutoTradeExecutor(settings, market.signalRepository,
                market.subscriptionRepository, auth.auth.users(), gateway, executions, positions, events,
                market.clock).execute(new ExecutionRequest(signal.id(), fay.subscription().id(), fay.userId(),
                strategy.id(), "paper", "corr-1"));
        assertThat(late.outcome()).isEqualTo("REJECTED");
        assertThat(late.reason()).isEqualTo("SIGNAL_ENDED");
    }

    @Test
    void aSignalEndingWhileItsEntryIsPlacedClosesThePositionTheCloseCouldNotFind() {
        Signal signal = buySignal();
        Follower gus = follower("gus@example.com", "PAPER", true);
        // the provider cancels after the executor read the signal ACTIVE, before the order is recorded: the
        // dispatcher's index query finds no order yet
        java.util.concurrent.atomic.AtomicInteger closesQueued = new java.util.concurrent.atomic.AtomicInteger(-1);
        DynamoDbClient racing = (DynamoDbClient) java.lang.reflect.Proxy.newProxyInstance(
                DynamoDbClient.class.getClassLoader(), new Class<?>[]{DynamoDbClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("transactWriteItems") && closesQueued.get() < 0) {
                        closesQueued.set(providerEnds(signal, "CANCELLED", null).size());
                    }
                    try {
                        return method.invoke(db, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        ExecutionRepository racingLog = new ExecutionRepository(racing, market.table, positions);

        AutoTradeExecutor.Result placed = new AutoTradeExecutor(settings, market.signalRepository,
                market.subscriptionRepository, auth.auth.users(), gateway, racingLog, positions, events,
                market.clock, service).execute(new ExecutionRequest(signal.id(), gus.subscription().id(),
                gus.userId(), strategy.id(), "paper", "corr-1"));

        assertThat(closesQueued.get()).isZero();
        assertThat(placed.outcome()).isEqualTo("PLACED");
        Position closed = positions.find(placed.positionId()).orElseThrow();
        assertThat(closed.status()).isEqualTo(PositionStatus.CLOSED);
        assertThat(closed.closeReason()).isEqualTo("SIGNAL_CANCELLED");
        assertThat(pushed).extracting(v -> v.position().status()).endsWith(PositionStatus.CLOSED);
        // the index has the order now: a later delivery of the cancel's closes finds it closed
        List<SignalCloseRequest> late = providerEndsAgain(signal);
        assertThat(late).singleElement().satisfies(c -> assertThat(closer.execute(c).outcome())
                .isEqualTo("ALREADY_CLOSED"));
    }
}
