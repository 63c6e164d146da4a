package com.tradebot.dynamodb.conformance.types;

import static com.tradebot.dynamodb.conformance.support.Values.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.tradebot.dynamodb.conformance.support.ConformanceTest;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Value rules: number form and range, sets, empty values, item and key size limits. */
class TypesAndLimitsTest extends ConformanceTest {
    private static final Map<String, AttributeValue> KEY = item("pk", s("k"));
    private String table;

    @BeforeEach
    void table() {
        table = createTable("pk", ScalarAttributeType.S);
    }

    private AttributeValue roundTrip(AttributeValue value) {
        put(table, item("pk", s("k"), "v", value));
        return get(table, KEY).get("v");
    }

    @ParameterizedTest(name = "{0} is stored as {1}")
    @CsvSource({
            "0010.500, 10.5", "1E2, 100", "-0, 0", "0.0, 0", "1.0e-5, 0.00001", "-00.25, -0.25", "5e0, 5",
            "12345678901234567890123456789012345678, 12345678901234567890123456789012345678",
            "1E+45, 1000000000000000000000000000000000000000000000",
            "9.9999999999999999999999999999999999999E+125, 999999999999999999999999999999999999990000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
            "1E-130, 0.0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001",
    })
    void numbersAreNormalised(String sent, String stored) {
        assertThat(roundTrip(n(sent)).n()).isEqualTo(stored);
    }

    @Test
    void numberSetsAreNormalisedToo() {
        assertThat(roundTrip(ns("1.50", "02")).ns()).containsExactlyInAnyOrder("1.5", "2");
    }

    @Test
    void moreThan38SignificantDigitsAreRejected() {
        assertValidation("Attempting to store more than 38 significant digits in a Number",
                () -> roundTrip(n("123456789012345678901234567890123456789")));
        assertValidation("Attempting to store more than 38 significant digits in a Number",
                () -> roundTrip(n("3.14159265358979323846264338327950288419")));
    }

    @Test
    void tooLargeAndTooSmallMagnitudesAreRejected() {
        assertValidation("Number overflow. Attempting to store a number with magnitude larger than supported range",
                () -> roundTrip(n("1E126")));
        assertValidation("Number underflow. Attempting to store a number with magnitude smaller than supported range",
                () -> roundTrip(n("1E-131")));
    }

    @Test
    void notANumberIsRejected() {
        assertValidation("The parameter cannot be converted to a numeric value: abc", () -> roundTrip(n("abc")));
    }

    @Test
    void emptySetsAreRejected() {
        assertValidation("One or more parameter values were invalid: An string set  may not be empty", () -> roundTrip(ss()));
        assertValidation("One or more parameter values were invalid: An number set  may not be empty", () -> roundTrip(ns()));
        assertValidation("One or more parameter values were invalid: Binary sets should not be empty", () -> roundTrip(bs()));
    }

    @Test
    void duplicatesInSetsAreRejected() {
        assertValidation("One or more parameter values were invalid: Input collection [a, a] contains duplicates.",
                () -> roundTrip(ss("a", "a")));
    }

    @Test
    void nullMustBeTrue() {
        assertValidation("One or more parameter values were invalid: Null attribute value types must have the value of true",
                () -> roundTrip(AttributeValue.fromNul(false)));
    }

    @Test
    void anEmptyAttributeValueIsRejected() {
        assertValidation("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes",
                () -> roundTrip(AttributeValue.builder().build()));
    }

    @Test
    void emptyStringsAndBinariesAreAllowedOutsideKeys() {
        assertThat(roundTrip(s(""))).isEqualTo(s(""));
        assertThat(roundTrip(b(new byte[0])).b().asByteArray()).isEmpty();
        assertThat(roundTrip(l(s(""), m("e", s(""))))).isEqualTo(l(s(""), m("e", s(""))));
    }

    @Test
    void emptyBinaryKeyIsRejected() {
        String binaryTable = createTable("pk", ScalarAttributeType.B);
        assertValidation("One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain "
                        + "an empty binary value. Key: pk",
                () -> put(binaryTable, item("pk", b(new byte[0]))));
    }

    @Test
    @Tag("beyond-dynalite") // dynalite accepts empty strings in index keys
    void emptyStringInAnIndexKeyIsRejected() {
        String indexed = createTable(b -> b
                .attributeDefinitions(attribute("pk", ScalarAttributeType.S), attribute("g", ScalarAttributeType.S))
                .keySchema(hash("pk"))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byG").keySchema(hash("g"))
                        .projection(p -> p.projectionType(ProjectionType.ALL)).build()));
        assertValidationStartsWith("One or more parameter values are not valid. A value specified for a secondary index key is not supported.",
                () -> put(indexed, item("pk", s("a"), "g", s(""))));
    }

    @Test
    void indexKeyOfTheWrongTypeIsRejected() {
        String indexed = createTable(b -> b
                .attributeDefinitions(attribute("pk", ScalarAttributeType.S), attribute("g", ScalarAttributeType.S))
                .keySchema(hash("pk"))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byG").keySchema(hash("g"))
                        .projection(p -> p.projectionType(ProjectionType.ALL)).build()));
        assertValidation("One or more parameter values were invalid: Type mismatch for Index Key g Expected: S Actual: N IndexName: byG",
                () -> put(indexed, item("pk", s("a"), "g", n(1))));
    }

    @Test
    void itemOfExactly400KbIsAcceptedAndOneByteMoreIsRejected() {
        // item size = attribute name lengths + value lengths in UTF-8: "pk" + "k" + "x" + value
        int limit = 400 * 1024;
        String fits = "a".repeat(limit - 4);
        put(table, item("pk", s("k"), "x", s(fits)));
        assertThat(get(table, KEY).get("x").s()).hasSize(limit - 4);
        assertValidation("Item size has exceeded the maximum allowed size",
                () -> put(table, item("pk", s("k2"), "x", s(fits + "a"))));
    }

    @Test
    @Tag("beyond-dynalite") // dynalite counts UTF-16 units
    void multiByteCharactersCountByTheirUtf8Length() {
        int limit = 400 * 1024;
        String euros = "\u20ac".repeat((limit - 4) / 3 + 1); // 3 bytes each in UTF-8, one character over the limit
        assertValidation("Item size has exceeded the maximum allowed size", () -> put(table, item("pk", s("k"), "x", s(euros))));
    }

    @Test
    void updateThatGrowsAnItemPastTheLimitIsRejected() {
        String half = "a".repeat(250_000);
        put(table, item("pk", s("k"), "x", s(half)));
        assertValidation("Item size to update has exceeded the maximum allowed size",
                () -> db.updateItem(r -> r.tableName(table).key(KEY).updateExpression("SET y = :v")
                        .expressionAttributeValues(Map.of(":v", s(half)))));
    }

    @Test
    void partitionKeyOf2048BytesIsAcceptedAndLongerIsRejected() {
        put(table, item("pk", s("p".repeat(2048))));
        assertValidation("One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes",
                () -> put(table, item("pk", s("p".repeat(2049)))));
    }

    @Test
    void sortKeyOf1024BytesIsAcceptedAndLongerIsRejected() {
        String ranged = createTable("pk", ScalarAttributeType.S, "sk", ScalarAttributeType.S);
        put(ranged, item("pk", s("a"), "sk", s("s".repeat(1024))));
        assertValidation("One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes",
                () -> put(ranged, item("pk", s("a"), "sk", s("s".repeat(1025)))));
    }

    @Test
    void numericKeysAreEqualWhateverTheirSpelling() {
        String numeric = createTable("pk", ScalarAttributeType.N);
        put(numeric, item("pk", n("1.0"), "v", s("first")));
        put(numeric, item("pk", n("1"), "v", s("second")));
        assertThat(scanAll(numeric)).hasSize(1);
        assertThat(get(numeric, item("pk", n("10E-1"))).get("v")).isEqualTo(s("second"));
    }

    @Test
    void binaryKeysCompareByBytes() {
        String binary = createTable("pk", ScalarAttributeType.B);
        put(binary, item("pk", b(new byte[] {0, (byte) 0xff}), "v", s("x")));
        assertThat(get(binary, item("pk", b(new byte[] {0, (byte) 0xff})))).isNotNull();
        assertThat(get(binary, item("pk", b(new byte[] {0, (byte) 0xfe})))).isNull();
    }

    @Test
    void stringsKeepEveryCodePoint() {
        String text = "nul\u0000 tab\t emoji\ud83d\ude00 accents\u00e9\u00e8 cjk\u4e2d";
        put(table, item("pk", s(text), "v", s(text)));
        assertThat(get(table, item("pk", s(text))).get("v").s()).isEqualTo(text);
    }

    @Test
    void deeplyNestedDocumentsRoundTrip() {
        AttributeValue nested = s("leaf");
        for (int depth = 0; depth < 30; depth++) {
            nested = depth % 2 == 0 ? l(nested) : m("d" + depth, nested);
        }
        assertThat(roundTrip(nested)).isEqualTo(nested);
    }
}
