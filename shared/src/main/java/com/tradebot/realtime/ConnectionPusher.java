package com.tradebot.realtime;

/** Sends a message to one open connection; false when the connection is gone. */
public interface ConnectionPusher {
    boolean push(String connectionId, ServerMessage message);
}
