package com.tradebot.functions.realtime;

import com.tradebot.functions.edge.WebSocketHandler;
import com.tradebot.realtime.RealtimeService;

/** {@code $disconnect}: forgets the connection and its subscriptions. */
public final class DisconnectHandler extends WebSocketHandler {
    private final RealtimeService realtime;

    public DisconnectHandler() {
        this(RealtimeWiring.realtimeWithoutTokens());
    }

    public DisconnectHandler(RealtimeService realtime) {
        this.realtime = realtime;
        primeWith(() -> this.realtime.isOpen("priming"));
    }

    @Override
    protected int handle(WebSocketRequest request) {
        realtime.disconnect(request.connectionId());
        return 200;
    }
}
