package com.tradebot.local.messaging.sns;

/** What SNS answers for one published message; sequenceNumber is null on standard topics. */
public record PublishResult(String messageId, String sequenceNumber) {
}
