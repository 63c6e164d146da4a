package com.tradebot.dynamodb.conformance.items;

import static com.tradebot.dynamodb.conformance.support.Values.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.tradebot.dynamodb.conformance.support.ConformanceTest;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class UpdateItemTest extends ConformanceTest {
    private static final Map<String, AttributeValue> KEY = item("pk", s("k"));
    private String table;

    @BeforeEach
    void table() {
        table = createTable("pk", ScalarAttributeType.S);
    }

    private Map<String, AttributeValue> update(String expression, Map<String, AttributeValue> values) {
        db.updateItem(r -> r.tableName(table).key(KEY).updateExpression(expression)
                .expressionAttributeValues(values.isEmpty() ? null : values));
        return get(table, KEY);
    }

    @Test
    void setOnAMissingItemCreatesIt() {
        assertThat(update("SET a = :a", Map.of(":a", s("x")))).isEqualTo(item("pk", s("k"), "a", s("x")));
    }

    @Test
    @Tag("beyond-dynalite") // dynalite creates the item
    void removeOnlyUpdateOfAMissingItemDoesNotCreateIt() {
        db.updateItem(r -> r.tableName(table).key(KEY).updateExpression("REMOVE a"));
        assertThat(get(table, KEY)).isNull();
    }

    @Test
    void updateWithoutExpressionCreatesTheKeyOnlyItem() {
        db.updateItem(r -> r.tableName(table).key(KEY));
        assertThat(get(table, KEY)).isEqualTo(KEY);
    }

    @Test
    void allFourClauses() {
        put(table, item("pk", s("k"), "gone", s("x"), "count", n(1), "tags", ss("a", "b", "c")));
        db.updateItem(r -> r.tableName(table).key(KEY)
                .updateExpression("SET title = :t REMOVE gone ADD #c :one DELETE tags :ab")
                .expressionAttributeNames(names("#c", "count"))
                .expressionAttributeValues(Map.of(":t", s("T"), ":one", n(1), ":ab", ss("a", "b"))));
        assertThat(get(table, KEY)).isEqualTo(item("pk", s("k"), "count", n(2), "tags", ss("c"), "title", s("T")));
    }

    @Test
    void arithmeticKeepsExactDecimals() {
        put(table, item("pk", s("k"), "price", n("0.1")));
        assertThat(update("SET price = price + :d", Map.of(":d", n("0.2"))).get("price")).isEqualTo(n("0.3"));
        assertThat(update("SET price = price - :d", Map.of(":d", n("1"))).get("price")).isEqualTo(n("-0.7"));
    }

    @Test
    void addCreatesNumbersAndSets() {
        var after = update("ADD tally :five, colours :red", Map.of(":five", n(5), ":red", ss("red")));
        assertThat(after.get("tally")).isEqualTo(n(5));
        assertThat(after.get("colours").ss()).containsExactly("red");
        after = update("ADD tally :five, colours :more", Map.of(":five", n(-2), ":more", ss("red", "blue")));
        assertThat(after.get("tally")).isEqualTo(n(3));
        assertThat(after.get("colours").ss()).containsExactlyInAnyOrder("red", "blue");
    }

    @Test
    void deletingEverySetElementRemovesTheAttribute() {
        put(table, item("pk", s("k"), "nums", ns("1", "2")));
        assertThat(update("DELETE nums :all", Map.of(":all", ns("1", "2", "3")))).doesNotContainKey("nums");
    }

    @Test
    void ifNotExistsOnlySetsMissingAttributes() {
        var after = update("SET a = if_not_exists(a, :zero) + :one", Map.of(":zero", n(0), ":one", n(1)));
        assertThat(after.get("a")).isEqualTo(n(1));
        after = update("SET a = if_not_exists(a, :zero) + :one", Map.of(":zero", n(0), ":one", n(1)));
        assertThat(after.get("a")).isEqualTo(n(2));
    }

    @Test
    void listAppendAtEitherEnd() {
        put(table, item("pk", s("k"), "things", l(n(2))));
        var after = update("SET things = list_append(:front, things)", Map.of(":front", l(n(1))));
        after = update("SET things = list_append(things, :back)", Map.of(":back", l(n(3), n(4))));
        assertThat(after.get("things")).isEqualTo(l(n(1), n(2), n(3), n(4)));
    }

    @Test
    void listIndexesSetAndRemove() {
        put(table, item("pk", s("k"), "things", l(s("a"), s("b"), s("c"))));
        assertThat(update("SET things[1] = :x", Map.of(":x", s("X"))).get("things")).isEqualTo(l(s("a"), s("X"), s("c")));
        // an index past the end appends
        assertThat(update("SET things[10] = :y", Map.of(":y", s("Y"))).get("things")).isEqualTo(l(s("a"), s("X"), s("c"), s("Y")));
        // removing shifts the rest down
        assertThat(update("REMOVE things[0]", Map.of()).get("things")).isEqualTo(l(s("X"), s("c"), s("Y")));
    }

    @Test
    @Tag("beyond-dynalite") // dynalite applies the indexes one after the other
    void severalIndexesInOneUpdateReferToTheOriginalList() {
        put(table, item("pk", s("k"), "things", l(s("a"), s("b"), s("c"), s("d"))));
        assertThat(update("REMOVE things[0], things[2]", Map.of()).get("things")).isEqualTo(l(s("b"), s("d")));
        assertThat(update("SET things[0] = :x, things[1] = :y", Map.of(":x", s("X"), ":y", s("Y"))).get("things"))
                .isEqualTo(l(s("X"), s("Y")));
    }

    @Test
    void nestedMapPaths() {
        put(table, item("pk", s("k"), "profile", m("address", m("city", s("Paris")))));
        var after = update("SET profile.address.zip = :z, profile.age = :a REMOVE profile.address.city",
                Map.of(":z", s("75001"), ":a", n(30)));
        assertThat(after.get("profile")).isEqualTo(m("address", m("zip", s("75001")), "age", n(30)));
    }

    @Test
    void settingUnderAMissingParentIsRejected() {
        put(table, item("pk", s("k")));
        assertValidation("The document path provided in the update expression is invalid for update",
                () -> db.updateItem(r -> r.tableName(table).key(KEY).updateExpression("SET absent.child = :v")
                        .expressionAttributeValues(Map.of(":v", s("x")))));
    }

    @Test
    void updatingAKeyAttributeIsRejected() {
        assertValidation("One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key",
                () -> db.updateItem(r -> r.tableName(table).key(KEY).updateExpression("SET pk = :v")
                        .expressionAttributeValues(Map.of(":v", s("other")))));
    }

    @Test
    void addToAStringIsATypeError() {
        put(table, item("pk", s("k"), "name", s("x")));
        assertValidation("An operand in the update expression has an incorrect data type",
                () -> db.updateItem(r -> r.tableName(table).key(KEY).updateExpression("ADD #n :one")
                        .expressionAttributeNames(names("#n", "name")).expressionAttributeValues(Map.of(":one", n(1)))));
    }

    @Test
    void arithmeticOnAMissingAttributeIsRejected() {
        put(table, item("pk", s("k")));
        assertValidation("The provided expression refers to an attribute that does not exist in the item",
                () -> db.updateItem(r -> r.tableName(table).key(KEY).updateExpression("SET a = b + :one")
                        .expressionAttributeValues(Map.of(":one", n(1)))));
    }

    @Test
    void overlappingPathsAreRejected() {
        assertValidation("Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one "
                        + "of these paths; path one: [a], path two: [a, b]",
                () -> db.updateItem(r -> r.tableName(table).key(KEY).updateExpression("SET a = :v REMOVE a.b")
                        .expressionAttributeValues(Map.of(":v", s("x")))));
    }

    @Test
    void theSameClauseTwiceIsRejected() {
        assertValidation("Invalid UpdateExpression: The \"SET\" section can only be used once in an update expression;",
                () -> db.updateItem(r -> r.tableName(table).key(KEY).updateExpression("SET a = :v SET b = :v")
                        .expressionAttributeValues(Map.of(":v", s("x")))));
    }

    @Test
    void syntaxErrorsAreReported() {
        assertValidationStartsWith("Invalid UpdateExpression: Syntax error;",
                () -> db.updateItem(r -> r.tableName(table).key(KEY).updateExpression("SET a = ")));
    }

    @Test
    void conditionFailureLeavesTheItemUntouched() {
        put(table, item("pk", s("k"), "balance", n(10)));
        assertError(ConditionalCheckFailedException.class, 400, "The conditional request failed",
                () -> db.updateItem(r -> r.tableName(table).key(KEY).updateExpression("SET balance = balance - :amt")
                        .conditionExpression("balance >= :amt").expressionAttributeValues(Map.of(":amt", n(11)))));
        assertThat(get(table, KEY).get("balance")).isEqualTo(n(10));
        db.updateItem(r -> r.tableName(table).key(KEY).updateExpression("SET balance = balance - :amt")
                .conditionExpression("balance >= :amt").expressionAttributeValues(Map.of(":amt", n(10))));
        assertThat(get(table, KEY).get("balance")).isEqualTo(n(0));
    }

    @Test
    @Tag("beyond-dynalite") // dynalite accepts arithmetic results over 38 digits
    void arithmeticOverflowIsRejected() {
        // 9e125 + 9e125 = 1.8e126, above DynamoDB's largest magnitude (just under 1e126)
        assertValidationStartsWith("Number overflow",
                () -> db.updateItem(r -> r.tableName(table).key(KEY).updateExpression("SET big = :x + :x")
                        .expressionAttributeValues(Map.of(":x", n("9E+125")))));
    }

    @Test
    void setCanCopyAnotherAttributeAndReadsHappenBeforeWrites() {
        put(table, item("pk", s("k"), "a", s("hello")));
        assertThat(update("SET b = a", Map.of())).isEqualTo(item("pk", s("k"), "a", s("hello"), "b", s("hello")));
        // "y = x" reads x before "x = :v" writes it, so x does not exist yet
        assertValidation("The provided expression refers to an attribute that does not exist in the item",
                () -> db.updateItem(r -> r.tableName(table).key(KEY).updateExpression("SET x = :v, y = x")
                        .expressionAttributeValues(Map.of(":v", n(4)))));
    }

    @Test
    void keywordsAreCaseInsensitive() {
        assertThat(update("set a = :v remove b", Map.of(":v", n(1)))).isEqualTo(item("pk", s("k"), "a", n(1)));
    }

    @Test
    void listAppendOnANonListIsATypeError() {
        put(table, item("pk", s("k"), "str", s("x")));
        assertValidation("An operand in the update expression has an incorrect data type",
                () -> db.updateItem(r -> r.tableName(table).key(KEY).updateExpression("SET str = list_append(str, :l)")
                        .expressionAttributeValues(Map.of(":l", l(n(1))))));
    }

    @Test
    void deleteFromANonSetIsATypeError() {
        put(table, item("pk", s("k"), "str", s("x")));
        assertValidation("An operand in the update expression has an incorrect data type",
                () -> db.updateItem(r -> r.tableName(table).key(KEY).updateExpression("DELETE str :s")
                        .expressionAttributeValues(Map.of(":s", ss("x")))));
    }

    @Test
    @Tag("beyond-dynalite") // dynalite rejects a leading plus sign
    void aNumberWithALeadingPlusIsAccepted() {
        assertThat(update("SET a = :v", Map.of(":v", n("+3"))).get("a")).isEqualTo(n(3));
    }

    @Test
    void addWithAListOperandIsRejectedStatically() {
        assertValidation("Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: LIST",
                () -> db.updateItem(r -> r.tableName(table).key(KEY).updateExpression("ADD a :l")
                        .expressionAttributeValues(Map.of(":l", l(n(1))))));
    }

    @Test
    void listAppendWithAStringOperandIsRejectedStatically() {
        assertValidation("Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: list_append, operand type: S",
                () -> db.updateItem(r -> r.tableName(table).key(KEY).updateExpression("SET a = list_append(a, :s)")
                        .expressionAttributeValues(Map.of(":s", s("x")))));
    }

    @Test
    void plusWithAStringOperandIsRejectedStatically() {
        assertValidation("Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: +, operand type: S",
                () -> db.updateItem(r -> r.tableName(table).key(KEY).updateExpression("SET a = a + :s")
                        .expressionAttributeValues(Map.of(":s", s("x")))));
    }

    @Test
    void indexIntoANonListIsInvalid() {
        put(table, item("pk", s("k"), "str", s("x")));
        assertValidation("The document path provided in the update expression is invalid for update",
                () -> db.updateItem(r -> r.tableName(table).key(KEY).updateExpression("SET str[0] = :v")
                        .expressionAttributeValues(Map.of(":v", s("y")))));
    }

    @Test
    void nestedNamePlaceholdersAndIndexes() {
        put(table, item("pk", s("k"), "m", m("inner list", l(n(1), n(2)))));
        db.updateItem(r -> r.tableName(table).key(KEY).updateExpression("SET #m.#l[1] = :v")
                .expressionAttributeNames(names("#m", "m", "#l", "inner list")).expressionAttributeValues(Map.of(":v", n(20))));
        assertThat(get(table, KEY).get("m")).isEqualTo(m("inner list", l(n(1), n(20))));
    }

    @Test
    void removingAMissingNestedPathIsANoOp() {
        put(table, item("pk", s("k"), "m", m("a", n(1))));
        assertThat(update("REMOVE m.b, nothere", Map.of())).isEqualTo(item("pk", s("k"), "m", m("a", n(1))));
    }

    @Test
    void numberSetsCompareMembersByValue() {
        put(table, item("pk", s("k"), "nums", ns("1", "2.5")));
        assertThat(update("ADD nums :more", Map.of(":more", ns("1.0", "3"))).get("nums").ns()).containsExactlyInAnyOrder("1", "2.5", "3");
        assertThat(update("DELETE nums :less", Map.of(":less", ns("2.50", "1E0"))).get("nums").ns()).containsExactly("3");
    }

    @Test
    void addingASetOfAnotherTypeIsATypeError() {
        put(table, item("pk", s("k"), "tags", ss("a")));
        assertValidation("An operand in the update expression has an incorrect data type",
                () -> db.updateItem(r -> r.tableName(table).key(KEY).updateExpression("ADD tags :n")
                        .expressionAttributeValues(Map.of(":n", ns("1")))));
    }
}
