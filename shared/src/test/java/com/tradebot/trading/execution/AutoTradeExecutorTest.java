package com.tradebot.trading.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import com.tradebot.trading.exchange.Side;
import com.tradebot.trading.exchange.StubExchange;
import com.tradebot.trading.position.Position;
import com.tradebot.trading.position.PositionEvents;
import com.tradebot.trading.position.PositionRepository;
import com.tradebot.trading.position.PositionService;
import com.tradebot.trading.position.PositionStatus;
import com.tradebot.trading.position.PositionView;
import com.tradebot.trading.position.PriceRepository;
import com.tradebot.vault.ExchangeKey;
import com.tradebot.vault.ExchangeKeyRepository;
import com.tradebot.vault.ExchangeKeyVault;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The executor against the real DynamoDB engine and XChange's Binance client on a WireMock Binance: exactly one order
 * per signal and follower whatever happens to the message, the 2FA gate of real trading, rejections recorded once,
 * positions marked and closed with fees.
 */
class AutoTradeExecutorTest {
    private final AuthFixture auth = new AuthFixture();
    private final MarketplaceFixture market = new MarketplaceFixture();
    private final BinanceSpotStub binance = new BinanceSpotStub("64000");
    private final DynamoDbClient db = LocalDynamoDb.client();
    private final ExchangeKeyVault vault = new ExchangeKeyVault(new ExchangeKeyRepository(db, auth.table),
            auth.auth.aead(), auth.auth.secondFactor(), auth.clock);
    private final ExchangeGateway gateway = new ExchangeGateway(vault,
            Exchanges.of(Map.of("EXCHANGE_BINANCE_URL", binance.url()), market.clock), BackOff.none());
    private final ExecutionSettingsRepository settings = new ExecutionSettingsRepository(db, market.table);
    private final PositionRepository positions = new PositionRepository(db, market.table);
    private final PriceRepository prices = new PriceRepository(db, market.table);
    private final ExecutionRepository executions = new ExecutionRepository(db, market.table, positions);
    private final ExecutionSettingsService settingsService = new ExecutionSettingsService(settings,
            market.subscriptionRepository, auth.auth.users(), vault, market.clock);
    private final List<PositionView> positionEvents = new CopyOnWriteArrayList<>();
    private final List<Map<String, Object>> rejections = new CopyOnWriteArrayList<>();
    private final PositionEvents events = new PositionEvents() {
        @Override
        public void positionChanged(PositionView position) {
            positionEvents.add(position);
        }

        @Override
        public void executionRejected(String userId, Map<String, Object> details) {
            rejections.add(details);
        }
    };
    private final Strategy strategy = market.freeStrategy("provider-1");

    @AfterEach
    void stop() {
        binance.close();
    }

    private AutoTradeExecutor executor(ExecutionRepository log) {
        return new AutoTradeExecutor(settings, market.signalRepository, market.subscriptionRepository,
                auth.auth.users(), gateway, log, positions, events, market.clock);
    }

    private record Follower(String userId, String totpSecret, Subscription subscription) {
    }

    private Follower follower(String email, boolean twoFactor) {
        String userId = auth.register(email, null).user().id();
        String secret = twoFactor ? auth.enableTwoFactor(userId) : null;
        return new Follower(userId, secret, market.subscriptions.subscribe(userId, strategy.id()));
    }

    private String tradingKey(Follower follower) {
        ExchangeKey key = vault.save(follower.userId(), new ExchangeKeyVault.NewKey("binance", BinanceSpotStub.KEY,
                BinanceSpotStub.SECRET, null, List.of("READ", "TRADE"), false, auth.nextCode(follower.totpSecret()),
                List.of("spot")));
        return key.id();
    }

    private static ExecutionSettingsService.Input live(String keyId) {
        return new ExecutionSettingsService.Input(true, "LIVE", keyId, null, "spot", BigDecimal.ONE, 1, 5, 0L, null,
                20, 60, true, null, 10);
    }

    private static ExecutionSettingsService.Input paper(List<String> pairs) {
        return new ExecutionSettingsService.Input(true, "PAPER", null, "binance", "spot", BigDecimal.ONE, 1, 5, 0L,
                pairs, 20, 60, true, null, 10);
    }

    private Signal buySignal() {
        return market.signals.create("provider-1", new SignalDraft(strategy.id(), "ENTRY", "BTC/USDT", "binance", "1h",
                "BUY", new BigDecimal("64000"), new BigDecimal("63000"), new BigDecimal("66000"), null, 1, null, null),
                "corr-1");
    }

    private static ExecutionRequest request(Signal signal, Follower follower, String accountRef) {
        return new ExecutionRequest(signal.id(), follower.subscription().id(), follower.userId(), signal.strategyId(),
                accountRef, "corr-1");
    }

    @Test
    void aLiveSignalPlacesOneOrderHoweverOftenItIsDelivered() {
        Follower ada = follower("ada@example.com", true);
        String keyId = tradingKey(ada);
        settingsService.save(ada.userId(), ada.subscription().id(), live(keyId));
        Signal signal = buySignal();

        AutoTradeExecutor.Result first = executor(executions).execute(request(signal, ada, keyId));
        assertThat(first.outcome()).isEqualTo("PLACED");
        AutoTradeExecutor.Result again = executor(executions).execute(request(signal, ada, keyId));
        assertThat(again.outcome()).isEqualTo("ALREADY_ORDERED");
        assertThat(binance.ordersPlaced()).isEqualTo(1);

        Position position = positions.find(first.positionId()).orElseThrow();
        assertThat(position.status()).isEqualTo(PositionStatus.OPEN);
        assertThat(position.side()).isEqualTo(Side.BUY);
        // 1 % of 1,000 USDT at risk over a 1,000 stop distance: 0.01 BTC, filled at 64,000 (read back after the ACK)
        assertThat(position.quantity()).isEqualByComparingTo("0.01");
        assertThat(position.entryPrice()).isEqualByComparingTo("64000");
        assertThat(position.entryFeeCents()).isEqualTo(64); // 640 USDT × 10 bps
        assertThat(position.mode()).isEqualTo("LIVE");
        assertThat(positionEvents).hasSize(1);
        assertThat(executions.ofUser(ada.userId(), 10)).singleElement()
                .satisfies(r -> assertThat(r.outcome()).isEqualTo(ExecutionRecord.Outcome.ORDERED));
        binance.exchange.server.verify(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/api/v3/order"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(
                        "newClientOrderId=" + first.clientOrderId()))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("type=MARKET")));
    }

    @Test
    void anExecutorKilledBetweenPlacingAndRecordingEndsWithOneOrder() {
        Follower bob = follower("bob@example.com", true);
        String keyId = tradingKey(bob);
        settingsService.save(bob.userId(), bob.subscription().id(), live(keyId));
        Signal signal = buySignal();

        ExecutionRepository dying = new ExecutionRepository(failingTransactions(db), market.table, positions);
        assertThatThrownBy(() -> executor(dying).execute(request(signal, bob, keyId)))
                .hasMessageContaining("killed");
        assertThat(binance.ordersPlaced()).isEqualTo(1);
        assertThat(positions.ofUser(bob.userId(), 10)).isEmpty();

        // SQS redelivers: the exchange is asked by clientOrderId, the order found and recorded, none placed
        AutoTradeExecutor.Result retried = executor(executions).execute(request(signal, bob, keyId));
        assertThat(retried.outcome()).isEqualTo("RECOVERED");
        assertThat(binance.ordersPlaced()).isEqualTo(1);
        assertThat(positions.ofUser(bob.userId(), 10)).singleElement()
                .satisfies(p -> assertThat(p.status()).isEqualTo(PositionStatus.OPEN));
    }

    @Test
    void realTradingNeedsTwoFactorPaperDoesNot() {
        Follower carol = follower("carol@example.com", false);
        assertThatThrownBy(() -> settingsService.save(carol.userId(), carol.subscription().id(), live("any-key")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.code()).isEqualTo("TWO_FACTOR_REQUIRED");
                });
        settingsService.save(carol.userId(), carol.subscription().id(), paper(null));
        Signal signal = buySignal();
        AutoTradeExecutor.Result result = executor(executions).execute(request(signal, carol, "paper"));
        assertThat(result.outcome()).isEqualTo("PLACED");
        assertThat(binance.ordersPlaced()).isZero();
        Position position = positions.find(result.positionId()).orElseThrow();
        assertThat(position.mode()).isEqualTo("PAPER");
        assertThat(position.entryPrice()).isEqualByComparingTo("64000"); // the ticker's last price
        assertThat(position.quantity()).isEqualByComparingTo("0.1"); // 1 % of the 10,000 paper account

        // 2FA turned off after LIVE was saved: the executor refuses, records why once, and tells the user once
        Follower dan = follower("dan@example.com", true);
        String keyId = tradingKey(dan);
        settingsService.save(dan.userId(), dan.subscription().id(), live(keyId));
        auth.auth.users().disableTotp(dan.userId());
        assertThat(executor(executions).execute(request(signal, dan, keyId)).reason()).isEqualTo("TWO_FACTOR_REQUIRED");
        assertThat(executor(executions).execute(request(signal, dan, keyId)).outcome()).isEqualTo("ALREADY_REJECTED");
        assertThat(binance.ordersPlaced()).isZero();
        assertThat(rejections).singleElement().satisfies(r -> assertThat(r).containsEntry("reason", "TWO_FACTOR_REQUIRED"));
    }

    @Test
    void riskRejectionsCarryTheirReasonAndNothingIsPlaced() {
        Follower erin = follower("erin@example.com", false);
        settingsService.save(erin.userId(), erin.subscription().id(), paper(List.of("eth/usdt")));
        AutoTradeExecutor.Result result = executor(executions).execute(request(buySignal(), erin, "paper"));
        assertThat(result.reason()).isEqualTo("PAIR_NOT_ALLOWED");
        assertThat(positions.ofUser(erin.userId(), 10)).isEmpty();
        assertThat(executions.ofUser(erin.userId(), 10)).singleElement()
                .satisfies(r -> assertThat(r.message()).contains("BTC/USDT"));

        settingsService.save(erin.userId(), erin.subscription().id(), new ExecutionSettingsService.Input(false,
                "PAPER", null, null, null, null, null, null, null, null, null, null, null, null, null));
        assertThat(executor(executions).execute(request(buySignal(), erin, "paper")).reason())
                .isEqualTo("AUTO_TRADE_OFF");
    }

    @Test
    void badSettingsAre400WithEveryFieldAndAnotherUsersSubscriptionIs403() {
        Follower fay = follower("fay@example.com", false);
        assertThatThrownBy(() -> settingsService.save(fay.userId(), fay.subscription().id(),
                new ExecutionSettingsService.Input(true, "MOON", null, "kraken", "options", new BigDecimal("50"), 0,
                        0, -1L, List.of("BTC"), 900, 1, null, BigDecimal.ZERO, 500)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.details())
                        .extracting(ApiException.FieldError::field).containsExactly("mode", "market", "exchange",
                                "riskPercent", "maxLeverage", "maxOpenPositions", "dailyLossLimitCents",
                                "allowedPairs", "priceBandBps", "entryTimeoutSeconds", "paperEquity", "feeBps"));
        Follower gus = follower("gus@example.com", false);
        assertThatThrownBy(() -> settingsService.get(gus.userId(), fay.subscription().id()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThat(settingsService.get(fay.userId(), fay.subscription().id()).autoTrade()).isFalse();
    }

    @Test
    void positionsAreMarkedToTheFeedPriceAndClosedWithFees() {
        Follower hal = follower("hal@example.com", false);
        settingsService.save(hal.userId(), hal.subscription().id(), paper(null));
        String id = executor(executions).execute(request(buySignal(), hal, "paper")).positionId();
        PositionService service = new PositionService(positions, prices, gateway, events, market.clock);

        assertThat(service.get(hal.userId(), id).unrealisedPnlCents()).isNull(); // no feed price yet
        prices.save("binance", "BTC/USDT", new PriceRepository.LastPrice(new BigDecimal("65000"), market.clock.instant()));
        PositionView marked = service.get(hal.userId(), id);
        // 0.1 BTC × +1,000 = 100.00 USDT, less 6.40 entry and 6.50 exit fees
        assertThat(marked.unrealisedPnlCents()).isEqualTo(10_000 - 640 - 650);
        assertThat(service.mine(hal.userId())).hasSize(1);
        assertThatThrownBy(() -> service.get("someone-else", id))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));

        PositionView closed = service.close(hal.userId(), id); // at the ticker's 64,000: fees only
        assertThat(closed.position().status()).isEqualTo(PositionStatus.CLOSED);
        assertThat(closed.position().realisedPnlCents()).isEqualTo(-1280L);
        // a paper position's stop is simulated only while it is live: once closed it leaves the live set
        assertThat(positions.live()).noneMatch(p -> p.id().equals(id));
        assertThatThrownBy(() -> service.close(hal.userId(), id))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("POSITION_CLOSED"));
        assertThat(binance.ordersPlaced()).isZero();
        binance.exchange.server.verify(0, com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
    }

    /** The real client, except that its first TransactWriteItems dies: a process killed after placing the order. */
    private static DynamoDbClient failingTransactions(DynamoDbClient real) {
        AtomicBoolean died = new AtomicBoolean();
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[]{DynamoDbClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("transactWriteItems") && died.compareAndSet(false, true)) {
                        throw new IllegalStateException("killed before recording");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private Signal buySignal(String stop) {
        return market.signals.create("provider-1", new SignalDraft(strategy.id(), "ENTRY", "BTC/USDT", "binance", "1h",
                "BUY", new BigDecimal("64000"), new BigDecimal(stop), new BigDecimal("66000"), null, 1, null, null),
                "corr-2");
    }

    @Test
    void ordersAreRoundedToTheExchangesLotSizeAndRefusedUnderItsMinimumNotional() {
        binance.exchange.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/api/v3/exchangeInfo"))
                .withQueryParam("symbol", com.github.tomakehurst.wiremock.client.WireMock.equalTo("BTCUSDT"))
                .atPriority(1).willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(
                        com.tradebot.trading.exchange.binance.BinanceExchangeInfoJson.btcUsdt("0.00100000", "5.00000000"))));
        Follower erin = follower("erin@example.com", false);
        settingsService.save(erin.userId(), erin.subscription().id(), paper(null));
        // 1 % of the 10,000 paper account over a 700 stop distance: 0.142857... BTC, down to the 0.001 lot step
        AutoTradeExecutor executor = executor(executions);
        AutoTradeExecutor.Result placed = executor.execute(request(buySignal("63300"), erin, "paper"));
        assertThat(placed.outcome()).as(placed.toString()).isEqualTo("PLACED");
        assertThat(positions.find(placed.positionId()).orElseThrow().quantity()).isEqualByComparingTo("0.142");

        // the same executor (its cache) asks the exchange once an hour, not per order
        Follower finn = follower("finn@example.com", false);
        settingsService.save(finn.userId(), finn.subscription().id(), paper(null));
        executor.execute(request(buySignal("63300"), finn, "paper"));
        binance.exchange.server.verify(1, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/api/v3/exchangeInfo")));

        // a minimum notional above what the risk allows: refused with its reason, nothing ordered
        binance.exchange.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/api/v3/exchangeInfo"))
                .atPriority(1).willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(
                        com.tradebot.trading.exchange.binance.BinanceExchangeInfoJson.btcUsdt("0.00100000", "100000.00000000"))));
        Follower gus = follower("gus@example.com", false);
        settingsService.save(gus.userId(), gus.subscription().id(), paper(null));
        AutoTradeExecutor.Result refused = executor(executions).execute(request(buySignal("63300"), gus, "paper"));
        assertThat(refused.reason()).isEqualTo("SIZE_BELOW_MINIMUM");
    }

    private static ExecutionSettingsService.Input liveLimit(String keyId) {
        return new ExecutionSettingsService.Input(true, "LIVE", keyId, null, "spot", BigDecimal.ONE, 1, 5, 0L, null,
                20, 60, false, null, 10);
    }

    private EntryWatch watch() {
        return new EntryWatch(positions, gateway, events, market.clock);
    }

    private static com.github.tomakehurst.wiremock.matching.RequestPatternBuilder orders() {
        return com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/api/v3/order"));
    }

    @Test
    void aRestingEntryThatFillsOpensAndGetsOneProtectiveStop() {
        Follower hal = follower("hal@example.com", true);
        String keyId = tradingKey(hal);
        settingsService.save(hal.userId(), hal.subscription().id(), liveLimit(keyId));
        Signal signal = buySignal();
        AutoTradeExecutor.Result placed = executor(executions).execute(request(signal, hal, keyId));
        assertThat(placed.outcome()).isEqualTo("PLACED");
        assertThat(positions.find(placed.positionId()).orElseThrow().status()).isEqualTo(PositionStatus.PENDING_ENTRY);
        binance.exchange.server.verify(1, orders().withRequestBody(
                com.github.tomakehurst.wiremock.client.WireMock.containing("type=LIMIT")));

        // the stop is unknown on the exchange until placed (-2013), then reads back as resting
        String stopId = com.tradebot.trading.risk.ClientOrderIds.stop(signal.id(), hal.userId());
        var server = binance.exchange.server;
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/api/v3/order"))
                .withQueryParam("origClientOrderId", com.github.tomakehurst.wiremock.client.WireMock.equalTo(stopId))
                .atPriority(1).andMatching(StubExchange.signedWith(BinanceSpotStub::signed))
                .inScenario("stop").whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":-2013,\"msg\":\"Order does not exist.\"}")));
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/api/v3/order"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("type=STOP_LOSS"))
                .atPriority(1).andMatching(StubExchange.signedWith(BinanceSpotStub::signed))
                .inScenario("stop").willSetStateTo("resting")
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("""
                        {"symbol":"BTCUSDT","orderId":29,"orderListId":-1,"clientOrderId":"stop",
                         "transactTime":1507725176595}""")));
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/api/v3/order"))
                .withQueryParam("origClientOrderId", com.github.tomakehurst.wiremock.client.WireMock.equalTo(stopId))
                .atPriority(1).andMatching(StubExchange.signedWith(BinanceSpotStub::signed))
                .inScenario("stop").whenScenarioStateIs("resting")
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("""
                        {"symbol":"BTCUSDT","orderId":29,"orderListId":-1,"clientOrderId":"%s","price":"0.00000000",
                         "origQty":"0.01000000","executedQty":"0.00000000","cummulativeQuoteQty":"0.00000000",
                         "status":"NEW","timeInForce":"GTC","type":"STOP_LOSS","side":"SELL",
                         "stopPrice":"63000.00000000","icebergQty":"0.00000000","time":1499827319559,
                         "updateTime":1499827319559,"isWorking":false,"workingTime":-1,
                         "origQuoteOrderQty":"0.00000000","selfTradePreventionMode":"NONE"}""".formatted(stopId))));

        // the exchange reports the entry FILLED (the stub's order read): open at the fill, then the stop
        EntryWatch.Run run = watch().run();
        assertThat(run.filled()).isEqualTo(1);
        assertThat(run.stopsPlaced()).isEqualTo(1);
        Position open = positions.find(placed.positionId()).orElseThrow();
        assertThat(open.status()).isEqualTo(PositionStatus.OPEN);
        assertThat(open.entryPrice()).isEqualByComparingTo("64000");
        assertThat(open.stopOrderId()).isEqualTo("29");
        server.verify(1, orders().withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(
                "type=STOP_LOSS")).withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(
                "side=SELL")).withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(
                "stopPrice=63000")).withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(
                "newClientOrderId=" + stopId)));

        // later runs leave a protected position alone; a run that died after placing the stop finds it by its id
        assertThat(watch().run().watched()).isZero();
        positions.replace(open.protectedBy(null), PositionStatus.OPEN, false);
        assertThat(watch().run().stopsPlaced()).isEqualTo(1);
        assertThat(positions.find(placed.positionId()).orElseThrow().stopOrderId()).isEqualTo("29");
        server.verify(1, orders().withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(
                "type=STOP_LOSS")));
    }

    @Test
    void aRestingEntryNotFilledInTimeIsCancelledAndReportedMissed() {
        Follower ivy = follower("ivy@example.com", true);
        String keyId = tradingKey(ivy);
        settingsService.save(ivy.userId(), ivy.subscription().id(), liveLimit(keyId));
        AutoTradeExecutor.Result placed = executor(executions).execute(request(buySignal(), ivy, keyId));
        var server = binance.exchange.server;
        String resting = """
                {"symbol":"BTCUSDT","orderId":28,"orderListId":-1,"clientOrderId":"%s","price":"63990.00000000",
                 "origQty":"0.01000000","executedQty":"0.00000000","cummulativeQuoteQty":"0.00000000",
                 "status":"%s","timeInForce":"GTC","type":"LIMIT","side":"BUY","stopPrice":"0.00000000",
                 "icebergQty":"0.00000000","time":1499827319559,"updateTime":1499827319559,"isWorking":true,
                 "workingTime":1499827319559,"origQuoteOrderQty":"0.00000000","selfTradePreventionMode":"NONE"}""";
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/api/v3/order"))
                .withQueryParam("orderId", com.github.tomakehurst.wiremock.client.WireMock.equalTo("28"))
                .atPriority(1).andMatching(StubExchange.signedWith(BinanceSpotStub::signed))
                .inScenario("cancel").whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(
                        resting.formatted(placed.clientOrderId(), "NEW"))));
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.delete(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/api/v3/order"))
                .atPriority(1).andMatching(StubExchange.signedWith(BinanceSpotStub::signed))
                .inScenario("cancel").willSetStateTo("cancelled")
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(
                        resting.formatted(placed.clientOrderId(), "CANCELED"))));
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/api/v3/order"))
                .withQueryParam("orderId", com.github.tomakehurst.wiremock.client.WireMock.equalTo("28"))
                .atPriority(1).andMatching(StubExchange.signedWith(BinanceSpotStub::signed))
                .inScenario("cancel").whenScenarioStateIs("cancelled")
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(
                        resting.formatted(placed.clientOrderId(), "CANCELED"))));

        // within its 60 s the entry rests: nothing done
        market.clock.advance(java.time.Duration.ofSeconds(30));
        assertThat(watch().run().missed()).isZero();
        assertThat(positions.find(placed.positionId()).orElseThrow().status()).isEqualTo(PositionStatus.PENDING_ENTRY);
        // past it: cancelled on the exchange, the position closed as missed with nothing traded, no stop
        market.clock.advance(java.time.Duration.ofSeconds(31));
        assertThat(watch().run().missed()).isEqualTo(1);
        Position missed = positions.find(placed.positionId()).orElseThrow();
        assertThat(missed.status()).isEqualTo(PositionStatus.CLOSED);
        assertThat(missed.closeReason()).isEqualTo("ENTRY_TIMED_OUT");
        assertThat(missed.realisedPnlCents()).isZero();
        server.verify(1, com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/api/v3/order")));
        assertThat(watch().run().watched()).isZero();
        server.verify(0, orders().withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(
                "type=STOP_LOSS")));
    }

    @Test
    void aLiveFillsCommissionIsTheEntryFeeInTheLogAndThePnl() {
        // Binance's FULL answer to a market order: filled at once, two fills and the commission charged for each
        binance.exchange.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/api/v3/order"))
                .atPriority(1).andMatching(StubExchange.signedWith(BinanceSpotStub::signed))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("newOrderRespType=FULL"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("""
                        {"symbol":"BTCUSDT","orderId":28,"orderListId":-1,"clientOrderId":"6gCrw2kRUAF9CvJDGP16IP",
                         "transactTime":1507725176595,"price":"0.00000000","origQty":"0.01000000",
                         "executedQty":"0.01000000","origQuoteOrderQty":"0.000000","cummulativeQuoteQty":"640.00000000",
                         "status":"FILLED","timeInForce":"GTC","type":"MARKET","side":"BUY",
                         "workingTime":1507725176595,"selfTradePreventionMode":"NONE","fills":[
                          {"price":"64000.00000000","qty":"0.00600000","commission":"0.28800000",
                           "commissionAsset":"USDT","tradeId":56},
                          {"price":"64000.00000000","qty":"0.00400000","commission":"0.19200000",
                           "commissionAsset":"USDT","tradeId":57}]}""")));
        Follower jo = follower("jo@example.com", true);
        String keyId = tradingKey(jo);
        settingsService.save(jo.userId(), jo.subscription().id(), live(keyId));
        AutoTradeExecutor.Result placed = executor(executions).execute(request(buySignal(), jo, keyId));
        assertThat(placed.outcome()).isEqualTo("PLACED");
        Position position = positions.find(placed.positionId()).orElseThrow();
        assertThat(position.status()).isEqualTo(PositionStatus.OPEN);
        assertThat(position.entryPrice()).isEqualByComparingTo("64000");
        assertThat(position.entryFeeCents()).isEqualTo(48); // 0.48 USDT charged, not the 0.64 of 10 bps
        assertThat(executions.ofUser(jo.userId(), 10)).singleElement().satisfies(r -> {
            assertThat(r.order().commission()).isEqualByComparingTo("0.48");
            assertThat(r.order().commissionAsset()).isEqualTo("USDT");
        });
        // flat mark: both fees, the real entry fee and the estimated exit fee (64 cents at 10 bps)
        assertThat(PositionView.of(position, new BigDecimal("64000"), market.clock.instant()).unrealisedPnlCents())
                .isEqualTo(-112);
    }
}
