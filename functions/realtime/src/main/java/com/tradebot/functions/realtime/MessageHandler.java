package com.tradebot.functions.realtime;

import com.tradebot.functions.edge.WebSocketHandler;
import com.tradebot.realtime.ConnectionPusher;
import com.tradebot.realtime.RealtimeService;

/** Every client message ($default and the custom routes): answered through the @connections API. */
public final class MessageHandler extends WebSocketHandler {
    private final RealtimeService realtime;
    private final ConnectionPusher pusher;

    public MessageHandler() {
        this(RealtimeWiring.realtimeWithTokens(), RealtimeWiring.pusher());
    }

    public MessageHandler(RealtimeService realtime, ConnectionPusher pusher) {
        this.realtime = realtime;
        this.pusher = pusher;
        primeWith(() -> this.realtime.isOpen("priming"));
    }

    @Override
    protected int handle(WebSocketRequest request) {
        realtime.onMessage(request.connectionId(), request.body(), pusher);
        return 200;
    }
}
