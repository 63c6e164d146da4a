package com.tradebot.realtime;

/** Sends to and closes open connections (through API Gateway's @connections API on AWS). */
public interface ConnectionPusher {
    /** Sends a message to one open connection; false when the connection is gone. */
    boolean push(String connectionId, ServerMessage message);

    /**
     * As {@link #push(String, ServerMessage)}, with the message's JSON already written ({@code json}): a fan-out sends
     * one message to many connections and serialises it once, not once per push.
     */
    default boolean push(String connectionId, ServerMessage message, String json) {
        return push(connectionId, message);
    }

    /** Closes the connection; a connection that is already gone is fine. */
    default void close(String connectionId) {
        throw new UnsupportedOperationException("This pusher cannot close connections");
    }
}
