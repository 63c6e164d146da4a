package com.tradebot.dynamodb.expr;

import com.tradebot.dynamodb.value.AttributeValue;
import com.tradebot.dynamodb.value.Bytes;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static com.tradebot.dynamodb.expr.Values.assertValidation;
import static com.tradebot.dynamodb.expr.Values.bs;
import static com.tradebot.dynamodb.expr.Values.item;
import static com.tradebot.dynamodb.expr.Values.l;
import static com.tradebot.dynamodb.expr.Values.m;
import static com.tradebot.dynamodb.expr.Values.n;
import static com.tradebot.dynamodb.expr.Values.names;
import static com.tradebot.dynamodb.expr.Values.ns;
import static com.tradebot.dynamodb.expr.Values.s;
import static com.tradebot.dynamodb.expr.Values.ss;
import static org.assertj.core.api.Assertions.assertThat;

class UpdateExpressionTest {

    private static Map<String, AttributeValue> update(Map<String, AttributeValue> item, String expression,
                                                      Object... values) {
        return new ExpressionContext(names("#n", "name", "#x", "x"), item(values)).update(expression).apply(item);
    }

    private static void assertUpdateError(Map<String, AttributeValue> item, String expression, String message,
                                          Object... values) {
        assertValidation(() -> update(item, expression, values), message);
    }

    @Test
    void setsTopLevelAttributesAndLeavesInputUntouched() {
        Map<String, AttributeValue> before = item("pk", s("p"), "a", s("hi"));
        Map<String, AttributeValue> after = update(before, "SET b = :v, a = :w", ":v", n(4), ":w", s("hey"));
        assertThat(after).isEqualTo(item("pk", s("p"), "a", s("hey"), "b", n(4)));
        assertThat(before).isEqualTo(item("pk", s("p"), "a", s("hi")));
    }

    @Test
    void acceptsClauseKeywordsInAnyCaseAndWhitespace() {
        Map<String, AttributeValue> after = update(item("pk", s("p")), "  sEt   b=:v  ", ":v", n(5));
        assertThat(after).containsEntry("b", n(5));
    }

    @Test
    void copiesAttributesReadFromTheOriginalItem() {
        Map<String, AttributeValue> item = item("pk", s("p"), "a", s("hello"));
        assertThat(update(item, "SET b = a")).containsEntry("b", s("hello"));
        assertThat(update(item, "REMOVE a SET b = a")).isEqualTo(item("pk", s("p"), "b", s("hello")));
        assertThat(update(item("name", s("joe")), "SET #x = #n")).isEqualTo(item("name", s("joe"), "x", s("joe")));
    }

    @Test
    void refusesCopyOfMissingAttribute() {
        String message = "The provided expression refers to an attribute that does not exist in the item";
        assertUpdateError(item("pk", s("p")), "SET c = z", message);
        assertUpdateError(item("pk", s("p")), "SET x = :v, y = x", message, ":v", n(4));
        assertUpdateError(item("pk", s("p")), "SET a = b + :v", message, ":v", n(1));
        assertUpdateError(item("pk", s("p")), "SET a = list_append(b, :v)", message, ":v", l());
    }

    @Test
    void addsAndSubtractsNumbers() {
        Map<String, AttributeValue> item = item("a", n(2), "b", n("0.1"));
        assertThat(update(item, "SET a = a + :v", ":v", n(3))).containsEntry("a", n(5));
        assertThat(update(item, "SET a = :v - a", ":v", n(7))).containsEntry("a", n(5));
        assertThat(update(item, "SET c = a + b")).containsEntry("c", n("2.1"));
        assertThat(update(item, "SET c = (a) + :v", ":v", n(1))).containsEntry("c", n(3));
        assertThat(update(item, "SET c = (a + :v)", ":v", n(1))).containsEntry("c", n(3));
        assertThat(update(item, "SET c = if_not_exists(c, :zero) + :one", ":zero", n(0), ":one", n(1)))
                .containsEntry("c", n(1));
    }

    @Test
    void refusesArithmeticOnNonNumbers() {
        assertUpdateError(item("a", s("x")), "SET b = a + :v",
                "An operand in the update expression has an incorrect data type", ":v", n(1));
        assertUpdateError(item(), "SET b = :v + :w",
                "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: +, "
                        + "operand type: S", ":v", s("dog"), ":w", n(3));
        assertUpdateError(item(), "SET b = :v - :w",
                "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: -, "
                        + "operand type: L", ":v", n(1), ":w", l());
    }

    @Test
    void reportsNumberOverflowFromArithmetic() {
        assertUpdateError(item("a", n("9.9999999999999999999999999999999999999E+125")), "SET a = a + :v",
                "Number overflow. Attempting to store a number with magnitude larger than supported range",
                ":v", n("9.9999999999999999999999999999999999999E+125"));
    }

    @Test
    void appendsLists() {
        Map<String, AttributeValue> item = item("a", l(s("hi"), n(2)));
        assertThat(update(item, "SET a = list_append(a, :v)", ":v", l(n(4))))
                .containsEntry("a", l(s("hi"), n(2), n(4)));
        assertThat(update(item, "SET b = list_append(:v, a)", ":v", l(s("dog"))))
                .containsEntry("b", l(s("dog"), s("hi"), n(2)));
        assertThat(update(item, "SET c = list_append(if_not_exists(c, :empty), :v)", ":empty", l(), ":v", l(n(1))))
                .containsEntry("c", l(n(1)));
        assertUpdateError(item("b", n(7)), "SET a = list_append(b, :v)",
                "An operand in the update expression has an incorrect data type", ":v", l());
    }

    @Test
    void setsOnlyWhenAbsentWithIfNotExists() {
        Map<String, AttributeValue> item = item("a", n(2));
        assertThat(update(item, "SET a = if_not_exists(a, :v)", ":v", n(3))).containsEntry("a", n(2));
        assertThat(update(item, "SET b = if_not_exists(c, :v)", ":v", n(4))).containsEntry("b", n(4));
        assertThat(update(item, "SET b = if_not_exists(a, :v)", ":v", n(4))).containsEntry("b", n(2));
    }

    @Test
    void setsNestedMapAttributesAndListElements() {
        Map<String, AttributeValue> item = item("a", m("b", n(3), "c", l(s("hi"), m("x", m("y", l(n(3), n(5), n(7)))))));
        assertThat(update(item, "SET a.c[1].#x.y[1] = :v", ":v", n(9)).get("a"))
                .isEqualTo(m("b", n(3), "c", l(s("hi"), m("x", m("y", l(n(3), n(9), n(7)))))));
        assertThat(update(item, "SET a.d = :v", ":v", s("dog")).get("a"))
                .isEqualTo(m("b", n(3), "c", l(s("hi"), m("x", m("y", l(n(3), n(5), n(7))))), "d", s("dog")));
        assertThat(update(item, "SET a.z = a.c[1].x.y[2]").get("a")).isEqualTo(
                m("b", n(3), "c", l(s("hi"), m("x", m("y", l(n(3), n(5), n(7))))), "z", n(7)));
        assertThat(item.get("a")).isEqualTo(m("b", n(3), "c", l(s("hi"), m("x", m("y", l(n(3), n(5), n(7)))))));
    }

    @Test
    void appendsWhenSettingPastTheEndOfAList() {
        Map<String, AttributeValue> item = item("a", l(s("one"), s("two"), s("three")));
        assertThat(update(item, "SET a[7] = :v", ":v", s("hello")))
                .containsEntry("a", l(s("one"), s("two"), s("three"), s("hello")));
        assertThat(update(item, "SET a[84] = :v1, a[37] = :v2, a[17] = :v3, a[50] = :v4",
                ":v1", s("a1"), ":v2", s("a2"), ":v3", s("a3"), ":v4", s("a4")))
                .containsEntry("a", l(s("one"), s("two"), s("three"), s("a3"), s("a2"), s("a4"), s("a1")));
    }

    @Test
    void refusesInvalidDocumentPaths() {
        String message = "The document path provided in the update expression is invalid for update";
        Map<String, AttributeValue> item = item("a", s("hello"), "b", l(s("hi")));
        assertUpdateError(item, "SET a.c = :v", message, ":v", n(7));
        assertUpdateError(item, "SET b.c = :v", message, ":v", n(7));
        assertUpdateError(item, "SET c.c = :v", message, ":v", n(7));
        assertUpdateError(item, "SET a[0] = :v", message, ":v", n(7));
        assertUpdateError(item, "SET c[0] = :v", message, ":v", n(7));
        assertUpdateError(item, "REMOVE a.c", message);
        assertUpdateError(item, "REMOVE c.c", message);
        assertUpdateError(item, "REMOVE a[0]", message);
        assertUpdateError(item, "SET b[3].x = :v", message, ":v", n(7));
    }

    @Test
    void removesAttributesNestedAttributesAndListElements() {
        Map<String, AttributeValue> item = item("a", m("b", n(3), "c", l(s("hi"), m("x", m("y", l(n(3), n(5), n(7))), "q", n(2)))));
        assertThat(update(item, "REMOVE a.c[1].x.y[1], a.c[1].q").get("a"))
                .isEqualTo(m("b", n(3), "c", l(s("hi"), m("x", m("y", l(n(3), n(7)))))));
        assertThat(update(item("a", m("b", n(1))), "REMOVE a.b")).containsEntry("a", m());
        assertThat(update(item("a", l(n(1))), "REMOVE a[0]")).containsEntry("a", l());
        assertThat(update(item("pk", s("p"), "a", n(1)), "REMOVE a")).isEqualTo(item("pk", s("p")));
    }

    @Test
    void ignoresRemovalOfMissingLeaves() {
        Map<String, AttributeValue> item = item("a", m("x", n(3)), "b", l(s("hi")));
        assertThat(update(item, "REMOVE a.y, b[7], c")).isEqualTo(item);
        assertThat(update(item(), "REMOVE x.y, z[0]")).isEmpty();
    }

    @Test
    void ignoresNestedRemovalOnANewItemButNotOnAnExistingOne() {
        UpdateExpression update = new ExpressionContext(null, item(":v", n(1))).update("SET a = :v REMOVE x.y");
        assertThat(update.applyToNewItem(item("pk", s("p")))).isEqualTo(item("pk", s("p"), "a", n(1)));
        assertValidation(() -> update.apply(item("pk", s("p"))),
                "The document path provided in the update expression is invalid for update");
    }

    @Test
    void removesListElementsByOriginalPosition() {
        Map<String, AttributeValue> item = item("a", l(n(2), n(3), n(4), n(5), n(6), n(7)));
        AttributeValue expected = l(n(2), n(4), n(17), n(6), n(7));
        assertThat(update(item, "REMOVE a[1] SET a[3] = :v", ":v", n(17))).containsEntry("a", expected);
        assertThat(update(item, "SET a[3] = :v REMOVE a[1]", ":v", n(17))).containsEntry("a", expected);
        assertThat(update(item, "REMOVE a[1], a[3]")).containsEntry("a", l(n(2), n(4), n(6), n(7)));
        assertThat(update(item, "REMOVE a[3], a[1]")).containsEntry("a", l(n(2), n(4), n(6), n(7)));
    }

    @Test
    void addsToNumbersAndSets() {
        Map<String, AttributeValue> item = item("a", n(3), "tags", ss("dog", "cat"), "nums", ns(1, 2));
        assertThat(update(item, "ADD a :v", ":v", n(4))).containsEntry("a", n(7));
        assertThat(update(item, "ADD b :v", ":v", n(8))).containsEntry("b", n(8));
        assertThat(update(item, "ADD tags :v", ":v", ss("pig", "cat"))).containsEntry("tags", ss("dog", "cat", "pig"));
        assertThat(update(item, "ADD nums :v", ":v", ns(2, 3))).containsEntry("nums", ns(1, 2, 3));
        assertThat(update(item, "ADD fresh :v", ":v", ss("x"))).containsEntry("fresh", ss("x"));
        Bytes one = Bytes.of(new byte[] {1});
        Bytes two = Bytes.of(new byte[] {2});
        assertThat(update(item("bins", bs(one)), "ADD bins :v", ":v", bs(two))).containsEntry("bins", bs(one, two));
    }

    @Test
    void refusesAddOfMismatchedTypes() {
        String message = "An operand in the update expression has an incorrect data type";
        assertUpdateError(item("b", s("hi")), "ADD b :v", message, ":v", n(1));
        assertUpdateError(item("a", ss("x")), "ADD a :v", message, ":v", ns(1));
        assertUpdateError(item("a", l(n(1))), "ADD a :v", message, ":v", ns(3));
        assertUpdateError(item(), "ADD a :v",
                "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: STRING",
                ":v", s("hello"));
        assertUpdateError(item(), "ADD a :v",
                "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: LIST",
                ":v", l(n(3)));
    }

    @Test
    void deletesFromSetsAndDropsEmptiedSets() {
        Map<String, AttributeValue> item = item("pk", s("p"), "a", ss("dog", "cat", "mouse"), "nums", ns(1, 2));
        assertThat(update(item, "DELETE a :v", ":v", ss("cat", "mouse"))).containsEntry("a", ss("dog"));
        assertThat(update(item, "DELETE a :v", ":v", ss("pig"))).containsEntry("a", ss("dog", "cat", "mouse"));
        assertThat(update(item, "DELETE a :v", ":v", ss("dog", "cat", "mouse")))
                .isEqualTo(item("pk", s("p"), "nums", ns(1, 2)));
        assertThat(update(item, "DELETE absent :v", ":v", ss("dog"))).isEqualTo(item);
        assertThat(update(item, "DELETE nums :v", ":v", ns(2))).containsEntry("nums", ns(1));
        assertUpdateError(item, "DELETE nums :v", "An operand in the update expression has an incorrect data type",
                ":v", ss("1"));
        assertUpdateError(item, "DELETE a :v",
                "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER",
                ":v", n(1));
    }

    @Test
    void keepsDottedNameBehindReference() {
        Map<String, AttributeValue> after = new ExpressionContext(names("#a", "a.b"), item(":v", n(3)))
                .update("SET #a = :v").apply(item());
        assertThat(after).isEqualTo(item("a.b", n(3)));
    }

    @Test
    void reportsUpdatedTopLevelAttributesAndPaths() {
        UpdateExpression update = new ExpressionContext(null, item(":v", n(1), ":s", ss("x")))
                .update("SET a.b = :v, c = :v REMOVE d[1] ADD e :v DELETE f :s");
        assertThat(update.topLevelAttributes()).containsExactlyInAnyOrder("a", "c", "d", "e", "f");
        Map<String, AttributeValue> item = item("a", m("b", n(5), "z", n(6)), "d", l(n(0), n(1), n(2)), "g", n(9));
        assertThat(update.projectUpdated(item)).isEqualTo(item("a", m("b", n(5)), "d", l(n(1))));
        assertThat(update.projectUpdated(update.apply(item)))
                .isEqualTo(item("a", m("b", n(1)), "c", n(1), "d", l(n(2)), "e", n(1)));
    }
}
