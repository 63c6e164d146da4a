package com.tradebot.dynamodb;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ItemOperationsTest extends EngineTestSupport {
    private static String table;

    @BeforeAll
    static void createTables() {
        table = createTable("pk", "sk", ScalarAttributeType.N);
    }

    private static Map<String, AttributeValue> key(String pk, long sk) {
        return item(attr("pk", s(pk)), attr("sk", n(sk)));
    }

    @Test
    void putThenGetReturnsTheItemWithNormalisedNumbersAndAllTypes() {
        Map<String, AttributeValue> stored = item(attr("pk", s("types")), attr("sk", n(1)),
                attr("num", n("001.500")), attr("big", n("1E+3")), attr("bool", AttributeValue.fromBool(true)),
                attr("nul", AttributeValue.fromNul(true)), attr("bin", AttributeValue.fromB(SdkBytes.fromUtf8String("hi"))),
                attr("ss", AttributeValue.fromSs(List.of("a", "b"))), attr("ns", AttributeValue.fromNs(List.of("1.0", "2"))),
                attr("list", AttributeValue.fromL(List.of(s("x"), n(2)))),
                attr("map", AttributeValue.fromM(Map.of("inner", s("v")))), attr("empty", s("")));
        dynamo.putItem(r -> r.tableName(table).item(stored));

        Map<String, AttributeValue> got = dynamo.getItem(r -> r.tableName(table).key(key("types", 1))).item();

        assertThat(got.get("num").n()).isEqualTo("1.5");
        assertThat(got.get("big").n()).isEqualTo("1000");
        assertThat(got.get("bool").bool()).isTrue();
        assertThat(got.get("nul").nul()).isTrue();
        assertThat(got.get("bin").b().asUtf8String()).isEqualTo("hi");
        assertThat(got.get("ss").ss()).containsExactlyInAnyOrder("a", "b");
        assertThat(got.get("ns").ns()).containsExactlyInAnyOrder("1", "2");
        assertThat(got.get("list").l()).containsExactly(s("x"), n(2));
        assertThat(got.get("map").m()).containsEntry("inner", s("v"));
        assertThat(got.get("empty").s()).isEmpty();
    }

    @Test
    void getOfMissingItemHasNoItem() {
        GetItemResponse response = dynamo.getItem(r -> r.tableName(table).key(key("nobody", 1)));
        assertThat(response.hasItem()).isFalse();
    }

    @Test
    void conditionalPutFailsOnExistingItemAndCanReturnIt() {
        dynamo.putItem(r -> r.tableName(table).item(item(attr("pk", s("cond")), attr("sk", n(1)), attr("v", n(1)))));

        assertThatThrownBy(() -> dynamo.putItem(r -> r.tableName(table)
                .item(item(attr("pk", s("cond")), attr("sk", n(1)), attr("v", n(2))))
                .conditionExpression("attribute_not_exists(pk)")))
                .isInstanceOf(ConditionalCheckFailedException.class)
                .hasMessageContaining("The conditional request failed");

        ConditionalCheckFailedException failure = (ConditionalCheckFailedException) catchThrowable(() ->
                dynamo.putItem(r -> r.tableName(table)
                        .item(item(attr("pk", s("cond")), attr("sk", n(1)), attr("v", n(3))))
                        .conditionExpression("attribute_not_exists(pk)")
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
        assertThat(failure.item()).containsEntry("v", n(1));
        assertThat(dynamo.getItem(r -> r.tableName(table).key(key("cond", 1))).item()).containsEntry("v", n(1));
    }

    private static Throwable catchThrowable(Runnable action) {
        try {
            action.run();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    @Test
    void putReturnsOldItemWhenAsked() {
        dynamo.putItem(r -> r.tableName(table).item(item(attr("pk", s("old")), attr("sk", n(1)), attr("v", s("first")))));
        PutItemResponse response = dynamo.putItem(r -> r.tableName(table)
                .item(item(attr("pk", s("old")), attr("sk", n(1)), attr("v", s("second"))))
                .returnValues(ReturnValue.ALL_OLD)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertThat(response.attributes()).containsEntry("v", s("first"));
        assertThat(response.consumedCapacity().capacityUnits()).isGreaterThanOrEqualTo(1.0);
        assertThat(response.consumedCapacity().tableName()).isEqualTo(table);
    }

    @Test
    void putRejectsReturnValuesOtherThanAllOldOrNone() {
        assertThatThrownBy(() -> dynamo.putItem(r -> r.tableName(table).item(key("rv", 1)).returnValues(ReturnValue.ALL_NEW)))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("ReturnValues can only be ALL_OLD or NONE");
    }

    @Test
    void updateUpsertsAMissingItemAndReturnsValuesInEveryForm() {
        UpdateItemResponse created = dynamo.updateItem(r -> r.tableName(table).key(key("upd", 1))
                .updateExpression("SET a = :a, b = :b").expressionAttributeValues(Map.of(":a", n(1), ":b", s("x")))
                .returnValues(ReturnValue.ALL_NEW));
        assertThat(created.attributes()).containsEntry("pk", s("upd")).containsEntry("a", n(1)).containsEntry("b", s("x"));

        UpdateItemResponse updatedOld = dynamo.updateItem(r -> r.tableName(table).key(key("upd", 1))
                .updateExpression("SET a = a + :one").expressionAttributeValues(Map.of(":one", n(1)))
                .returnValues(ReturnValue.UPDATED_OLD));
        assertThat(updatedOld.attributes()).isEqualTo(Map.of("a", n(1)));

        UpdateItemResponse updatedNew = dynamo.updateItem(r -> r.tableName(table).key(key("upd", 1))
                .updateExpression("SET a = a + :one").expressionAttributeValues(Map.of(":one", n(1)))
                .returnValues(ReturnValue.UPDATED_NEW));
        assertThat(updatedNew.attributes()).isEqualTo(Map.of("a", n(3)));

        UpdateItemResponse allOld = dynamo.updateItem(r -> r.tableName(table).key(key("upd", 1))
                .updateExpression("REMOVE b").returnValues(ReturnValue.ALL_OLD));
        assertThat(allOld.attributes()).containsEntry("b", s("x"));
        assertThat(dynamo.getItem(r -> r.tableName(table).key(key("upd", 1))).item()).doesNotContainKey("b");
    }

    @Test
    void updateThatOnlyRemovesDoesNotCreateAMissingItem() {
        dynamo.updateItem(r -> r.tableName(table).key(key("remove-only", 1)).updateExpression("REMOVE a"));
        assertThat(dynamo.getItem(r -> r.tableName(table).key(key("remove-only", 1))).hasItem()).isFalse();
    }

    @Test
    void updateOfAKeyAttributeIsRejected() {
        assertThatThrownBy(() -> dynamo.updateItem(r -> r.tableName(table).key(key("k", 1))
                .updateExpression("SET pk = :v").expressionAttributeValues(Map.of(":v", s("other")))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("Cannot update attribute pk. This attribute is part of the key");
    }

    @Test
    void conditionalDeleteAndReturnOfOldItem() {
        dynamo.putItem(r -> r.tableName(table).item(item(attr("pk", s("del")), attr("sk", n(1)), attr("v", n(5)))));
        assertThatThrownBy(() -> dynamo.deleteItem(r -> r.tableName(table).key(key("del", 1))
                .conditionExpression("v = :six").expressionAttributeValues(Map.of(":six", n(6)))))
                .isInstanceOf(ConditionalCheckFailedException.class);
        Map<String, AttributeValue> old = dynamo.deleteItem(r -> r.tableName(table).key(key("del", 1))
                .conditionExpression("v = :five").expressionAttributeValues(Map.of(":five", n(5)))
                .returnValues(ReturnValue.ALL_OLD)).attributes();
        assertThat(old).containsEntry("v", n(5));
        assertThat(dynamo.getItem(r -> r.tableName(table).key(key("del", 1))).hasItem()).isFalse();
    }

    @Test
    void keysMustMatchTheSchema() {
        assertThatThrownBy(() -> dynamo.getItem(r -> r.tableName(table).key(Map.of("pk", s("x")))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("The provided key element does not match the schema");
        assertThatThrownBy(() -> dynamo.getItem(r -> r.tableName(table).key(Map.of("pk", s("x"), "sk", s("1")))))
                .hasMessageContaining("The provided key element does not match the schema");
        assertThatThrownBy(() -> dynamo.putItem(r -> r.tableName(table).item(Map.of("pk", s("x")))))
                .hasMessageContaining("Missing the key sk in the item");
        assertThatThrownBy(() -> dynamo.putItem(r -> r.tableName(table).item(Map.of("pk", s("x"), "sk", s("1")))))
                .hasMessageContaining("Type mismatch for key sk expected: N actual: S");
        assertThatThrownBy(() -> dynamo.putItem(r -> r.tableName(table).item(Map.of("pk", s(""), "sk", n(1)))))
                .hasMessageContaining("The AttributeValue for a key attribute cannot contain an empty string value. Key: pk");
        assertThatThrownBy(() -> dynamo.putItem(r -> r.tableName(table).item(Map.of("pk", s("x".repeat(2049)), "sk", n(1)))))
                .hasMessageContaining("Size of hashkey has exceeded the maximum size limit of2048 bytes");
    }

    @Test
    void itemsOver400KbAreRejected() {
        String big = "x".repeat(400 * 1024);
        assertThatThrownBy(() -> dynamo.putItem(r -> r.tableName(table).item(item(attr("pk", s("big")), attr("sk", n(1)),
                attr("data", s(big))))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("Item size has exceeded the maximum allowed size");
        // just under the limit is fine: name sizes count too
        String fits = "x".repeat(400 * 1024 - 20);
        dynamo.putItem(r -> r.tableName(table).item(item(attr("pk", s("big")), attr("sk", n(1)), attr("data", s(fits)))));
    }

    @Test
    void numbersFollowDynamoDbLimits() {
        assertThatThrownBy(() -> dynamo.putItem(r -> r.tableName(table).item(item(attr("pk", s("num")), attr("sk", n(1)),
                attr("v", n("1" + "0".repeat(38) + "1"))))))
                .hasMessageContaining("Attempting to store more than 38 significant digits in a Number");
        assertThatThrownBy(() -> dynamo.putItem(r -> r.tableName(table).item(item(attr("pk", s("num")), attr("sk", n(1)),
                attr("v", n("1E+126"))))))
                .hasMessageContaining("Number overflow");
        assertThatThrownBy(() -> dynamo.putItem(r -> r.tableName(table).item(item(attr("pk", s("num")), attr("sk", n(1)),
                attr("v", n("abc"))))))
                .hasMessageContaining("The parameter cannot be converted to a numeric value");
        dynamo.putItem(r -> r.tableName(table).item(item(attr("pk", s("num")), attr("sk", n(1)), attr("v", n("+3")))));
        assertThat(dynamo.getItem(r -> r.tableName(table).key(key("num", 1))).item().get("v").n()).isEqualTo("3");
    }

    @Test
    void setsMustNotBeEmptyOrHoldDuplicates() {
        assertThatThrownBy(() -> dynamo.putItem(r -> r.tableName(table).item(item(attr("pk", s("set")), attr("sk", n(1)),
                attr("v", AttributeValue.fromSs(List.of("a", "a")))))))
                .hasMessageContaining("contains duplicates");
        assertThatThrownBy(() -> dynamo.putItem(r -> r.tableName(table).item(item(attr("pk", s("set")), attr("sk", n(1)),
                attr("v", AttributeValue.fromSs(List.of()))))))
                .hasMessageContaining("may not be empty");
    }

    @Test
    void missingTableIsResourceNotFound() {
        assertThatThrownBy(() -> dynamo.getItem(r -> r.tableName("no-such-table").key(key("x", 1))))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void unusedExpressionValuesAreRejected() {
        assertThatThrownBy(() -> dynamo.putItem(r -> r.tableName(table).item(key("unused", 1))
                .conditionExpression("attribute_not_exists(pk)").expressionAttributeValues(Map.of(":x", n(1)))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("Value provided in ExpressionAttributeValues unused in expressions: keys: {:x}");
        assertThatThrownBy(() -> dynamo.putItem(r -> r.tableName(table).item(key("unused", 1))
                .expressionAttributeValues(Map.of(":x", n(1)))))
                .hasMessageContaining("ExpressionAttributeValues can only be specified when using expressions: "
                        + "ConditionExpression is null");
    }

    @Test
    void projectionAndLegacyAttributesToGetSelectAttributes() {
        dynamo.putItem(r -> r.tableName(table).item(item(attr("pk", s("proj")), attr("sk", n(1)), attr("a", n(1)),
                attr("b", AttributeValue.fromM(Map.of("c", n(2), "d", n(3)))))));
        Map<String, AttributeValue> projected = dynamo.getItem(r -> r.tableName(table).key(key("proj", 1))
                .projectionExpression("a, b.c")).item();
        assertThat(projected).containsOnlyKeys("a", "b");
        assertThat(projected.get("b").m()).containsOnlyKeys("c");
        Map<String, AttributeValue> legacy = dynamo.getItem(r -> r.tableName(table).key(key("proj", 1))
                .attributesToGet("a")).item();
        assertThat(legacy).containsOnlyKeys("a");
    }
}
