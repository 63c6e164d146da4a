package com.tradebot.local.messaging.eventsource;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** Turns received SQS messages into the SQSEvent Lambda hands to a function. */
final class SqsEventMapper {

    /** The system attributes Lambda copies into each record; ElasticMQ may report more. */
    private static final Set<String> LAMBDA_ATTRIBUTES = Set.of("ApproximateReceiveCount", "SentTimestamp",
            "SenderId", "ApproximateFirstReceiveTimestamp", "AWSTraceHeader", "SequenceNumber", "MessageGroupId",
            "MessageDeduplicationId", "DeadLetterQueueSourceArn");

    private final String queueArn;
    private final String region;

    SqsEventMapper(String queueArn, String region) {
        this.queueArn = queueArn;
        this.region = region;
    }

    SQSEvent toEvent(List<Message> messages) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>(messages.size());
        messages.forEach(message -> records.add(toRecord(message)));
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    private SQSEvent.SQSMessage toRecord(Message message) {
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId(message.messageId());
        record.setReceiptHandle(message.receiptHandle());
        record.setBody(message.body());
        record.setMd5OfBody(message.md5OfBody());
        record.setMd5OfMessageAttributes(message.md5OfMessageAttributes());
        Map<String, String> attributes = new LinkedHashMap<>();
        message.attributesAsStrings().forEach((name, value) -> {
            if (LAMBDA_ATTRIBUTES.contains(name)) {
                attributes.put(name, value);
            }
        });
        record.setAttributes(attributes);
        Map<String, SQSEvent.MessageAttribute> messageAttributes = new LinkedHashMap<>();
        message.messageAttributes().forEach((name, value) -> messageAttributes.put(name, toAttribute(value)));
        record.setMessageAttributes(messageAttributes);
        record.setEventSource("aws:sqs");
        record.setEventSourceArn(queueArn);
        record.setAwsRegion(region);
        return record;
    }

    private static SQSEvent.MessageAttribute toAttribute(MessageAttributeValue value) {
        SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
        attribute.setDataType(value.dataType());
        attribute.setStringValue(value.stringValue());
        if (value.binaryValue() != null) {
            attribute.setBinaryValue(value.binaryValue().asByteBuffer());
        }
        attribute.setStringListValues(new ArrayList<>(value.stringListValues()));
        attribute.setBinaryListValues(new ArrayList<>());
        value.binaryListValues().forEach(bytes -> attribute.getBinaryListValues().add(bytes.asByteBuffer()));
        return attribute;
    }
}
