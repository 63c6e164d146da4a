package com.tradebot.local.messaging;

import com.tradebot.local.template.TopicDef;
import com.tradebot.local.template.SubscriptionDef;
import com.tradebot.local.template.SqsEventSourceDef;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.tradebot.local.messaging.functions.RecordingSqsFunction;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Publish to a topic, and the subscribed queue's function gets the message: the whole chain on one machine. */
class LocalMessagingEndToEndTest {

    @Test
    void publishedSignalReachesTheDispatcherWithItsAttributes() {
        RecordingSqsFunction dispatcher = new RecordingSqsFunction();
        MessagingSpec spec = new MessagingSpec(
                List.of(Specs.standardQueue("DispatchDlq", 30), Specs.standardQueue("Dispatch", 30, "DispatchDlq", 3)),
                List.of(new TopicDef("Signals", "signals", false)),
                List.of(new SubscriptionDef("Signals", "Dispatch", true, "{\"type\":[\"ENTRY\",\"EXIT\"]}")),
                List.of(new SqsEventSourceDef("DispatcherFunction", "Dispatch", 10, 0, true, true)),
                List.of());
        try (LocalMessaging messaging = LocalMessaging.start(0, 0, spec,
                new TestInvoker().register("DispatcherFunction", dispatcher));
             SnsClient sns = SnsClient.builder().endpointOverride(messaging.snsEndpoint()).region(LocalAws.REGION)
                     .credentialsProvider(LocalAws.dummyCredentials())
                     .httpClientBuilder(Apache5HttpClient.builder()).build()) {

            sns.publish(b -> b.topicArn(messaging.topicArn("Signals")).message("{\"signalId\":\"sig-1\"}")
                    .messageAttributes(Map.of("type", attribute("UPDATE"))));
            sns.publish(b -> b.topicArn(messaging.topicArn("Signals")).message("{\"signalId\":\"sig-2\"}")
                    .messageAttributes(Map.of("type", attribute("ENTRY"))));

            await().atMost(Duration.ofSeconds(10)).until(() -> !dispatcher.messages().isEmpty());
            SQSEvent.SQSMessage record = dispatcher.messages().get(0);
            assertThat(record.getBody()).isEqualTo("{\"signalId\":\"sig-2\"}");
            assertThat(record.getEventSourceArn()).isEqualTo(messaging.queueArn("Dispatch"));
            assertThat(record.getMessageAttributes().get("type").getStringValue()).isEqualTo("ENTRY");
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                    .until(() -> dispatcher.messages().size() == 1);
        }
    }

    @Test
    void closeLetsTheRunningInvocationFinish() throws Exception {
        CountDownLatch invoked = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        RequestHandler<SQSEvent, Void> slowWorker = (event, context) -> {
            invoked.countDown();
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            finished.set(true);
            return null;
        };
        LocalMessaging messaging = LocalMessaging.start(0, 0, new MessagingSpec(
                        List.of(Specs.standardQueue("Work", 30)), List.of(), List.of(),
                        List.of(new SqsEventSourceDef("Worker", "Work", 1, 0, false, true)), List.of()),
                new TestInvoker().register("Worker", slowWorker));
        try (SqsClient sqs = LocalAws.sqsClient(messaging.sqsEndpoint())) {
            sqs.sendMessage(b -> b.queueUrl(messaging.queueUrl("Work")).messageBody("job"));
            assertThat(invoked.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            messaging.close();
        }
        assertThat(finished).isTrue();
    }

    private static MessageAttributeValue attribute(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
