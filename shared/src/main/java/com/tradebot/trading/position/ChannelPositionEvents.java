package com.tradebot.trading.position;

import com.tradebot.realtime.ConnectionPusher;
import com.tradebot.realtime.RealtimeService;
import com.tradebot.realtime.ServerMessage;
import java.time.Clock;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Pushes to the user's {@code positions#<userId>} channel ({@code subscribe_positions}): {@code position_update}
 * and, for a signal not executed, {@code notification}. A failed push is logged, never fails the trade already done.
 */
public final class ChannelPositionEvents implements PositionEvents {
    private static final Logger LOG = LogManager.getLogger(ChannelPositionEvents.class);

    private final RealtimeService realtime;
    private final ConnectionPusher pusher;
    private final Clock clock;

    public ChannelPositionEvents(RealtimeService realtime, ConnectionPusher pusher, Clock clock) {
        this.realtime = realtime;
        this.pusher = pusher;
        this.clock = clock;
    }

    @Override
    public void positionChanged(PositionView position) {
        push(position.userId(), ServerMessage.of("position_update", position, clock.instant()));
    }

    @Override
    public void executionRejected(String userId, Map<String, Object> details) {
        push(userId, ServerMessage.of("notification", details, clock.instant()));
    }

    @Override
    public void paperSessionChanged(String userId, Map<String, Object> update) {
        push(userId, ServerMessage.of("position_update", update, clock.instant()));
    }

    private void push(String userId, ServerMessage message) {
        try {
            realtime.deliver("positions#" + userId, message, pusher);
        } catch (RuntimeException e) {
            LOG.warn("Push of {} to a user's positions channel failed: {}", message.event(), e.toString());
        }
    }
}
