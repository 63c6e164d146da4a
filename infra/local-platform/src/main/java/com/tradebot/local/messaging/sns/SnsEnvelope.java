package com.tradebot.local.messaging.sns;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;

/** The JSON notification SNS puts in an SQS message when raw message delivery is off. */
final class SnsEnvelope {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private SnsEnvelope() {
    }

    static String notification(String snsEndpoint, SnsTopic topic, SnsSubscription subscription, String messageId,
                               String sequenceNumber, String subject, String message,
                               List<SnsMessageAttribute> attributes, Instant timestamp) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("Type", "Notification");
        envelope.put("MessageId", messageId);
        if (sequenceNumber != null) {
            envelope.put("SequenceNumber", sequenceNumber);
        }
        envelope.put("TopicArn", topic.arn());
        if (subject != null) {
            envelope.put("Subject", subject);
        }
        envelope.put("Message", message);
        envelope.put("Timestamp", TIMESTAMP.format(timestamp));
        // Local notifications are not signed: there is no AWS signing certificate to sign them with.
        envelope.put("SignatureVersion", "1");
        envelope.put("Signature", "");
        envelope.put("SigningCertURL", "");
        envelope.put("UnsubscribeURL", snsEndpoint + "/?Action=Unsubscribe&SubscriptionArn=" + subscription.arn());
        if (!attributes.isEmpty()) {
            ObjectNode messageAttributes = envelope.putObject("MessageAttributes");
            for (SnsMessageAttribute attribute : attributes) {
                messageAttributes.putObject(attribute.name())
                        .put("Type", attribute.dataType())
                        .put("Value", attribute.binaryValue() != null
                                ? Base64.getEncoder().encodeToString(attribute.binaryValue())
                                : attribute.stringValue());
            }
        }
        return envelope.toString();
    }
}
