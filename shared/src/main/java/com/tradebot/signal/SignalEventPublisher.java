package com.tradebot.signal;

/** Hands a signal event to the fan-out (the SNS topic on AWS and locally). */
public interface SignalEventPublisher {
    void publish(SignalEventMessage message);

    /** Publishes {@code message} whose JSON form is already at hand ({@code json}: the outbox keeps that text). */
    default void publish(SignalEventMessage message, String json) {
        publish(message);
    }
}
