package com.tradebot.dynamodb.conformance.batch;

import static com.tradebot.dynamodb.conformance.support.Values.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.tradebot.dynamodb.conformance.support.ConformanceTest;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

class BatchWriteItemTest extends ConformanceTest {
    private String users;
    private String orders;

    @BeforeEach
    void tables() {
        users = createTable("pk", ScalarAttributeType.S);
        orders = createTable("pk", ScalarAttributeType.S, "sk", ScalarAttributeType.N);
    }

    private static WriteRequest putRequest(Map<String, AttributeValue> item) {
        return WriteRequest.builder().putRequest(p -> p.item(item)).build();
    }

    private static WriteRequest deleteRequest(Map<String, AttributeValue> key) {
        return WriteRequest.builder().deleteRequest(d -> d.key(key)).build();
    }

    @Test
    void putsAndDeletesAcrossTables() {
        put(users, item("pk", s("old")));
        var response = db.batchWriteItem(r -> r.requestItems(Map.of(
                users, List.of(putRequest(item("pk", s("u1"), "v", n(1))), putRequest(item("pk", s("u2"))), deleteRequest(item("pk", s("old")))),
                orders, List.of(putRequest(item("pk", s("u1"), "sk", n(1))), putRequest(item("pk", s("u1"), "sk", n(2)))))));
        assertThat(response.unprocessedItems()).isEmpty();
        assertThat(scanAll(users)).extracting(i -> i.get("pk").s()).containsExactlyInAnyOrder("u1", "u2");
        assertThat(scanAll(orders)).hasSize(2);
    }

    @Test
    void twentyFiveRequestsAreAllowed() {
        List<WriteRequest> requests = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            requests.add(putRequest(item("pk", s("u" + i))));
        }
        db.batchWriteItem(r -> r.requestItems(Map.of(users, requests)));
        assertThat(scanAll(users)).hasSize(25);
    }

    @Test
    void moreThanTwentyFiveRequestsAreRejected() {
        List<WriteRequest> requests = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            requests.add(putRequest(item("pk", s("u" + i))));
        }
        assertValidationContains("Member must have length less than or equal to 25",
                () -> db.batchWriteItem(r -> r.requestItems(Map.of(users, requests))));
        assertThat(scanAll(users)).isEmpty();
    }

    @Test
    void duplicateKeysAreRejected() {
        assertValidation("Provided list of item keys contains duplicates",
                () -> db.batchWriteItem(r -> r.requestItems(Map.of(users,
                        List.of(putRequest(item("pk", s("a"), "v", n(1))), deleteRequest(item("pk", s("a"))))))));
    }

    @Test
    @Tag("beyond-dynalite") // dynalite crashes on this request
    void aBadItemRejectsTheWholeBatch() {
        assertValidation("The provided key element does not match the schema",
                () -> db.batchWriteItem(r -> r.requestItems(Map.of(users,
                        List.of(putRequest(item("pk", s("fine"))), deleteRequest(item("pk", n(1))))))));
        assertThat(scanAll(users)).isEmpty();
    }

    @Test
    void missingTableIsResourceNotFound() {
        assertError(ResourceNotFoundException.class, 400, "Requested resource not found",
                () -> db.batchWriteItem(r -> r.requestItems(Map.of("no_such_table_bw", List.of(putRequest(item("pk", s("a"))))))));
    }

    @Test
    void aBatchOfTwentyFiveLargeItemsIsAccepted() {
        String large = "x".repeat(390_000); // about 9.5 MB in one request, under the 16 MB request limit
        List<WriteRequest> requests = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            requests.add(putRequest(item("pk", s("big" + i), "v", s(large))));
        }
        var response = db.batchWriteItem(r -> r.requestItems(Map.of(users, requests)));
        assertThat(response.unprocessedItems()).isEmpty();
        assertThat(scanAll(users)).hasSize(25);
    }
}
