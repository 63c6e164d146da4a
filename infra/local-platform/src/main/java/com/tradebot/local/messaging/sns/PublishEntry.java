package com.tradebot.local.messaging.sns;

import java.util.List;

/**
 * One message to publish, from {@code Publish} or one entry of {@code PublishBatch}.
 *
 * @param batchEntryId     the entry's Id in a batch, null for Publish
 * @param messageStructure "json" when the message holds one body per protocol, else null
 */
public record PublishEntry(String batchEntryId, String message, String subject, String messageStructure,
                           String messageGroupId, String messageDeduplicationId,
                           List<SnsMessageAttribute> attributes) {

    public PublishEntry {
        attributes = List.copyOf(attributes == null ? List.of() : attributes);
    }

    public PublishEntry withAttributes(List<SnsMessageAttribute> newAttributes) {
        return new PublishEntry(batchEntryId, message, subject, messageStructure, messageGroupId,
                messageDeduplicationId, newAttributes);
    }
}
