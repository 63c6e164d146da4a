package com.tradebot.local.template;

/**
 * An SNS subscription of an SQS queue ({@code AWS::SNS::Subscription} or a topic's inline {@code Subscription}).
 *
 * @param filterPolicyJson an attribute-based SNS filter policy, or null to receive every message
 */
public record SubscriptionDef(String topicLogicalId, String queueLogicalId, boolean rawMessageDelivery,
        String filterPolicyJson) {
}
