package com.tradebot.local.messaging.sqs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradebot.local.template.QueueDef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates the template's queues through the SQS API, dead-letter queues before the queues that redrive into them,
 * so that ElasticMQ itself enforces visibility, retention, delay, FIFO and redrive.
 */
public final class QueueProvisioner {

    private static final int DEFAULT_RETENTION_SECONDS = 345_600;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SqsClient sqs;

    public QueueProvisioner(SqsClient sqs) {
        this.sqs = sqs;
    }

    /** @return the created queues by logical id, in creation order */
    public Map<String, ProvisionedQueue> createAll(Collection<QueueDef> specs) {
        Map<String, QueueDef> byId = new LinkedHashMap<>();
        for (QueueDef spec : specs) {
            validate(spec);
            if (byId.put(spec.logicalId(), spec) != null) {
                throw new IllegalArgumentException("Duplicate queue logical id " + spec.logicalId());
            }
        }
        Map<String, ProvisionedQueue> created = new LinkedHashMap<>();
        for (QueueDef spec : byId.values()) {
            create(spec, byId, created, new HashSet<>());
        }
        return created;
    }

    private void create(QueueDef spec, Map<String, QueueDef> byId, Map<String, ProvisionedQueue> created,
                        Set<String> visiting) {
        if (created.containsKey(spec.logicalId())) {
            return;
        }
        if (!visiting.add(spec.logicalId())) {
            throw new IllegalArgumentException("Dead-letter queues form a cycle through " + spec.logicalId());
        }
        ProvisionedQueue deadLetterQueue = spec.deadLetterQueueLogicalId() == null
                ? null
                : createDeadLetterQueue(spec, byId, created, visiting);
        String url = sqs.createQueue(b -> b.queueName(spec.queueName()).attributes(attributes(spec, deadLetterQueue)))
                .queueUrl();
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        created.put(spec.logicalId(), new ProvisionedQueue(spec, url, arn));
    }

    private ProvisionedQueue createDeadLetterQueue(QueueDef spec, Map<String, QueueDef> byId,
                                                   Map<String, ProvisionedQueue> created, Set<String> visiting) {
        QueueDef dlqSpec = byId.get(spec.deadLetterQueueLogicalId());
        if (dlqSpec == null) {
            throw new IllegalArgumentException("Queue " + spec.logicalId() + " names unknown dead-letter queue "
                    + spec.deadLetterQueueLogicalId());
        }
        if (dlqSpec.fifo() != spec.fifo()) {
            throw new IllegalArgumentException("Queue " + spec.logicalId() + " and its dead-letter queue "
                    + dlqSpec.logicalId() + " must both be FIFO or both standard");
        }
        create(dlqSpec, byId, created, visiting);
        return created.get(dlqSpec.logicalId());
    }

    private static Map<QueueAttributeName, String> attributes(QueueDef spec, ProvisionedQueue deadLetterQueue) {
        Map<QueueAttributeName, String> attributes = new EnumMap<>(QueueAttributeName.class);
        if (spec.fifo()) {
            attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
            attributes.put(QueueAttributeName.CONTENT_BASED_DEDUPLICATION,
                    Boolean.toString(spec.contentBasedDeduplication()));
        }
        attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(spec.visibilityTimeoutSeconds()));
        attributes.put(QueueAttributeName.MESSAGE_RETENTION_PERIOD, Integer.toString(
                spec.messageRetentionSeconds() > 0 ? spec.messageRetentionSeconds() : DEFAULT_RETENTION_SECONDS));
        attributes.put(QueueAttributeName.DELAY_SECONDS, Integer.toString(spec.delaySeconds()));
        if (deadLetterQueue != null) {
            ObjectNode redrive = JSON.createObjectNode()
                    .put("deadLetterTargetArn", deadLetterQueue.arn())
                    .put("maxReceiveCount", spec.maxReceiveCount());
            attributes.put(QueueAttributeName.REDRIVE_POLICY, redrive.toString());
        }
        return attributes;
    }

    private static void validate(QueueDef spec) {
        List<String> problems = new ArrayList<>();
        if (spec.logicalId() == null || spec.logicalId().isBlank()) {
            problems.add("logical id is required");
        }
        if (spec.queueName() == null || !spec.queueName().matches("[A-Za-z0-9_-]{1,75}(\\.fifo)?")) {
            problems.add("queue name must be 1-80 letters, digits, '-' or '_' (plus .fifo for FIFO queues)");
        } else if (spec.fifo() != spec.queueName().endsWith(".fifo")) {
            problems.add("a queue name ends with .fifo exactly when the queue is FIFO");
        }
        if (spec.visibilityTimeoutSeconds() < 0 || spec.visibilityTimeoutSeconds() > 43_200) {
            problems.add("VisibilityTimeout must be 0..43200 seconds");
        }
        if (spec.messageRetentionSeconds() > 1_209_600
                || (spec.messageRetentionSeconds() > 0 && spec.messageRetentionSeconds() < 60)) {
            problems.add("MessageRetentionPeriod must be 60..1209600 seconds");
        }
        if (spec.delaySeconds() < 0 || spec.delaySeconds() > 900) {
            problems.add("DelaySeconds must be 0..900");
        }
        if (spec.deadLetterQueueLogicalId() != null && (spec.maxReceiveCount() < 1 || spec.maxReceiveCount() > 1000)) {
            problems.add("maxReceiveCount must be 1..1000 with a dead-letter queue");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Queue " + spec.logicalId() + ": " + String.join("; ", problems));
        }
    }
}
