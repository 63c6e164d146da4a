package com.tradebot.local.messaging.eventsource;

import com.tradebot.local.template.QueueDef;
import com.tradebot.local.template.SqsEventSourceDef;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.tradebot.local.messaging.LocalAws;
import com.tradebot.local.messaging.LocalMessaging;
import com.tradebot.local.messaging.MessagingSpec;
import com.tradebot.local.messaging.Specs;
import com.tradebot.local.messaging.TestInvoker;
import com.tradebot.local.messaging.functions.MapResponseFunction;
import com.tradebot.local.messaging.functions.RecordingSqsFunction;
import com.tradebot.local.messaging.functions.ThrowingFunction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/** Lambda-like SQS event sources against ElasticMQ, with short visibility timeouts so retries come quickly. */
class SqsEventSourceTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private LocalMessaging messaging;
    private SqsClient sqs;

    private void start(List<QueueDef> queues, List<SqsEventSourceDef> sources, TestInvoker invoker) {
        messaging = LocalMessaging.start(0, 0, new MessagingSpec(queues, List.of(), List.of(), sources, List.of()),
                invoker);
        sqs = LocalAws.sqsClient(messaging.sqsEndpoint());
    }

    @AfterEach
    void stop() {
        if (sqs != null) {
            sqs.close();
        }
        if (messaging != null) {
            messaging.close();
        }
    }

    @Test
    void deliversBatchesAsSqsEventsAndDeletesOnSuccess() {
        RecordingSqsFunction function = new RecordingSqsFunction();
        start(List.of(Specs.standardQueue("Deliveries", 30)),
                List.of(new SqsEventSourceDef("DeliveryWorker", "Deliveries", 10, 0, false, true)),
                new TestInvoker().register("DeliveryWorker", function));

        String url = messaging.queueUrl("Deliveries");
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("first")
                .messageAttributes(Map.of("userId", MessageAttributeValue.builder().dataType("String")
                        .stringValue("u-1").build())));
        send(url, "second", "third");

        await().atMost(WAIT).until(() -> function.messages().size() == 3);
        assertThat(function.bodies()).containsExactlyInAnyOrder("first", "second", "third");
        SQSEvent.SQSMessage first = function.messages().stream()
                .filter(message -> message.getBody().equals("first")).findFirst().orElseThrow();
        assertThat(first.getEventSource()).isEqualTo("aws:sqs");
        assertThat(first.getEventSourceArn()).isEqualTo(messaging.queueArn("Deliveries"));
        assertThat(first.getAwsRegion()).isEqualTo("us-east-1");
        assertThat(first.getMessageId()).isNotBlank();
        assertThat(first.getReceiptHandle()).isNotBlank();
        assertThat(first.getMd5OfBody()).isEqualTo("8b04d5e3775d298e78455efc5ca404d5");
        assertThat(first.getAttributes()).containsEntry("ApproximateReceiveCount", "1")
                .containsKeys("SentTimestamp", "SenderId", "ApproximateFirstReceiveTimestamp");
        assertThat(first.getMessageAttributes().get("userId").getStringValue()).isEqualTo("u-1");
        assertThat(first.getMessageAttributes().get("userId").getDataType()).isEqualTo("String");

        await().atMost(WAIT).until(() -> messagesLeft(url) == 0);
        assertThat(function.messages()).hasSize(3);
    }

    @Test
    void partialBatchFailureRedeliversOnlyTheFailedMessages() {
        RecordingSqsFunction function = new RecordingSqsFunction().failOnce("flaky");
        start(List.of(Specs.standardQueue("Notify", 1)),
                List.of(new SqsEventSourceDef("Notifier", "Notify", 10, 0, true, true)),
                new TestInvoker().register("Notifier", function));

        String url = messaging.queueUrl("Notify");
        sqs.sendMessageBatch(b -> b.queueUrl(url).entries(
                SendMessageBatchRequestEntry.builder().id("1").messageBody("ok-1").build(),
                SendMessageBatchRequestEntry.builder().id("2").messageBody("flaky").build(),
                SendMessageBatchRequestEntry.builder().id("3").messageBody("ok-2").build()));

        await().atMost(WAIT).until(() -> function.bodies().stream().filter("flaky"::equals).count() == 2);
        await().atMost(WAIT).until(() -> messagesLeft(url) == 0);
        assertThat(function.bodies()).filteredOn(body -> body.startsWith("ok")).containsExactlyInAnyOrder("ok-1", "ok-2");
        SQSEvent.SQSMessage retried = function.messages().stream()
                .filter(message -> message.getBody().equals("flaky")).reduce((a, b) -> b).orElseThrow();
        assertThat(retried.getAttributes()).containsEntry("ApproximateReceiveCount", "2");
    }

    @Test
    void acceptsAMapResponseAndFailsTheWholeBatchOnAnUnknownItemIdentifier() {
        MapResponseFunction mapFunction = new MapResponseFunction(false);
        MapResponseFunction unknownIdFunction = new MapResponseFunction(true);
        start(List.of(Specs.standardQueue("Mapped", 1), Specs.standardQueue("Unknown", 30)),
                List.of(new SqsEventSourceDef("MapFn", "Mapped", 10, 0, true, true),
                        new SqsEventSourceDef("UnknownFn", "Unknown", 10, 0, true, true)),
                new TestInvoker().register("MapFn", mapFunction).register("UnknownFn", unknownIdFunction));

        send(messaging.queueUrl("Mapped"), "good", "bad");
        send(messaging.queueUrl("Unknown"), "kept");

        await().atMost(WAIT).until(() -> mapFunction.deliveredBodies().stream().filter("bad"::equals).count() >= 2);
        assertThat(mapFunction.deliveredBodies()).filteredOn("good"::equals).hasSize(1);
        await().atMost(WAIT).until(() -> unknownIdFunction.deliveredBodies().size() == 1);
        // An invalid response fails the batch: the message stays, in flight until its visibility timeout ends.
        await().atMost(WAIT).until(() -> messagesLeft(messaging.queueUrl("Unknown")) == 1);
    }

    @Test
    void poisonMessageMovesToTheDeadLetterQueueAfterMaxReceiveCount() {
        ThrowingFunction function = new ThrowingFunction();
        start(List.of(Specs.standardQueue("WorkDlq", 30), Specs.standardQueue("Work", 1, "WorkDlq", 2)),
                List.of(new SqsEventSourceDef("Worker", "Work", 5, 0, false, true)),
                new TestInvoker().register("Worker", function));

        send(messaging.queueUrl("Work"), "poison");

        String dlqUrl = messaging.queueUrl("WorkDlq");
        List<String> deadLetters = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            sqs.receiveMessage(b -> b.queueUrl(dlqUrl).waitTimeSeconds(1)).messages()
                    .forEach(message -> deadLetters.add(message.body()));
            return !deadLetters.isEmpty();
        });
        assertThat(deadLetters).containsExactly("poison");
        assertThat(function.receiveCounts()).containsExactly("1", "2");
        assertThat(messagesLeft(messaging.queueUrl("Work"))).isZero();
    }

    @Test
    void fifoQueueKeepsEachGroupInOrderAcrossFailures() {
        RecordingSqsFunction function = new RecordingSqsFunction().failOnce("A2");
        start(List.of(Specs.fifoQueue("Executions", 1)),
                List.of(new SqsEventSourceDef("Executor", "Executions", 10, 0, true, true)),
                new TestInvoker().register("Executor", function));

        String url = messaging.queueUrl("Executions");
        for (int i = 1; i <= 4; i++) {
            for (String group : List.of("A", "B")) {
                String body = group + i;
                sqs.sendMessage(b -> b.queueUrl(url).messageBody(body).messageGroupId(group));
            }
        }

        await().atMost(WAIT).until(() -> messagesLeft(url) == 0);
        Map<String, List<String>> succeededByGroup = succeededInOrder(function).stream()
                .collect(Collectors.groupingBy(body -> body.substring(0, 1), Collectors.toList()));
        assertThat(succeededByGroup.get("A")).containsExactly("A1", "A2", "A3", "A4");
        assertThat(succeededByGroup.get("B")).containsExactly("B1", "B2", "B3", "B4");
        assertThat(function.bodies()).filteredOn("A2"::equals).hasSize(2);
    }

    @Test
    void batchingWindowGathersMessagesIntoOneInvocation() {
        RecordingSqsFunction function = new RecordingSqsFunction();
        start(List.of(Specs.standardQueue("Bulk", 30)),
                List.of(new SqsEventSourceDef("BulkFn", "Bulk", 25, 1, false, true)),
                new TestInvoker().register("BulkFn", function));

        String url = messaging.queueUrl("Bulk");
        for (int chunk = 0; chunk < 3; chunk++) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id("m" + i).messageBody(chunk + "-" + i).build());
            }
            sqs.sendMessageBatch(b -> b.queueUrl(url).entries(entries));
        }

        await().atMost(WAIT).until(() -> function.messages().size() == 24);
        assertThat(function.batches()).hasSizeLessThan(24 / 10 + 1);
        assertThat(function.batches()).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(25));
    }

    @Test
    void disabledEventSourceDoesNotPoll() {
        RecordingSqsFunction function = new RecordingSqsFunction();
        start(List.of(Specs.standardQueue("Paused", 30)),
                List.of(new SqsEventSourceDef("PausedFn", "Paused", 10, 0, false, false)),
                new TestInvoker().register("PausedFn", function));
        send(messaging.queueUrl("Paused"), "waiting");
        await().during(Duration.ofMillis(1500)).atMost(WAIT)
                .until(() -> function.messages().isEmpty() && messagesLeft(messaging.queueUrl("Paused")) == 1);
    }

    /** The bodies the function finished without failing, in processing order. */
    private static List<String> succeededInOrder(RecordingSqsFunction function) {
        // A message succeeded on its last delivery: the one after which it never came back.
        List<SQSEvent.SQSMessage> all = function.messages();
        List<String> succeeded = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            String body = all.get(i).getBody();
            boolean deliveredAgain = all.subList(i + 1, all.size()).stream()
                    .anyMatch(later -> later.getBody().equals(body));
            if (!deliveredAgain) {
                succeeded.add(body);
            }
        }
        return succeeded;
    }

    private void send(String url, String... bodies) {
        for (String body : bodies) {
            sqs.sendMessage(b -> b.queueUrl(url).messageBody(body));
        }
    }

    private int messagesLeft(String url) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }
}
