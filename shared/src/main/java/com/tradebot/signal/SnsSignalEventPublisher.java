package com.tradebot.signal;

import com.tradebot.common.Json;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/** Publishes signal events to the signals topic, with the kind and strategy as attributes for filter policies. */
public final class SnsSignalEventPublisher implements SignalEventPublisher {
    private final SnsClient sns;
    private final String topicArn;

    public SnsSignalEventPublisher(SnsClient sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    @Override
    public void publish(SignalEventMessage message) {
        publish(message, Json.write(message));
    }

    @Override
    public void publish(SignalEventMessage message, String json) {
        sns.publish(b -> b.topicArn(topicArn).message(json).messageAttributes(Map.of(
                "kind", MessageAttributeValue.builder().dataType("String").stringValue(message.kind()).build(),
                "strategyId", MessageAttributeValue.builder().dataType("String").stringValue(message.strategyId()).build())));
    }
}
