package com.tradebot.realtime;

/** Sends to and closes open connections (through API Gateway's @connections API on AWS). */
public interface ConnectionPusher {
    /** Sends a message to one open connection; false when the connection is gone. */
    boolean push(String connectionId, ServerMessage message);

    /** Closes the connection; a connection that is already gone is fine. */
    default void close(String connectionId) {
        throw new UnsupportedOperationException("This pusher cannot close connections");
    }
}
