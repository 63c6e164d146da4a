package com.tradebot.realtime;

import java.time.Instant;

/** A message to a WebSocket client: {@code {"event":"<name>","data":{...},"ts":"..."}} (docs/websocket.md). */
public record ServerMessage(String event, Object data, Instant ts) {
    public static ServerMessage of(String event, Object data, Instant ts) {
        return new ServerMessage(event, data, ts);
    }

    public static ServerMessage error(String code, String message, Instant ts) {
        return new ServerMessage("error", new ErrorData(code, message), ts);
    }

    public record ErrorData(String code, String message) {
    }
}
