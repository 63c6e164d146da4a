package com.tradebot.local.messaging.sns;

import com.tradebot.local.messaging.LocalAws;
import com.tradebot.local.messaging.sqs.ProvisionedQueue;
import com.tradebot.local.template.SubscriptionDef;
import com.tradebot.local.template.TopicDef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds the topics of the template and wires their queue subscriptions. */
public final class SnsTopics {

    private SnsTopics() {
    }

    /** @return topics by logical id */
    public static Map<String, SnsTopic> fromSpecs(List<TopicDef> topicSpecs, List<SubscriptionDef> subscriptionSpecs,
                                                  Map<String, ProvisionedQueue> queues) {
        Map<String, SnsTopic> topics = new LinkedHashMap<>();
        for (TopicDef spec : topicSpecs) {
            if (spec.topicName() == null || !spec.topicName().matches("[A-Za-z0-9_-]{1,251}(\\.fifo)?")
                    || spec.fifo() != spec.topicName().endsWith(".fifo")) {
                throw new IllegalArgumentException("Topic " + spec.logicalId() + ": name must be 1-256 letters, "
                        + "digits, '-' or '_', ending with .fifo exactly when the topic is FIFO: " + spec.topicName());
            }
            SnsTopic topic = new SnsTopic(spec.topicName(), LocalAws.topicArn(spec.topicName()), spec.fifo());
            if (topics.put(spec.logicalId(), topic) != null) {
                throw new IllegalArgumentException("Duplicate topic logical id " + spec.logicalId());
            }
        }
        for (SubscriptionDef spec : subscriptionSpecs) {
            SnsTopic topic = topics.get(spec.topicLogicalId());
            if (topic == null) {
                throw new IllegalArgumentException("Subscription names unknown topic " + spec.topicLogicalId());
            }
            ProvisionedQueue queue = queues.get(spec.queueLogicalId());
            if (queue == null) {
                throw new IllegalArgumentException("Subscription of " + spec.topicLogicalId()
                        + " names unknown queue " + spec.queueLogicalId());
            }
            if (topic.fifo() && !queue.fifo()) {
                throw new IllegalArgumentException("FIFO topic " + spec.topicLogicalId()
                        + " can only deliver to FIFO queues, not " + spec.queueLogicalId());
            }
            FilterPolicy policy = spec.filterPolicyJson() == null || spec.filterPolicyJson().isBlank()
                    ? null
                    : FilterPolicy.parse(spec.filterPolicyJson());
            topic.subscribe(new SnsSubscription(topic.arn() + ":" + UUID.randomUUID(), queue,
                    spec.rawMessageDelivery(), policy));
        }
        return topics;
    }
}
