package com.tradebot.functions.jobs.trading;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.tradebot.common.AwsClients;
import com.tradebot.common.Env;
import com.tradebot.functions.edge.ScheduledHandler;
import com.tradebot.realtime.ApiGatewayConnectionPusher;
import com.tradebot.realtime.ConnectionPusher;
import com.tradebot.realtime.ConnectionRepository;
import com.tradebot.realtime.RealtimeService;
import com.tradebot.storage.MainTable;
import com.tradebot.trading.exchange.BackOff;
import com.tradebot.trading.exchange.ExchangeGateway;
import com.tradebot.trading.exchange.Exchanges;
import com.tradebot.trading.position.ChannelPositionEvents;
import com.tradebot.trading.position.PositionRepository;
import com.tradebot.trading.position.PriceFeed;
import com.tradebot.trading.position.PriceRepository;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The 1-minute price feed: tickers of the pairs with live positions (and {@code PRICE_FEED_PAIRS},
 * {@code exchange:BASE/QUOTE,...}) stored and pushed. Public market data only: no key, no vault.
 */
public final class PriceFeedHandler extends ScheduledHandler<PriceFeed.Tick> {
    private static final Logger LOG = LogManager.getLogger(PriceFeedHandler.class);

    private final PriceFeed feed;
    private final List<String> watched;

    public PriceFeedHandler() {
        this(build(MainTable.fromEnvironment(), Clock.systemUTC()), watched(Env.find("PRICE_FEED_PAIRS").orElse("")));
    }

    public PriceFeedHandler(PriceFeed feed, List<String> watched) {
        this.feed = feed;
        this.watched = watched;
    }

    private static PriceFeed build(MainTable table, Clock clock) {
        ConnectionPusher pusher = new ApiGatewayConnectionPusher(AwsClients.webSocketManagement(
                Env.require("WEBSOCKET_CALLBACK_URL")));
        RealtimeService realtime = new RealtimeService(new ConnectionRepository(table.client(), table.name()),
                token -> Optional.empty(), clock);
        // market data needs no credentials: the gateway gets no vault
        return new PriceFeed(new PositionRepository(table.client(), table.name()),
                new PriceRepository(table.client(), table.name()),
                new ExchangeGateway(null, Exchanges.fromEnvironment(clock), BackOff.standard()), realtime, pusher,
                new ChannelPositionEvents(realtime, pusher, clock), clock);
    }

    static List<String> watched(String configured) {
        return Arrays.stream(configured.split(",")).map(String::trim).filter(s -> s.matches("[a-z]+:[A-Z0-9]+/[A-Z0-9]+"))
                .toList();
    }

    @Override
    protected PriceFeed.Tick run(ScheduledEvent event) {
        PriceFeed.Tick tick = feed.tick(watched);
        LOG.info("Price feed: {} pairs, {} priced, {} failed, {} pushes", tick.pairs(), tick.priced(), tick.failed(),
                tick.pushed());
        return tick;
    }
}
