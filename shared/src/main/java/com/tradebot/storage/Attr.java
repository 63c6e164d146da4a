package com.tradebot.storage;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Short constructors and readers for DynamoDB attribute values, used by the repository adapters. */
public final class Attr {
    private Attr() {
    }

    public static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }

    public static AttributeValue n(long value) {
        return AttributeValue.builder().n(Long.toString(value)).build();
    }

    public static AttributeValue n(BigDecimal value) {
        return AttributeValue.builder().n(value.toPlainString()).build();
    }

    public static AttributeValue bool(boolean value) {
        return AttributeValue.builder().bool(value).build();
    }

    public static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    public static long num(Map<String, AttributeValue> item, String name, long defaultValue) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? defaultValue : Long.parseLong(value.n());
    }

    public static BigDecimal decimal(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? null : new BigDecimal(value.n());
    }

    public static boolean flag(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value != null && Boolean.TRUE.equals(value.bool());
    }

    public static Instant instant(Map<String, AttributeValue> item, String name) {
        String value = str(item, name);
        return value == null ? null : Instant.parse(value);
    }
}
