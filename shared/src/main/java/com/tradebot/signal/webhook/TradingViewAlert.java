package com.tradebot.signal.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.common.ApiException;
import com.tradebot.common.Json;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One TradingView alert as its webhook delivers it: a JSON object, or plain text of {@code key=value} lines (what an
 * alert message is when it is not valid JSON). Keys are case-insensitive; fields other than the known ones are kept
 * (without the passphrase) as the signal's indicators.
 */
public record TradingViewAlert(String passphrase, String action, String ticker, BigDecimal price,
                               BigDecimal stopLoss, BigDecimal takeProfit, String time, Map<String, String> extra) {
    /** TradingView caps alert messages far below this; anything larger is not an alert. */
    public static final int MAX_BODY_CHARS = 8_192;
    private static final int MAX_FIELDS = 50;

    public static TradingViewAlert parse(String body) {
        if (body == null || body.isBlank()) {
            throw unparsable("the body is empty");
        }
        if (body.length() > MAX_BODY_CHARS) {
            throw unparsable("the body is larger than " + MAX_BODY_CHARS + " characters");
        }
        Map<String, String> fields = body.stripLeading().startsWith("{") ? jsonFields(body) : lineFields(body);
        if (fields.size() > MAX_FIELDS) {
            throw unparsable("more than " + MAX_FIELDS + " fields");
        }
        Map<String, String> extra = new TreeMap<>(fields);
        for (String known : new String[] {"passphrase", "action", "ticker", "price", "stoploss", "takeprofit", "time"}) {
            extra.remove(known);
        }
        return new TradingViewAlert(fields.get("passphrase"), lower(fields.get("action")), fields.get("ticker"),
                decimal(fields, "price"), decimal(fields, "stoploss"), decimal(fields, "takeprofit"), fields.get("time"),
                Map.copyOf(extra));
    }

    private static Map<String, String> jsonFields(String body) {
        JsonNode tree;
        try {
            tree = Json.readTree(body);
        } catch (ApiException e) {
            throw unparsable("malformed JSON");
        }
        if (!tree.isObject()) {
            throw unparsable("the JSON is not an object");
        }
        Map<String, String> fields = new TreeMap<>();
        tree.fields().forEachRemaining(entry -> {
            JsonNode value = entry.getValue();
            if (value.isValueNode() && !value.isNull()) {
                fields.put(entry.getKey().toLowerCase(Locale.ROOT), value.isNumber() ? value.decimalValue().toPlainString()
                        : value.asText());
            }
        });
        return fields;
    }

    private static Map<String, String> lineFields(String body) {
        Map<String, String> fields = new TreeMap<>();
        for (String line : body.split("\\r?\\n")) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            if (equals <= 0) {
                throw unparsable("a line is not key=value: it has no '='");
            }
            fields.put(trimmed.substring(0, equals).trim().toLowerCase(Locale.ROOT), trimmed.substring(equals + 1).trim());
        }
        if (fields.isEmpty()) {
            throw unparsable("no key=value lines");
        }
        return fields;
    }

    private static BigDecimal decimal(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            throw unparsable(name + " is not a number");
        }
    }

    private static String lower(String value) {
        return value == null ? null : value.trim().toLowerCase(Locale.ROOT);
    }

    /** What identifies the alert for de-duplication: every field but the passphrase, in key order. */
    public String identity() {
        Map<String, String> fields = new TreeMap<>(extra);
        put(fields, "action", action);
        put(fields, "ticker", ticker);
        put(fields, "price", price == null ? null : price.toPlainString());
        put(fields, "stoploss", stopLoss == null ? null : stopLoss.toPlainString());
        put(fields, "takeprofit", takeProfit == null ? null : takeProfit.toPlainString());
        put(fields, "time", time);
        return Json.write(fields);
    }

    private static void put(Map<String, String> fields, String key, String value) {
        if (value != null) {
            fields.put(key, value);
        }
    }

    static ApiException unparsable(String why) {
        return ApiException.badRequest("UNPARSABLE_ALERT", "The alert could not be read: " + why);
    }
}
