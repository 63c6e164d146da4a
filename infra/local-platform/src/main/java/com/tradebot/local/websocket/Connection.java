package com.tradebot.local.websocket;

import io.undertow.websockets.core.WebSocketChannel;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** One client connection: what API Gateway keeps about it for its whole life. */
final class Connection {
    private final String id;
    private final String stage;
    private final long connectedAtMillis;
    private final String sourceIp;
    private final String userAgent;
    private final Map<String, Object> authorizer;
    private final AtomicLong lastActiveAtMillis;
    private final AtomicBoolean disconnected = new AtomicBoolean();
    private volatile WebSocketChannel channel;

    Connection(String id, String stage, String sourceIp, String userAgent, Map<String, Object> authorizer) {
        this.id = id;
        this.stage = stage;
        this.connectedAtMillis = System.currentTimeMillis();
        this.sourceIp = sourceIp;
        this.userAgent = userAgent;
        this.authorizer = authorizer;
        this.lastActiveAtMillis = new AtomicLong(connectedAtMillis);
    }

    String id() {
        return id;
    }

    String stage() {
        return stage;
    }

    long connectedAtMillis() {
        return connectedAtMillis;
    }

    String sourceIp() {
        return sourceIp;
    }

    String userAgent() {
        return userAgent;
    }

    /** principalId and context of the $connect authorizer; null when $connect has none. */
    Map<String, Object> authorizer() {
        return authorizer;
    }

    long lastActiveAtMillis() {
        return lastActiveAtMillis.get();
    }

    void touch() {
        lastActiveAtMillis.set(System.currentTimeMillis());
    }

    WebSocketChannel channel() {
        return channel;
    }

    void attach(WebSocketChannel channel) {
        this.channel = channel;
    }

    /** True the first time only: $disconnect runs once. */
    boolean markDisconnected() {
        return disconnected.compareAndSet(false, true);
    }
}
