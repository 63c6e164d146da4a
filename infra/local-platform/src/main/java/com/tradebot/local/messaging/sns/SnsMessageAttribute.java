package com.tradebot.local.messaging.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * One message attribute of a published message.
 *
 * @param dataType    String, Number, Binary or String.Array (a custom suffix after the base type is allowed)
 * @param stringValue the value for every type but Binary
 * @param binaryValue the value for Binary
 */
public record SnsMessageAttribute(String name, String dataType, String stringValue, byte[] binaryValue) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Checks the attribute the way SNS does before it accepts a message. */
    public SnsMessageAttribute {
        if (name == null || name.isBlank() || name.length() > 256 || !name.matches("[A-Za-z0-9_.-]+")
                || name.startsWith(".") || name.endsWith(".") || name.contains("..")
                || name.regionMatches(true, 0, "AWS.", 0, 4) || name.regionMatches(true, 0, "Amazon.", 0, 7)) {
            throw SnsException.invalidAttribute("The message attribute name '" + name + "' is invalid.");
        }
        if (dataType == null || dataType.isBlank()) {
            throw SnsException.invalidAttribute("The message attribute '" + name + "' must contain a data type.");
        }
        switch (baseType(dataType)) {
            case "Binary" -> {
                if (binaryValue == null || binaryValue.length == 0) {
                    throw emptyValue(name, dataType);
                }
            }
            case "String" -> {
                if (stringValue == null || stringValue.isEmpty()) {
                    throw emptyValue(name, dataType);
                }
            }
            case "Number" -> requireNumber(name, stringValue);
            case "String.Array" -> requireArray(name, stringValue);
            default -> throw SnsException.invalidAttribute("The message attribute '" + name
                    + "' has an invalid message attribute type, the set of supported type prefixes is Binary, "
                    + "Number, and String.");
        }
    }

    /** String.Array is SNS's own type; anything else may carry a custom suffix such as {@code Number.float}. */
    static String baseType(String dataType) {
        if (dataType.equals("String.Array")) {
            return dataType;
        }
        int dot = dataType.indexOf('.');
        return dot < 0 ? dataType : dataType.substring(0, dot);
    }

    String baseType() {
        return baseType(dataType);
    }

    private static SnsException emptyValue(String name, String dataType) {
        return SnsException.invalidAttribute("The message attribute '" + name
                + "' must contain non-empty message attribute value for message attribute type '" + dataType + "'.");
    }

    private static void requireNumber(String name, String value) {
        try {
            new BigDecimal(value == null ? "" : value.trim());
        } catch (NumberFormatException e) {
            throw SnsException.invalidAttribute("An error occurred while trying to parse the message attribute '"
                    + name + "' value '" + value + "' as a Number.");
        }
    }

    private static void requireArray(String name, String value) {
        JsonNode parsed;
        try {
            parsed = value == null ? null : JSON.readTree(value);
        } catch (IOException e) {
            parsed = null;
        }
        if (parsed == null || !parsed.isArray()) {
            throw SnsException.invalidAttribute("The message attribute '" + name
                    + "' with type 'String.Array' must be a JSON array of strings, numbers, true, false or null.");
        }
    }
}
