package com.tradebot.functions.api.trading;

import com.tradebot.auth.UserRepository;
import com.tradebot.common.AwsClients;
import com.tradebot.common.Env;
import com.tradebot.functions.http.ApiHandler;
import com.tradebot.functions.http.ApiRequest;
import com.tradebot.functions.http.ApiResponse;
import com.tradebot.realtime.ApiGatewayConnectionPusher;
import com.tradebot.realtime.ConnectionRepository;
import com.tradebot.realtime.RealtimeService;
import com.tradebot.storage.MainTable;
import com.tradebot.subscription.SubscriptionRepository;
import com.tradebot.trading.exchange.BackOff;
import com.tradebot.trading.exchange.ExchangeGateway;
import com.tradebot.trading.exchange.Exchanges;
import com.tradebot.trading.execution.ExecutionRepository;
import com.tradebot.trading.execution.ExecutionSettingsRepository;
import com.tradebot.trading.execution.ExecutionSettingsService;
import com.tradebot.trading.position.ChannelPositionEvents;
import com.tradebot.trading.position.PositionRepository;
import com.tradebot.trading.position.PositionService;
import com.tradebot.trading.position.PriceRepository;
import com.tradebot.marketdata.CandleRepository;
import com.tradebot.marketdata.MarketDataService;
import com.tradebot.trading.paper.LiveCandles;
import com.tradebot.trading.paper.LivePaperSessions;
import com.tradebot.trading.paper.PaperSessionRepository;
import com.tradebot.trading.paper.PaperSessionService;
import com.tradebot.vault.ExchangeKeyVault;
import com.tradebot.vault.VaultWiring;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Auto-trading and positions (issue 18): {@code GET/PUT /api/subscriptions/{id}/execution} (the subscription's
 * auto-trade settings; LIVE needs 2FA), {@code GET /api/trading/executions} (orders and rejections with their
 * reasons), {@code GET /api/positions[/{id}]} (marked to the feed's last price) and
 * {@code POST /api/positions/close/{id}}, and paper sessions, replayed or live ({@code POST /api/trading/paper/start},
 * {@code POST /api/trading/paper/stop/{id}}, {@code GET /api/trading/sessions[/{id}]}). Everything is the caller's own: another user's subscription or position is 403.
 */
public final class TradingHandler extends ApiHandler {
    private final ExecutionSettingsService settings;
    private final ExecutionRepository executions;
    private final PositionService positions;
    private final PaperSessionService paper;

    public TradingHandler() {
        this(MainTable.fromEnvironment(), Clock.systemUTC());
    }

    private TradingHandler(MainTable table, Clock clock) {
        this(table, clock, VaultWiring.exchangeKeyVault(table, clock));
    }

    private TradingHandler(MainTable table, Clock clock, ExchangeKeyVault vault) {
        this(table, clock, vault, Exchanges.fromEnvironment(clock), new ChannelPositionEvents(new RealtimeService(
                new ConnectionRepository(table.client(), table.name()), token -> Optional.empty(), clock),
                new ApiGatewayConnectionPusher(AwsClients.webSocketManagement(Env.require("WEBSOCKET_CALLBACK_URL"))),
                clock));
    }

    private TradingHandler(MainTable table, Clock clock, ExchangeKeyVault vault, Exchanges exchanges,
                           ChannelPositionEvents events) {
        this(new ExecutionSettingsService(new ExecutionSettingsRepository(table.client(), table.name()),
                        new SubscriptionRepository(table.client(), table.name()),
                        new UserRepository(table.client(), table.name()), vault, clock),
                new ExecutionRepository(table.client(), table.name(),
                        new PositionRepository(table.client(), table.name())),
                new PositionService(new PositionRepository(table.client(), table.name()),
                        new PriceRepository(table.client(), table.name()),
                        new ExchangeGateway(vault, exchanges, BackOff.standard()), events, clock),
                new PaperSessionService(new PaperSessionRepository(table.client(), table.name()),
                        new MarketDataService(new CandleRepository(table.client(), table.name())),
                        // a live session's seed candles are public market data: no vault
                        new LivePaperSessions(new PaperSessionRepository(table.client(), table.name()),
                                new LiveCandles(new ExchangeGateway(null, exchanges, BackOff.standard()),
                                        new CandleRepository(table.client(), table.name())),
                                Set.copyOf(exchanges.names()), events, clock, LivePaperSessions.SEED_BARS),
                        clock, new com.tradebot.strategy.StrategyRepository(table.client(), table.name())));
    }

    public TradingHandler(ExecutionSettingsService settings, ExecutionRepository executions,
                          PositionService positions, PaperSessionService paper) {
        this.settings = settings;
        this.executions = executions;
        this.positions = positions;
        this.paper = paper;
        route("GET", "/api/subscriptions/{id}/execution", request -> ApiResponse.ok(
                this.settings.get(request.requirePrincipal().userId(), request.pathParam("id"))));
        route("PUT", "/api/subscriptions/{id}/execution", this::saveSettings);
        route("GET", "/api/trading/executions", request -> ApiResponse.ok(Map.of("items",
                this.executions.ofUser(request.requirePrincipal().userId(), 100))));
        route("GET", "/api/positions", request -> ApiResponse.ok(Map.of("items",
                this.positions.mine(request.requirePrincipal().userId()))));
        route("GET", "/api/positions/{id}", request -> ApiResponse.ok(
                this.positions.get(request.requirePrincipal().userId(), request.pathParam("id"))));
        route("POST", "/api/positions/close/{id}", request -> ApiResponse.ok(
                this.positions.close(request.requirePrincipal().userId(), request.pathParam("id"))));
        route("POST", "/api/trading/paper/start", request -> ApiResponse.created(
                this.paper.start(request.requirePrincipal().userId(), request.bodyTree())));
        route("POST", "/api/trading/paper/stop/{id}", request -> ApiResponse.ok(
                this.paper.stop(request.requirePrincipal().userId(), request.pathParam("id"))));
        route("GET", "/api/trading/sessions", request -> ApiResponse.ok(Map.of("items",
                this.paper.mine(request.requirePrincipal().userId()))));
        route("GET", "/api/trading/sessions/{id}", request -> ApiResponse.ok(
                this.paper.get(request.requirePrincipal().userId(), request.pathParam("id"))));
    }

    private ApiResponse saveSettings(ApiRequest request) {
        String userId = request.requirePrincipal().userId();
        return ApiResponse.ok(settings.save(userId, request.pathParam("id"),
                request.body(ExecutionSettingsService.Input.class)));
    }
}
