package com.tradebot.functions.jobs.trading;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.tradebot.common.AwsClients;
import com.tradebot.common.Env;
import com.tradebot.functions.edge.ScheduledHandler;
import com.tradebot.marketdata.CandleRepository;
import com.tradebot.realtime.ApiGatewayConnectionPusher;
import com.tradebot.realtime.ConnectionRepository;
import com.tradebot.realtime.RealtimeService;
import com.tradebot.storage.MainTable;
import com.tradebot.trading.exchange.BackOff;
import com.tradebot.trading.exchange.ExchangeGateway;
import com.tradebot.trading.exchange.Exchanges;
import com.tradebot.trading.paper.LiveCandles;
import com.tradebot.trading.paper.LivePaperSessions;
import com.tradebot.trading.paper.PaperSessionRepository;
import com.tradebot.trading.position.ChannelPositionEvents;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The 1-minute tick of live paper sessions: newly closed candles from the exchanges' public klines, each running
 * session evaluated on them, {@code position_update} pushed to its owner. Public market data only: no key, no vault.
 */
public final class PaperSessionTickHandler extends ScheduledHandler<LivePaperSessions.Tick> {
    private static final Logger LOG = LogManager.getLogger(PaperSessionTickHandler.class);

    private final LivePaperSessions sessions;

    public PaperSessionTickHandler() {
        this(build(MainTable.fromEnvironment(), Clock.systemUTC()));
    }

    public PaperSessionTickHandler(LivePaperSessions sessions) {
        this.sessions = sessions;
    }

    private static LivePaperSessions build(MainTable table, Clock clock) {
        RealtimeService realtime = new RealtimeService(new ConnectionRepository(table.client(), table.name()),
                token -> Optional.empty(), clock);
        // candles are public market data: the gateway gets no vault
        Exchanges all = Exchanges.fromEnvironment(clock);
        ExchangeGateway exchanges = new ExchangeGateway(null, all, BackOff.standard());
        return new LivePaperSessions(new PaperSessionRepository(table.client(), table.name()),
                new LiveCandles(exchanges, new CandleRepository(table.client(), table.name())),
                Set.copyOf(all.names()),
                new ChannelPositionEvents(realtime, new ApiGatewayConnectionPusher(AwsClients.webSocketManagement(
                        Env.require("WEBSOCKET_CALLBACK_URL"))), clock), clock, LivePaperSessions.SEED_BARS);
    }

    @Override
    protected LivePaperSessions.Tick run(ScheduledEvent event) {
        LivePaperSessions.Tick tick = sessions.tick();
        LOG.info("Live paper sessions: {} running, {} evaluated, {} without candles, {} pushes", tick.sessions(),
                tick.evaluated(), tick.failed(), tick.pushed());
        return tick;
    }
}
