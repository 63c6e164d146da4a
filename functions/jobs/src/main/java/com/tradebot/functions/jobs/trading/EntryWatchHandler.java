package com.tradebot.functions.jobs.trading;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.tradebot.common.AwsClients;
import com.tradebot.common.Env;
import com.tradebot.functions.edge.ScheduledHandler;
import com.tradebot.realtime.ApiGatewayConnectionPusher;
import com.tradebot.realtime.ConnectionRepository;
import com.tradebot.realtime.RealtimeService;
import com.tradebot.storage.MainTable;
import com.tradebot.trading.exchange.BackOff;
import com.tradebot.trading.exchange.ExchangeGateway;
import com.tradebot.trading.exchange.Exchanges;
import com.tradebot.trading.execution.EntryWatch;
import com.tradebot.trading.position.ChannelPositionEvents;
import com.tradebot.trading.position.PositionRepository;
import com.tradebot.vault.ExchangeKeyVault;
import com.tradebot.vault.VaultWiring;
import java.time.Clock;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Every minute: real resting entries polled until filled (then their protective stop) or timed out (cancelled,
 * reported missed), and any open real position still without its stop given one. See {@link EntryWatch}.
 */
public final class EntryWatchHandler extends ScheduledHandler<EntryWatch.Run> {
    private static final Logger LOG = LogManager.getLogger(EntryWatchHandler.class);

    private final EntryWatch watch;

    public EntryWatchHandler() {
        this(build(MainTable.fromEnvironment(), Clock.systemUTC()));
    }

    public EntryWatchHandler(EntryWatch watch) {
        this.watch = watch;
    }

    private static EntryWatch build(MainTable table, Clock clock) {
        ExchangeKeyVault vault = VaultWiring.exchangeKeyVault(table, clock);
        return new EntryWatch(new PositionRepository(table.client(), table.name()),
                new ExchangeGateway(vault, Exchanges.fromEnvironment(clock), BackOff.standard()),
                new ChannelPositionEvents(new RealtimeService(new ConnectionRepository(table.client(), table.name()),
                        token -> Optional.empty(), clock), new ApiGatewayConnectionPusher(
                        AwsClients.webSocketManagement(Env.require("WEBSOCKET_CALLBACK_URL"))), clock), clock);
    }

    @Override
    protected EntryWatch.Run run(ScheduledEvent event) {
        EntryWatch.Run run = watch.run();
        LOG.info("Entry watch: {} watched, {} filled, {} missed, {} stops placed, {} failed", run.watched(),
                run.filled(), run.missed(), run.stopsPlaced(), run.failed());
        return run;
    }
}
