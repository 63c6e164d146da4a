package com.tradebot.local.messaging.eventsource;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** Which messages of a batch are deleted, for the handler responses Lambda accepts. */
class BatchOutcomeTest {

    private static final Set<String> BATCH = Set.of("m1", "m2", "m3");

    @Test
    void readsBatchItemFailuresFromEveryResponseShape() throws Exception {
        SQSBatchResponse typed = new SQSBatchResponse(List.of(new SQSBatchResponse.BatchItemFailure("m2")));
        Map<String, Object> map = Map.of("batchItemFailures", List.of(Map.of("itemIdentifier", "m2")));
        String json = "{\"batchItemFailures\":[{\"itemIdentifier\":\"m2\"}]}";

        assertThat(BatchItemFailures.failedMessageIds(typed, BATCH)).containsExactly("m2");
        assertThat(BatchItemFailures.failedMessageIds(map, BATCH)).containsExactly("m2");
        assertThat(BatchItemFailures.failedMessageIds(json, BATCH)).containsExactly("m2");
        assertThat(BatchItemFailures.failedMessageIds(new ObjectMapper().readTree(json), BATCH)).containsExactly("m2");
    }

    @Test
    void emptyOrNullResponsesMeanTheWholeBatchSucceeded() {
        assertThat(BatchItemFailures.failedMessageIds(null, BATCH)).isEmpty();
        assertThat(BatchItemFailures.failedMessageIds(new SQSBatchResponse(List.of()), BATCH)).isEmpty();
        assertThat(BatchItemFailures.failedMessageIds(new SQSBatchResponse(), BATCH)).isEmpty();
        assertThat(BatchItemFailures.failedMessageIds(Map.of(), BATCH)).isEmpty();
    }

    @Test
    void invalidResponsesFailTheWholeBatch() {
        assertThat(BatchItemFailures.failedMessageIds(Map.of("batchItemFailures",
                List.of(Map.of("itemIdentifier", "not-in-batch"))), BATCH)).isEqualTo(BATCH);
        assertThat(BatchItemFailures.failedMessageIds(Map.of("batchItemFailures",
                List.of(Map.of("itemIdentifier", ""))), BATCH)).isEqualTo(BATCH);
        assertThat(BatchItemFailures.failedMessageIds(Map.of("batchItemFailures",
                List.of(Map.of("id", "m1"))), BATCH)).isEqualTo(BATCH);
        assertThat(BatchItemFailures.failedMessageIds("not json", BATCH)).isEqualTo(BATCH);
    }

    @Test
    void standardQueueDeletesEverythingButTheFailures() {
        List<Message> batch = messages(null, "m1", "m2", "m3");
        assertThat(SqsEventSourcePoller.succeeded(batch, Set.of("m2"), false))
                .extracting(Message::messageId).containsExactly("m1", "m3");
    }

    @Test
    void fifoQueueAlsoKeepsTheLaterMessagesOfAFailedGroup() {
        List<Message> batch = List.of(message("a1", "A"), message("a2", "A"), message("b1", "B"),
                message("a3", "A"), message("b2", "B"), message("c1", "C"));
        assertThat(SqsEventSourcePoller.succeeded(batch, Set.of("a2", "b2"), true))
                .extracting(Message::messageId).containsExactly("a1", "b1", "c1");
    }

    private static List<Message> messages(String group, String... ids) {
        return Arrays.stream(ids).map(id -> message(id, group)).toList();
    }

    private static Message message(String id, String group) {
        Message.Builder message = Message.builder().messageId(id).receiptHandle("rh-" + id).body(id);
        if (group != null) {
            message.attributes(Map.of(MessageSystemAttributeName.MESSAGE_GROUP_ID, group));
        }
        return message.build();
    }
}
