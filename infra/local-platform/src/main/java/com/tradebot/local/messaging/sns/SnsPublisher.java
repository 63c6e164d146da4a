package com.tradebot.local.messaging.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * Publishes to topics: validates a message as SNS does, then delivers it to every subscribed queue whose filter
 * policy accepts it, before the publish returns.
 */
public final class SnsPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(SnsPublisher.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_MESSAGE_BYTES = 262_144;

    private final Map<String, SnsTopic> topicsByArn = new LinkedHashMap<>();
    private final Supplier<SqsClient> sqs;
    private final Clock clock;
    private volatile String endpoint = "";

    /** @param sqs the client deliveries go through; asked for on the first delivery (it is built after start-up) */
    public SnsPublisher(Collection<SnsTopic> topics, Supplier<SqsClient> sqs, Clock clock) {
        topics.forEach(topic -> topicsByArn.put(topic.arn(), topic));
        this.sqs = sqs;
        this.clock = clock;
    }

    /** The endpoint that notifications name in their UnsubscribeURL; known once the server is bound. */
    void endpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    public List<SnsTopic> topics() {
        return List.copyOf(topicsByArn.values());
    }

    public SnsTopic topic(String topicArn) {
        if (topicArn == null || topicArn.isBlank()) {
            throw SnsException.invalidParameter("TopicArn or TargetArn Reason: no value for required parameter");
        }
        SnsTopic topic = topicsByArn.get(topicArn);
        if (topic == null) {
            throw SnsException.topicNotFound();
        }
        return topic;
    }

    public PublishResult publish(String topicArn, PublishEntry entry) {
        SnsTopic topic = topic(topicArn);
        String message = messageForQueues(entry);
        validate(topic, entry);
        if (!topic.fifo()) {
            String messageId = UUID.randomUUID().toString();
            deliver(topic, entry, message, messageId, null);
            return new PublishResult(messageId, null);
        }
        String deduplicationId = entry.messageDeduplicationId() != null
                ? entry.messageDeduplicationId()
                : sha256(entry.message());
        // One lock per FIFO topic: sequence numbers and delivery order agree, and a duplicate is delivered once.
        synchronized (topic) {
            Instant now = clock.instant();
            PublishResult earlier = topic.duplicateOf(deduplicationId, now);
            if (earlier != null) {
                return earlier;
            }
            PublishResult result = new PublishResult(UUID.randomUUID().toString(), topic.nextSequenceNumber());
            deliver(topic, new PublishEntry(entry.batchEntryId(), entry.message(), entry.subject(),
                    entry.messageStructure(), entry.messageGroupId(), deduplicationId, entry.attributes()),
                    message, result.messageId(), result.sequenceNumber());
            topic.remember(deduplicationId, result, now);
            return result;
        }
    }

    private static void validate(SnsTopic topic, PublishEntry entry) {
        int size = entry.message().getBytes(StandardCharsets.UTF_8).length;
        for (SnsMessageAttribute attribute : entry.attributes()) {
            size += attribute.name().length() + attribute.dataType().length()
                    + (attribute.binaryValue() != null ? attribute.binaryValue().length
                    : attribute.stringValue().getBytes(StandardCharsets.UTF_8).length);
        }
        if (size > MAX_MESSAGE_BYTES) {
            throw SnsException.invalidParameter("Message too long");
        }
        if (entry.subject() != null && (entry.subject().isEmpty() || entry.subject().length() > 100
                || entry.subject().chars().anyMatch(Character::isISOControl))) {
            throw SnsException.invalidParameter("Subject");
        }
        if (topic.fifo()) {
            if (entry.messageGroupId() == null || entry.messageGroupId().isEmpty()) {
                throw SnsException.invalidParameter("The MessageGroupId parameter is required for FIFO topics");
            }
            if (!validFifoId(entry.messageGroupId())) {
                throw SnsException.invalidParameter("MessageGroupId Reason: must be 1-128 alphanumeric or "
                        + "punctuation characters");
            }
            if (entry.messageDeduplicationId() != null && !validFifoId(entry.messageDeduplicationId())) {
                throw SnsException.invalidParameter("MessageDeduplicationId Reason: must be 1-128 alphanumeric "
                        + "or punctuation characters");
            }
        } else if (entry.messageDeduplicationId() != null) {
            throw SnsException.invalidParameter("MessageDeduplicationId Reason: The request includes "
                    + "MessageDeduplicationId parameter that is not valid for this topic type");
        }
    }

    private static boolean validFifoId(String id) {
        return id.length() <= 128 && id.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }

    /** With MessageStructure=json the message holds a body per protocol: SQS gets "sqs", else "default". */
    private static String messageForQueues(PublishEntry entry) {
        if (entry.message() == null) {
            throw new SnsException(400, "ValidationError", "1 validation error detected: Value null at 'message' "
                    + "failed to satisfy constraint: Member must not be null");
        }
        if (entry.message().isEmpty()) {
            throw SnsException.invalidParameter("Empty message");
        }
        if (entry.messageStructure() == null) {
            return entry.message();
        }
        if (!entry.messageStructure().equals("json")) {
            throw SnsException.invalidParameter("MessageStructure Reason: only 'json' is supported");
        }
        JsonNode bodies;
        try {
            bodies = JSON.readTree(entry.message());
        } catch (IOException e) {
            bodies = null;
        }
        if (bodies == null || !bodies.isObject()) {
            throw SnsException.invalidParameter("Message Structure - JSON message body failed to parse");
        }
        JsonNode body = bodies.hasNonNull("sqs") ? bodies.get("sqs") : bodies.get("default");
        if (body == null || !body.isTextual()) {
            throw SnsException.invalidParameter("Message Structure - No default entry in JSON message body");
        }
        return body.asText();
    }

    private void deliver(SnsTopic topic, PublishEntry entry, String message, String messageId,
                         String sequenceNumber) {
        Instant timestamp = clock.instant();
        for (SnsSubscription subscription : topic.subscriptions()) {
            if (!subscription.accepts(entry.attributes())) {
                continue;
            }
            SendMessageRequest.Builder send = SendMessageRequest.builder().queueUrl(subscription.queue().url());
            if (subscription.rawMessageDelivery()) {
                send.messageBody(message).messageAttributes(sqsAttributes(entry.attributes()));
            } else {
                send.messageBody(SnsEnvelope.notification(endpoint, topic, subscription, messageId, sequenceNumber,
                        entry.subject(), message, entry.attributes(), timestamp));
            }
            if (subscription.queue().fifo()) {
                send.messageGroupId(entry.messageGroupId() != null ? entry.messageGroupId() : topic.name())
                        .messageDeduplicationId(entry.messageDeduplicationId() != null
                                ? entry.messageDeduplicationId() : messageId);
            }
            try {
                sqs.get().sendMessage(send.build());
            } catch (RuntimeException e) {
                // SNS delivers asynchronously: the publisher never sees a subscriber's failure.
                LOG.warn("SNS delivery of message {} from {} to {} failed: {}", messageId, topic.arn(),
                        subscription.queue().arn(), e.toString());
            }
        }
    }

    private static Map<String, MessageAttributeValue> sqsAttributes(List<SnsMessageAttribute> attributes) {
        Map<String, MessageAttributeValue> mapped = new LinkedHashMap<>();
        for (SnsMessageAttribute attribute : attributes) {
            MessageAttributeValue.Builder value = MessageAttributeValue.builder().dataType(attribute.dataType());
            if (attribute.binaryValue() != null) {
                value.binaryValue(SdkBytes.fromByteArray(attribute.binaryValue()));
            } else {
                value.stringValue(attribute.stringValue());
            }
            mapped.put(attribute.name(), value.build());
        }
        return mapped;
    }

    /** SNS content-based deduplication: the SHA-256 of the message body. */
    private static String sha256(String message) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(message.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
