package com.tradebot.signal;

/** Hands a signal event to the fan-out (the SNS topic on AWS and locally). */
public interface SignalEventPublisher {
    void publish(SignalEventMessage message);
}
