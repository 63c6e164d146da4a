package com.tradebot.local.messaging;

/**
 * An {@code AWS::SNS::Subscription} with protocol sqs.
 *
 * @param filterPolicyJson an attribute-based SNS filter policy, or null to receive every message
 */
public record SubscriptionSpec(String topicLogicalId, String queueLogicalId, boolean rawMessageDelivery,
                               String filterPolicyJson) {
}
