package com.tradebot.dynamodb.conformance.support;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Short builders for attribute values so tests read like DynamoDB JSON. */
public final class Values {
    private Values() {
    }

    public static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    public static AttributeValue n(String value) {
        return AttributeValue.fromN(value);
    }

    public static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    public static AttributeValue b(byte... value) {
        return AttributeValue.fromB(SdkBytes.fromByteArray(value));
    }

    public static AttributeValue b(String utf8) {
        return AttributeValue.fromB(SdkBytes.fromString(utf8, StandardCharsets.UTF_8));
    }

    public static AttributeValue bool(boolean value) {
        return AttributeValue.fromBool(value);
    }

    public static AttributeValue nul() {
        return AttributeValue.fromNul(true);
    }

    public static AttributeValue ss(String... values) {
        return AttributeValue.fromSs(Arrays.asList(values));
    }

    public static AttributeValue ns(String... values) {
        return AttributeValue.fromNs(Arrays.asList(values));
    }

    public static AttributeValue bs(byte[]... values) {
        return AttributeValue.fromBs(Arrays.stream(values).map(SdkBytes::fromByteArray).toList());
    }

    public static AttributeValue l(AttributeValue... values) {
        return AttributeValue.fromL(List.of(values));
    }

    public static AttributeValue m(Object... namesAndValues) {
        return AttributeValue.fromM(item(namesAndValues));
    }

    /** {@code item("pk", s("a"), "n", n(1))} — alternating names and values, in order. */
    public static Map<String, AttributeValue> item(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must alternate");
        }
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            item.put((String) namesAndValues[i], (AttributeValue) namesAndValues[i + 1]);
        }
        return item;
    }

    /** {@code names("#a", "a")} — for ExpressionAttributeNames. */
    public static Map<String, String> names(String... placeholdersAndNames) {
        Map<String, String> names = new LinkedHashMap<>();
        for (int i = 0; i < placeholdersAndNames.length; i += 2) {
            names.put(placeholdersAndNames[i], placeholdersAndNames[i + 1]);
        }
        return names;
    }
}
