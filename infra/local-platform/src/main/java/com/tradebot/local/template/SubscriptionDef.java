package com.tradebot.local.template;

/** An SNS subscription of an SQS queue (resource or the topic's inline {@code Subscription}). */
public record SubscriptionDef(String topicLogicalId, String queueLogicalId, boolean rawMessageDelivery,
        String filterPolicyJson) {
}
