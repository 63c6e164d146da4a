package com.tradebot.local.messaging;

/** An {@code AWS::SNS::Topic} of the template. */
public record TopicSpec(String logicalId, String topicName, boolean fifo) {
}
