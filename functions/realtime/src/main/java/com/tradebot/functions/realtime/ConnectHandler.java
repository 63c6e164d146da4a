package com.tradebot.functions.realtime;

import com.tradebot.functions.edge.WebSocketHandler;
import com.tradebot.realtime.RealtimeService;

/** {@code $connect}: registers the connection (authenticated when the authorizer accepted a token). */
public final class ConnectHandler extends WebSocketHandler {
    private final RealtimeService realtime;

    public ConnectHandler() {
        this(RealtimeWiring.realtimeWithoutTokens());
    }

    public ConnectHandler(RealtimeService realtime) {
        this.realtime = realtime;
        primeWith(() -> this.realtime.isOpen("priming"));
    }

    @Override
    protected int handle(WebSocketRequest request) {
        realtime.connect(request.connectionId(), request.principal(), request.sourceIp());
        return 200;
    }
}
