package com.tradebot.dynamodb.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.tradebot.dynamodb.DynamoDbException;
import com.tradebot.dynamodb.value.AttributeValue;
import com.tradebot.dynamodb.value.AttributeValueJson;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed, validating access to a request body (or a nested structure of it).
 * Constraint errors use DynamoDB's wording: "1 validation error detected: Value ... at 'field' failed to satisfy constraint: ...".
 */
public final class Request {
    private final JsonNode node;
    /** Where this structure sits in the request, for error messages only: built on demand (see {@link #path()}). */
    private final Request parent;
    private final String field;
    private String path;
    private final byte[] fieldDigest;

    public Request(JsonNode node) {
        this(node, null, null, null);
    }

    /** A request body with the digest of the field its operation asked for (see Operation#digestedField). */
    public Request(JsonNode node, byte[] fieldDigest) {
        this(node, null, null, fieldDigest);
    }

    private Request(JsonNode node, Request parent, String field, byte[] fieldDigest) {
        this.node = node == null ? MissingNode.getInstance() : node;
        this.parent = parent;
        this.field = field;
        this.fieldDigest = fieldDigest;
    }

    /** The digest taken while parsing (see Json#parse(byte[], String)), or null. */
    public byte[] fieldDigest() {
        return fieldDigest;
    }

    /** "" at the top, else e.g. "transactItems.member.put." (DynamoDB's spelling in constraint messages). */
    private String path() {
        if (path == null) {
            path = parent == null ? "" : parent.fieldPath(field) + ".";
        }
        return path;
    }

    public JsonNode json() {
        return node;
    }

    public boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    /** True when any of the fields is present (not null): one pass over the request's fields, for the usual absent case. */
    public boolean hasAny(java.util.Set<String> fields) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (fields.contains(e.getKey()) && !e.getValue().isNull()) {
                return true;
            }
        }
        return false;
    }

    public JsonNode get(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    public Request nested(String field) {
        JsonNode value = get(field);
        if (value != null && !value.isObject()) {
            throw DynamoDbException.serialization("Unexpected value type for " + field + ": expected a structure");
        }
        return value == null ? null : new Request(value, this, field, null);
    }

    public Request wrap(JsonNode value, String field) {
        return new Request(value, this, field, null);
    }

    public String string(String field) {
        JsonNode value = get(field);
        if (value == null) {
            return null;
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isNumber() || value.isBoolean()) {
            return value.asText();
        }
        throw DynamoDbException.serialization("Unexpected value type for " + field + ": expected a string");
    }

    public String requiredString(String field) {
        String value = string(field);
        if (value == null) {
            throw constraint(field, null, "Member must not be null");
        }
        return value;
    }

    /** A string restricted to the given values (DynamoDB enums). */
    public String enumValue(String field, List<String> allowed) {
        String value = string(field);
        if (value != null && !allowed.contains(value)) {
            throw constraint(field, value, "Member must satisfy enum value set: " + allowed);
        }
        return value;
    }

    public Integer integer(String field) {
        JsonNode value = get(field);
        if (value == null) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToInt()) {
            return value.intValue();
        }
        if (value.isTextual()) {
            try {
                return Integer.parseInt(value.textValue());
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw DynamoDbException.serialization("Unexpected value type for " + field + ": expected an integer");
    }

    public Long longValue(String field) {
        JsonNode value = get(field);
        if (value == null) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        throw DynamoDbException.serialization("Unexpected value type for " + field + ": expected a number");
    }

    public boolean bool(String field, boolean fallback) {
        JsonNode value = get(field);
        if (value == null) {
            return fallback;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual() && ("true".equals(value.textValue()) || "false".equals(value.textValue()))) {
            return Boolean.parseBoolean(value.textValue());
        }
        throw DynamoDbException.serialization("Unexpected value type for " + field + ": expected a boolean");
    }

    public JsonNode array(String field) {
        JsonNode value = get(field);
        if (value != null && !value.isArray()) {
            throw DynamoDbException.serialization("Unexpected value type for " + field + ": expected a list");
        }
        return value;
    }

    public Map<String, AttributeValue> item(String field) {
        JsonNode value = get(field);
        if (value instanceof ItemNode read) {
            return read.item(); // read while parsing (Json#parseRequest), unmodifiable
        }
        return value == null ? null : AttributeValueJson.readItem(value);
    }

    /** An item or key the operation cannot do without: absent is DynamoDB's "Member must not be null". */
    public Map<String, AttributeValue> requiredItem(String field) {
        Map<String, AttributeValue> value = item(field);
        if (value == null) {
            throw constraint(field, null, "Member must not be null");
        }
        return value;
    }

    public Map<String, String> stringMap(String field) {
        JsonNode value = get(field);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            throw DynamoDbException.serialization("Unexpected value type for " + field + ": expected a map");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : value.properties()) {
            if (!e.getValue().isTextual()) {
                throw DynamoDbException.serialization("Unexpected value type in " + field + ": expected a string");
            }
            map.put(e.getKey(), e.getValue().textValue());
        }
        return map;
    }

    /** TableName: 3..255 characters of [a-zA-Z0-9_.-] (checked without a regex: this runs on every request). */
    public String tableName(String field) {
        String name = requiredString(field);
        if (name.length() < 3 || name.length() > 255) {
            throw DynamoDbException.validation(field + " must be at least 3 characters long and at most 255 characters long");
        }
        checkName(field, name);
        return name;
    }

    public void checkName(String field, String name) {
        if (name.length() < 3) {
            throw constraint(field, name, "Member must have length greater than or equal to 3");
        }
        if (name.length() > 255) {
            throw constraint(field, name, "Member must have length less than or equal to 255");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '.' || c == '-';
            if (!ok) {
                throw constraint(field, name, "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
            }
        }
    }

    public DynamoDbException constraint(String field, Object value, String constraint) {
        return constraintError(fieldPath(field), value, constraint);
    }

    public static DynamoDbException constraintError(String path, Object value, String constraint) {
        String shown = value == null ? "null" : "'" + value + "'";
        return DynamoDbException.validation("1 validation error detected: Value " + shown + " at '" + path
                + "' failed to satisfy constraint: " + constraint);
    }

    private String fieldPath(String field) {
        return path() + Character.toLowerCase(field.charAt(0)) + field.substring(1);
    }
}
