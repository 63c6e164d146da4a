package com.tradebot.dynamodb.expr;

import com.tradebot.dynamodb.DynamoDbException;
import com.tradebot.dynamodb.value.AttributeValue;
import com.tradebot.dynamodb.value.Bytes;
import org.assertj.core.api.ThrowableAssert;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Short builders for attribute values and items in tests. */
final class Values {
    private Values() {
    }

    static AttributeValue s(String v) {
        return new AttributeValue.S(v);
    }

    static AttributeValue n(String v) {
        return AttributeValue.n(v);
    }

    static AttributeValue n(long v) {
        return AttributeValue.n(v);
    }

    static AttributeValue b(int... bytes) {
        byte[] data = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            data[i] = (byte) bytes[i];
        }
        return new AttributeValue.B(Bytes.of(data));
    }

    static AttributeValue bool(boolean v) {
        return v ? AttributeValue.TRUE : AttributeValue.FALSE;
    }

    static AttributeValue nul() {
        return AttributeValue.NULL;
    }

    static AttributeValue l(AttributeValue... values) {
        return new AttributeValue.L(List.of(values));
    }

    static AttributeValue m(Object... keysAndValues) {
        return new AttributeValue.M(item(keysAndValues));
    }

    static AttributeValue ss(String... values) {
        return new AttributeValue.SS(new LinkedHashSet<>(List.of(values)));
    }

    static AttributeValue ns(long... values) {
        return new AttributeValue.NS(Arrays.stream(values).mapToObj(BigDecimal::valueOf)
                .collect(Collectors.toCollection(LinkedHashSet::new)));
    }

    static AttributeValue bs(Bytes... values) {
        return new AttributeValue.BS(new LinkedHashSet<>(List.of(values)));
    }

    /** item("a", s("x"), "b", n(1)) */
    static Map<String, AttributeValue> item(Object... keysAndValues) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            item.put((String) keysAndValues[i], (AttributeValue) keysAndValues[i + 1]);
        }
        return item;
    }

    static Map<String, String> names(String... pairs) {
        Map<String, String> names = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            names.put(pairs[i], pairs[i + 1]);
        }
        return names;
    }

    static void assertValidation(ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call)
                .isInstanceOf(DynamoDbException.class)
                .hasMessage(message)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((DynamoDbException) e).type())
                        .isEqualTo("ValidationException"));
    }
}
