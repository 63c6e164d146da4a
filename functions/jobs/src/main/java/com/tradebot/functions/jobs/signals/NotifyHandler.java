package com.tradebot.functions.jobs.signals;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.tradebot.common.AwsClients;
import com.tradebot.common.Env;
import com.tradebot.common.Json;
import com.tradebot.notification.ChannelMessage;
import com.tradebot.notification.NotificationRepository;
import com.tradebot.notification.channel.ChannelNotifier;
import com.tradebot.notification.channel.DiscordSender;
import com.tradebot.notification.channel.RateLimiter;
import com.tradebot.notification.channel.TelegramBotToken;
import com.tradebot.notification.channel.TelegramSender;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Notify queue → Telegram / Discord. A message to retry is reported as a batch item failure after its visibility
 * is set to the wait (429's retry_after, or exponential back-off), so SQS redelivers it then and, after the queue's
 * maxReceiveCount, moves it to the notify DLQ.
 */
public final class NotifyHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final Logger LOG = LogManager.getLogger(NotifyHandler.class);

    private final ChannelNotifier notifier;
    private final SqsClient sqs;
    private final String queueUrl;

    public NotifyHandler() {
        this(fromEnvironment(), AwsClients.sqs(), Env.require("NOTIFY_QUEUE_URL"));
    }

    public NotifyHandler(ChannelNotifier notifier, SqsClient sqs, String queueUrl) {
        this.notifier = notifier;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    static ChannelNotifier fromEnvironment() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return new ChannelNotifier(new NotificationRepository(AwsClients.dynamoDb(), Env.require("TABLE_NAME")),
                Map.of(ChannelMessage.TELEGRAM, new TelegramSender(http,
                                URI.create(Env.get("TELEGRAM_API_URL", "https://api.telegram.org")),
                                TelegramBotToken.fromEnvironment()),
                        ChannelMessage.DISCORD, new DiscordSender(http)),
                Map.of(ChannelMessage.TELEGRAM, new RateLimiter(25, 25, System::nanoTime),
                        ChannelMessage.DISCORD, new RateLimiter(2.5, 5, System::nanoTime)),
                Clock.systemUTC(), Long.parseLong(Env.get("NOTIFY_RETRY_BASE_SECONDS", "5")));
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage record : event.getRecords()) {
            try {
                ChannelMessage message = Json.MAPPER.readValue(record.getBody(), ChannelMessage.class);
                int receiveCount = Integer.parseInt(record.getAttributes() == null ? "1"
                        : record.getAttributes().getOrDefault("ApproximateReceiveCount", "1"));
                ChannelNotifier.Outcome outcome = notifier.process(message, receiveCount);
                if (!outcome.done()) {
                    sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(record.getReceiptHandle())
                            .visibilityTimeout((int) outcome.retryAfterSeconds()));
                    failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
                }
            } catch (Exception e) {
                LOG.warn("Notify message {} failed, will be retried: {}", record.getMessageId(), e.toString());
                failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
