package com.tradebot.local.template;

/** An {@code AWS::SNS::Topic}. */
public record TopicDef(String logicalId, String topicName, boolean fifo) {
}
