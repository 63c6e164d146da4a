package com.tradebot.local.messaging.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradebot.local.template.QueueDef;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Creates the template's queues through the SQS API, dead-letter queues before the queues that redrive into them,
 * so that ElasticMQ itself enforces visibility, retention, delay, FIFO and redrive.
 *
 * <p>The calls are SQS's JSON protocol requests as the SDK sends them ({@code X-Amz-Target: AmazonSQS.CreateQueue}),
 * made with the JDK's HTTP client: building an SDK client before the platform is ready cost a fifth of its start-up
 * (ElasticMQ does not check signatures, so none is needed). The pollers' SDK client is built after the ready line.
 */
public final class QueueProvisioner {

    private static final int DEFAULT_RETENTION_SECONDS = 345_600;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;

    public QueueProvisioner(URI endpoint) {
        this.endpoint = endpoint;
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
        ObjectNode createQueue = JSON.createObjectNode().put("QueueName", spec.queueName());
        createQueue.set("Attributes", attributes(spec, deadLetterQueue));
        String url = call("CreateQueue", createQueue).path("QueueUrl").asText();
        ObjectNode getAttributes = JSON.createObjectNode().put("QueueUrl", url);
        getAttributes.putArray("AttributeNames").add("QueueArn");
        String arn = call("GetQueueAttributes", getAttributes).path("Attributes").path("QueueArn").asText();
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

    private static ObjectNode attributes(QueueDef spec, ProvisionedQueue deadLetterQueue) {
        ObjectNode attributes = JSON.createObjectNode();
        if (spec.fifo()) {
            attributes.put("FifoQueue", "true");
            attributes.put("ContentBasedDeduplication", Boolean.toString(spec.contentBasedDeduplication()));
        }
        attributes.put("VisibilityTimeout", Integer.toString(spec.visibilityTimeoutSeconds()));
        attributes.put("MessageRetentionPeriod", Integer.toString(
                spec.messageRetentionSeconds() > 0 ? spec.messageRetentionSeconds() : DEFAULT_RETENTION_SECONDS));
        attributes.put("DelaySeconds", Integer.toString(spec.delaySeconds()));
        if (deadLetterQueue != null) {
            ObjectNode redrive = JSON.createObjectNode()
                    .put("deadLetterTargetArn", deadLetterQueue.arn())
                    .put("maxReceiveCount", spec.maxReceiveCount());
            attributes.put("RedrivePolicy", redrive.toString());
        }
        return attributes;
    }

    /** One SQS JSON-protocol call; a refusal carries SQS's own error type and message. */
    private JsonNode call(String action, ObjectNode request) {
        try {
            HttpURLConnection connection = (HttpURLConnection) endpoint.toURL().openConnection();
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setConnectTimeout(30_000);
            connection.setReadTimeout(30_000);
            connection.setRequestProperty("Content-Type", "application/x-amz-json-1.0");
            connection.setRequestProperty("X-Amz-Target", "AmazonSQS." + action);
            byte[] body = JSON.writeValueAsBytes(request);
            connection.setFixedLengthStreamingMode(body.length);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            int status = connection.getResponseCode();
            try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                byte[] answer = in == null ? new byte[0] : in.readAllBytes();
                if (status == 200) {
                    return JSON.readTree(answer);
                }
                throw new IllegalArgumentException(action + " " + request.path("QueueName").asText(
                        request.path("QueueUrl").asText()) + " refused by SQS (" + status + "): "
                        + new String(answer, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(action + " failed: SQS at " + endpoint + " did not answer", e);
        }
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
