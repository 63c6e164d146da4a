package com.tradebot.local.messaging.sns;

import com.tradebot.local.template.TopicDef;
import com.tradebot.local.template.SubscriptionDef;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tradebot.local.messaging.LocalAws;
import com.tradebot.local.messaging.LocalMessaging;
import com.tradebot.local.messaging.MessagingSpec;
import com.tradebot.local.messaging.Specs;
import com.tradebot.local.messaging.TestInvoker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.InvalidParameterValueException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;
import software.amazon.awssdk.services.sns.model.PublishResponse;
import software.amazon.awssdk.services.sns.model.TooManyEntriesInBatchRequestException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** The local SNS endpoint driven by the real SDK SnsClient, with deliveries read back through the SqsClient. */
class SnsEndpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalMessaging messaging;
    private static SnsClient sns;
    private static SqsClient sqs;

    @BeforeAll
    static void start() {
        MessagingSpec spec = new MessagingSpec(
                List.of(Specs.standardQueue("Raw", 30), Specs.standardQueue("Enveloped", 30),
                        Specs.standardQueue("BuysOnly", 30), Specs.fifoQueue("Executions", 30)),
                List.of(new TopicDef("Signals", "signals", false), new TopicDef("Orders", "orders.fifo", true)),
                List.of(new SubscriptionDef("Signals", "Raw", true, null),
                        new SubscriptionDef("Signals", "Enveloped", false, null),
                        new SubscriptionDef("Signals", "BuysOnly", true,
                                "{\"side\":[\"BUY\"],\"price\":[{\"numeric\":[\">\",0]}]}"),
                        new SubscriptionDef("Orders", "Executions", true, null)),
                List.of(), List.of());
        messaging = LocalMessaging.start(0, 0, spec, new TestInvoker());
        sns = SnsClient.builder()
                .endpointOverride(messaging.snsEndpoint())
                .region(LocalAws.REGION)
                .credentialsProvider(LocalAws.dummyCredentials())
                .httpClientBuilder(Apache5HttpClient.builder())
                .build();
        sqs = LocalAws.sqsClient(messaging.sqsEndpoint());
    }

    @AfterAll
    static void stop() {
        sns.close();
        sqs.close();
        messaging.close();
    }

    @BeforeEach
    void emptyQueues() {
        for (String queue : List.of("Raw", "Enveloped", "BuysOnly", "Executions")) {
            sqs.purgeQueue(b -> b.queueUrl(messaging.queueUrl(queue)));
        }
    }

    @Test
    void rawDeliveryKeepsTheBodyAndMapsMessageAttributes() {
        PublishResponse published = sns.publish(b -> b.topicArn(messaging.topicArn("Signals"))
                .message("{\"signalId\":\"s-1\",\"note\":\"€ 5% & <more> 🚀\"}")
                .subject("new signal")
                .messageAttributes(Map.of(
                        "side", string("BUY"),
                        "price", MessageAttributeValue.builder().dataType("Number").stringValue("101.25").build(),
                        "pairs", MessageAttributeValue.builder().dataType("String.Array")
                                .stringValue("[\"BTC/USDT\"]").build(),
                        "blob", MessageAttributeValue.builder().dataType("Binary")
                                .binaryValue(SdkBytes.fromUtf8String("bytes")).build())));

        assertThat(published.messageId()).isNotBlank();
        assertThat(published.sequenceNumber()).isNull();
        Message delivered = receiveOne("Raw");
        assertThat(delivered.body()).isEqualTo("{\"signalId\":\"s-1\",\"note\":\"€ 5% & <more> 🚀\"}");
        assertThat(delivered.messageAttributes().get("side").stringValue()).isEqualTo("BUY");
        assertThat(delivered.messageAttributes().get("price").dataType()).isEqualTo("Number");
        assertThat(delivered.messageAttributes().get("price").stringValue()).isEqualTo("101.25");
        assertThat(delivered.messageAttributes().get("pairs").dataType()).isEqualTo("String.Array");
        assertThat(delivered.messageAttributes().get("blob").binaryValue().asUtf8String()).isEqualTo("bytes");
    }

    @Test
    void nonRawDeliveryWrapsTheMessageInTheSnsEnvelope() throws Exception {
        PublishResponse published = sns.publish(b -> b.topicArn(messaging.topicArn("Signals"))
                .message("hello")
                .subject("greeting")
                .messageAttributes(Map.of("side", string("SELL"))));

        JsonNode envelope = JSON.readTree(receiveOne("Enveloped").body());
        assertThat(envelope.get("Type").asText()).isEqualTo("Notification");
        assertThat(envelope.get("MessageId").asText()).isEqualTo(published.messageId());
        assertThat(envelope.get("TopicArn").asText()).isEqualTo("arn:aws:sns:us-east-1:000000000000:signals");
        assertThat(envelope.get("Subject").asText()).isEqualTo("greeting");
        assertThat(envelope.get("Message").asText()).isEqualTo("hello");
        assertThat(envelope.get("Timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(envelope.get("SignatureVersion").asText()).isEqualTo("1");
        assertThat(envelope.get("UnsubscribeURL").asText()).startsWith(messaging.snsEndpoint().toString());
        assertThat(envelope.at("/MessageAttributes/side/Type").asText()).isEqualTo("String");
        assertThat(envelope.at("/MessageAttributes/side/Value").asText()).isEqualTo("SELL");
    }

    @Test
    void filterPolicyDecidesWhichSubscriptionsGetTheMessage() {
        String topic = messaging.topicArn("Signals");
        sns.publish(b -> b.topicArn(topic).message("sell").messageAttributes(Map.of("side", string("SELL"),
                "price", number("10"))));
        sns.publish(b -> b.topicArn(topic).message("free buy").messageAttributes(Map.of("side", string("BUY"),
                "price", number("0"))));
        sns.publish(b -> b.topicArn(topic).message("no attributes"));
        sns.publish(b -> b.topicArn(topic).message("buy").messageAttributes(Map.of("side", string("BUY"),
                "price", number("42.5"))));

        assertThat(receiveAll("BuysOnly", 1)).extracting(Message::body).containsExactly("buy");
        assertThat(receiveAll("Raw", 4)).extracting(Message::body)
                .containsExactlyInAnyOrder("sell", "free buy", "no attributes", "buy");
    }

    @Test
    void publishBatchDeliversEachEntryAndReportsFailedOnes() {
        PublishBatchResponse response = sns.publishBatch(b -> b.topicArn(messaging.topicArn("Signals"))
                .publishBatchRequestEntries(
                        PublishBatchRequestEntry.builder().id("a").message("first").build(),
                        PublishBatchRequestEntry.builder().id("b").message("second")
                                .messageAttributes(Map.of("side", string("BUY"), "price", number("5"))).build(),
                        PublishBatchRequestEntry.builder().id("c").message("bad number")
                                .messageAttributes(Map.of("price", number("not-a-number"))).build()));

        assertThat(response.successful()).extracting(entry -> entry.id()).containsExactly("a", "b");
        assertThat(response.successful()).allSatisfy(entry -> assertThat(entry.messageId()).isNotBlank());
        assertThat(response.failed()).hasSize(1);
        assertThat(response.failed().get(0).id()).isEqualTo("c");
        assertThat(response.failed().get(0).code()).isEqualTo("ParameterValueInvalid");
        assertThat(response.failed().get(0).senderFault()).isTrue();
        assertThat(receiveAll("Raw", 2)).extracting(Message::body).containsExactlyInAnyOrder("first", "second");
        assertThat(receiveAll("BuysOnly", 1)).extracting(Message::body).containsExactly("second");
    }

    @Test
    void publishBatchRejectsMoreThanTenEntries() {
        List<PublishBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            entries.add(PublishBatchRequestEntry.builder().id("e" + i).message("m" + i).build());
        }
        assertThatThrownBy(() -> sns.publishBatch(b -> b.topicArn(messaging.topicArn("Signals"))
                .publishBatchRequestEntries(entries)))
                .isInstanceOf(TooManyEntriesInBatchRequestException.class);
    }

    @Test
    void fifoTopicPassesGroupAndDeduplicatesWithinTheWindow() {
        String topic = messaging.topicArn("Orders");
        PublishResponse first = sns.publish(b -> b.topicArn(topic).message("o1").messageGroupId("user-1")
                .messageDeduplicationId("d1"));
        PublishResponse second = sns.publish(b -> b.topicArn(topic).message("o2").messageGroupId("user-1")
                .messageDeduplicationId("d2"));
        PublishResponse repeated = sns.publish(b -> b.topicArn(topic).message("o1 again").messageGroupId("user-1")
                .messageDeduplicationId("d1"));

        assertThat(repeated.messageId()).isEqualTo(first.messageId());
        assertThat(first.sequenceNumber()).hasSize(20);
        assertThat(second.sequenceNumber()).isGreaterThan(first.sequenceNumber());
        List<Message> delivered = receiveAll("Executions", 2);
        assertThat(delivered).extracting(Message::body).containsExactly("o1", "o2");
        assertThat(delivered.get(0).attributesAsStrings()).containsEntry("MessageGroupId", "user-1")
                .containsEntry("MessageDeduplicationId", "d1");
    }

    @Test
    void fifoTopicRequiresAMessageGroupId() {
        assertThatThrownBy(() -> sns.publish(b -> b.topicArn(messaging.topicArn("Orders")).message("o")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("MessageGroupId");
    }

    @Test
    void unknownTopicIsNotFound() {
        assertThatThrownBy(() -> sns.publish(b -> b.topicArn("arn:aws:sns:us-east-1:000000000000:nope").message("x")))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotFound");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Topic does not exist");
                });
    }

    @Test
    void invalidMessagesAreRejectedWithSnsErrors() {
        String topic = messaging.topicArn("Signals");
        assertThatThrownBy(() -> sns.publish(b -> b.topicArn(topic).message("")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Empty message");
        assertThatThrownBy(() -> sns.publish(b -> b.topicArn(topic).message("x")
                .messageAttributes(Map.of("price", number("ten")))))
                .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("price");
    }

    @Test
    void listsTopicsAndTheirAttributes() {
        assertThat(sns.listTopics().topics()).extracting(topic -> topic.topicArn())
                .containsExactly(messaging.topicArn("Signals"), messaging.topicArn("Orders"));
        Map<String, String> attributes = sns.getTopicAttributes(b -> b.topicArn(messaging.topicArn("Orders")))
                .attributes();
        assertThat(attributes).containsEntry("TopicArn", messaging.topicArn("Orders"))
                .containsEntry("FifoTopic", "true")
                .containsEntry("SubscriptionsConfirmed", "1");
        assertThatThrownBy(() -> sns.getTopicAttributes(b -> b.topicArn("arn:aws:sns:us-east-1:000000000000:x")))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void messageStructureJsonSendsTheSqsBody() {
        sns.publish(b -> b.topicArn(messaging.topicArn("Signals")).messageStructure("json")
                .message("{\"default\":\"for everyone\",\"sqs\":\"for queues\"}"));
        assertThat(receiveAll("Raw", 1)).extracting(Message::body).containsExactly("for queues");
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    private static MessageAttributeValue number(String value) {
        return MessageAttributeValue.builder().dataType("Number").stringValue(value).build();
    }

    private static Message receiveOne(String queue) {
        List<Message> messages = receiveAll(queue, 1);
        return messages.get(0);
    }

    /** Receives until {@code expected} messages came, then checks that no more follow. */
    private static List<Message> receiveAll(String queue, int expected) {
        List<Message> received = new ArrayList<>();
        String url = messaging.queueUrl(queue);
        for (int attempt = 0; attempt < 10 && received.size() < expected; attempt++) {
            received.addAll(sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .messageAttributeNames("All").messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                    .messages());
        }
        assertThat(received).hasSize(expected);
        assertThat(sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages())
                .as("no further messages in %s", queue).isEmpty();
        return received;
    }
}
