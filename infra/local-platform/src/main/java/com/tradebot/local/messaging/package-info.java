/**
 * The template's messaging on one machine, started by {@link com.tradebot.local.messaging.LocalMessaging#start}.
 *
 * <ul>
 *   <li>{@code sqs}: ElasticMQ embedded on loopback; every queue is created through the SQS API with its FIFO,
 *       visibility, delay and redrive attributes, so ElasticMQ itself moves poison messages to the DLQ.
 *       ElasticMQ accepts MessageRetentionPeriod but does not enforce it.</li>
 *   <li>{@code sns}: an SNS Query-protocol endpoint (Publish, PublishBatch, ListTopics, GetTopicAttributes) that
 *       the SDK's SnsClient talks to through {@code endpointOverride}; it fans out to subscribed queues, raw or in
 *       the SNS envelope, applying attribute filter policies with AWS's event-ruler. Notifications are not
 *       signed.</li>
 *   <li>{@code eventsource}: one Lambda-like poller per SQS event source mapping (batch size, batching window,
 *       partial batch failures, FIFO group order).</li>
 *   <li>{@code schedule}: EventBridge rate and cron schedules in UTC, invoking with the Scheduled Event or the
 *       rule's constant input.</li>
 * </ul>
 */
package com.tradebot.local.messaging;
