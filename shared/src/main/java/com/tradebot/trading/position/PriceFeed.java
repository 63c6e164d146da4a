package com.tradebot.trading.position;

import com.tradebot.realtime.ConnectionPusher;
import com.tradebot.realtime.RealtimeService;
import com.tradebot.realtime.ServerMessage;
import com.tradebot.trading.exchange.ExchangeException;
import com.tradebot.trading.exchange.ExchangeGateway;
import com.tradebot.trading.exchange.Market;
import com.tradebot.trading.exchange.Symbol;
import com.tradebot.trading.exchange.Ticker;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * One tick of the price feed (the 1-minute schedule): reads the ticker of every pair that a live position holds or
 * that is configured as watched, stores it as the pair's last price, pushes {@code price_update} to the pair's
 * {@code prices#<pair>} channel and {@code position_update} (marked to the new price) to each holder. One message per
 * pair and position per tick, far under the 10 a second per connection the contract allows. A pair whose exchange
 * does not answer is skipped this tick (logged), the others go on.
 */
public final class PriceFeed {
    private static final Logger LOG = LogManager.getLogger(PriceFeed.class);

    private final PositionRepository positions;
    private final PriceRepository prices;
    private final ExchangeGateway gateway;
    private final RealtimeService realtime;
    private final ConnectionPusher pusher;
    private final PositionEvents events;
    private final Clock clock;

    public PriceFeed(PositionRepository positions, PriceRepository prices, ExchangeGateway gateway,
                     RealtimeService realtime, ConnectionPusher pusher, PositionEvents events, Clock clock) {
        this.positions = positions;
        this.prices = prices;
        this.gateway = gateway;
        this.realtime = realtime;
        this.pusher = pusher;
        this.events = events;
        this.clock = clock;
    }

    /** What one tick did. */
    public record Tick(int pairs, int priced, int failed, int pushed) {
    }

    /** The data of {@code price_update}. */
    public record PriceUpdate(String exchange, String pair, java.math.BigDecimal price, java.math.BigDecimal bid,
                              java.math.BigDecimal ask, Instant at) {
    }

    /** @param watched extra {@code exchange:BASE/QUOTE} pairs to price even without positions */
    public Tick tick(List<String> watched) {
        List<Position> live = positions.live();
        Set<String> keys = new LinkedHashSet<>();
        for (Position position : live) {
            keys.add(position.exchange() + ":" + position.pair());
        }
        keys.addAll(watched);
        Map<String, java.math.BigDecimal> priced = new LinkedHashMap<>();
        int failed = 0;
        int pushed = 0;
        for (String key : keys) {
            int colon = key.indexOf(':');
            String exchange = key.substring(0, colon);
            String pair = key.substring(colon + 1);
            try {
                Ticker ticker = gateway.marketData(exchange).ticker(Symbol.parse(pair, Market.SPOT));
                Instant at = clock.instant();
                prices.save(exchange, pair, new PriceRepository.LastPrice(ticker.last(), at));
                priced.put(key, ticker.last());
                pushed += realtime.deliver("prices#" + pair, ServerMessage.of("price_update",
                        new PriceUpdate(exchange, pair, ticker.last(), ticker.bid(), ticker.ask(), at), at), pusher);
            } catch (ExchangeException e) {
                failed++;
                LOG.warn("No price for {} on {} this tick: {}", pair, exchange, e.error());
            }
        }
        List<Position> marked = new ArrayList<>();
        for (Position position : live) {
            java.math.BigDecimal price = priced.get(position.exchange() + ":" + position.pair());
            if (price != null) {
                events.positionChanged(PositionView.of(position, price, clock.instant()));
                marked.add(position);
            }
        }
        return new Tick(keys.size(), priced.size(), failed, pushed + marked.size());
    }
}
