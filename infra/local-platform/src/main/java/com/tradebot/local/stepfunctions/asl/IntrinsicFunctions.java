package com.tradebot.local.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.tradebot.local.stepfunctions.StatesException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Evaluates the intrinsic functions of ASL (JSONPath mode) on parsed calls. */
public final class IntrinsicFunctions {
    private static final Set<String> FUNCTIONS = Set.of("States.Format", "States.StringToJson", "States.JsonToString",
            "States.Array", "States.ArrayPartition", "States.ArrayContains", "States.ArrayRange", "States.ArrayGetItem",
            "States.ArrayLength", "States.ArrayUnique", "States.Base64Encode", "States.Base64Decode", "States.Hash",
            "States.JsonMerge", "States.MathRandom", "States.MathAdd", "States.StringSplit", "States.UUID");
    private static final Set<String> HASH_ALGORITHMS = Set.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");
    private static final int MAX_RANGE_ITEMS = 1000;

    private IntrinsicFunctions() {
    }

    public static boolean isKnown(String name) {
        return FUNCTIONS.contains(name);
    }

    public static JsonNode evaluate(IntrinsicExpression expression, JsonNode input, JsonNode context)
            throws StatesException {
        if (expression instanceof IntrinsicExpression.Literal literal) {
            return literal.value();
        }
        if (expression instanceof IntrinsicExpression.Path path) {
            return JsonPaths.select(input, context, path.path());
        }
        IntrinsicExpression.Call call = (IntrinsicExpression.Call) expression;
        List<JsonNode> args = new ArrayList<>();
        for (IntrinsicExpression argument : call.arguments()) {
            args.add(evaluate(argument, input, context));
        }
        return apply(call, args);
    }

    private static JsonNode apply(IntrinsicExpression.Call call, List<JsonNode> args) throws StatesException {
        String name = call.function();
        switch (name) {
            case "States.Format":
                requireAtLeast(name, args, 1);
                return TextNode.valueOf(format(call, args));
            case "States.StringToJson":
                require(name, args, 1);
                try {
                    return Json.parse(text(name, args.get(0)));
                } catch (IllegalArgumentException e) {
                    throw StatesErrors.intrinsic(name + ": " + e.getMessage());
                }
            case "States.JsonToString":
                require(name, args, 1);
                return TextNode.valueOf(Json.write(args.get(0)));
            case "States.Array": {
                ArrayNode array = Json.MAPPER.createArrayNode();
                args.forEach(array::add);
                return array;
            }
            case "States.ArrayPartition": {
                require(name, args, 2);
                ArrayNode source = array(name, args.get(0));
                int size = integer(name, args.get(1));
                if (size <= 0) {
                    throw StatesErrors.intrinsic(name + ": the chunk size must be positive, got " + size);
                }
                ArrayNode chunks = Json.MAPPER.createArrayNode();
                for (int i = 0; i < source.size(); i += size) {
                    ArrayNode chunk = chunks.addArray();
                    for (int j = i; j < Math.min(i + size, source.size()); j++) {
                        chunk.add(source.get(j));
                    }
                }
                return chunks;
            }
            case "States.ArrayContains": {
                require(name, args, 2);
                ArrayNode source = array(name, args.get(0));
                for (JsonNode element : source) {
                    if (Json.sameValue(element, args.get(1))) {
                        return BooleanNode.TRUE;
                    }
                }
                return BooleanNode.FALSE;
            }
            case "States.ArrayRange": {
                require(name, args, 3);
                long first = integer(name, args.get(0));
                long last = integer(name, args.get(1));
                long step = integer(name, args.get(2));
                if (step == 0) {
                    throw StatesErrors.intrinsic(name + ": step must not be 0");
                }
                ArrayNode range = Json.MAPPER.createArrayNode();
                for (long value = first; step > 0 ? value <= last : value >= last; value += step) {
                    if (range.size() == MAX_RANGE_ITEMS) {
                        throw StatesErrors.intrinsic(name + ": the range has more than " + MAX_RANGE_ITEMS + " items");
                    }
                    range.add(Json.integer(value));
                }
                return range;
            }
            case "States.ArrayGetItem": {
                require(name, args, 2);
                ArrayNode source = array(name, args.get(0));
                int index = integer(name, args.get(1));
                if (index < 0 || index >= source.size()) {
                    throw StatesErrors.intrinsic(name + ": index " + index + " is out of bounds (size " + source.size() + ")");
                }
                return source.get(index);
            }
            case "States.ArrayLength":
                require(name, args, 1);
                return IntNode.valueOf(array(name, args.get(0)).size());
            case "States.ArrayUnique": {
                require(name, args, 1);
                ArrayNode result = Json.MAPPER.createArrayNode();
                for (JsonNode element : array(name, args.get(0))) {
                    boolean seen = false;
                    for (JsonNode kept : result) {
                        seen |= Json.sameValue(kept, element);
                    }
                    if (!seen) {
                        result.add(element);
                    }
                }
                return result;
            }
            case "States.Base64Encode":
                require(name, args, 1);
                return TextNode.valueOf(Base64.getEncoder()
                        .encodeToString(text(name, args.get(0)).getBytes(StandardCharsets.UTF_8)));
            case "States.Base64Decode":
                require(name, args, 1);
                try {
                    return TextNode.valueOf(new String(Base64.getDecoder().decode(text(name, args.get(0))),
                            StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw StatesErrors.intrinsic(name + ": not Base64: " + e.getMessage());
                }
            case "States.Hash":
                require(name, args, 2);
                return TextNode.valueOf(hash(name, args.get(0), text(name, args.get(1))));
            case "States.JsonMerge": {
                require(name, args, 3);
                if (!args.get(0).isObject() || !args.get(1).isObject()) {
                    throw StatesErrors.intrinsic(name + ": both arguments must be JSON objects");
                }
                if (!args.get(2).isBoolean() || args.get(2).booleanValue()) {
                    throw StatesErrors.intrinsic(name + ": only shallow merge (false) is supported, as on AWS");
                }
                ObjectNode merged = args.get(0).deepCopy();
                merged.setAll((ObjectNode) args.get(1));
                return merged;
            }
            case "States.MathRandom": {
                if (args.size() != 2 && args.size() != 3) {
                    throw StatesErrors.intrinsic(name + " takes 2 or 3 arguments, got " + args.size());
                }
                int start = integer(name, args.get(0));
                int end = integer(name, args.get(1));
                if (end <= start) {
                    throw StatesErrors.intrinsic(name + ": end must be greater than start");
                }
                Random random = args.size() == 3 ? new Random(integer(name, args.get(2))) : ThreadLocalRandom.current();
                return IntNode.valueOf(start + random.nextInt(end - start));
            }
            case "States.MathAdd": {
                require(name, args, 2);
                return Json.integer((long) integer(name, args.get(0)) + integer(name, args.get(1)));
            }
            case "States.StringSplit": {
                require(name, args, 2);
                String source = text(name, args.get(0));
                String delimiters = text(name, args.get(1));
                ArrayNode parts = Json.MAPPER.createArrayNode();
                StringBuilder current = new StringBuilder();
                // Every delimiter character splits; empty parts are dropped (AWS returns [] for ",,,,").
                for (char c : source.toCharArray()) {
                    if (delimiters.indexOf(c) >= 0) {
                        if (current.length() > 0) {
                            parts.add(current.toString());
                        }
                        current.setLength(0);
                    } else {
                        current.append(c);
                    }
                }
                if (current.length() > 0) {
                    parts.add(current.toString());
                }
                return parts;
            }
            case "States.UUID":
                require(name, args, 0);
                return TextNode.valueOf(UUID.randomUUID().toString());
            default:
                throw StatesErrors.intrinsic("Unknown intrinsic function " + name);
        }
    }

    private static String format(IntrinsicExpression.Call call, List<JsonNode> args) throws StatesException {
        if (!(call.arguments().get(0) instanceof IntrinsicExpression.Literal template) || !template.value().isTextual()) {
            throw StatesErrors.intrinsic("States.Format: the first argument must be a string literal");
        }
        String raw = template.rawText();
        StringBuilder out = new StringBuilder();
        int next = 1;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length()) {
                out.append(raw.charAt(++i));
            } else if (c == '{' && i + 1 < raw.length() && raw.charAt(i + 1) == '}') {
                if (next >= args.size()) {
                    throw StatesErrors.intrinsic("States.Format: more {} placeholders than arguments");
                }
                JsonNode value = args.get(next++);
                if (value.isContainerNode()) {
                    throw StatesErrors.intrinsic("States.Format: arguments must be strings, numbers, booleans or null");
                }
                out.append(value.isTextual() ? value.textValue() : Json.write(value));
                i++;
            } else {
                out.append(c);
            }
        }
        if (next != args.size()) {
            throw StatesErrors.intrinsic("States.Format: " + (args.size() - 1) + " arguments for " + (next - 1)
                    + " placeholders");
        }
        return out.toString();
    }

    private static String hash(String name, JsonNode data, String algorithm) throws StatesException {
        if (!HASH_ALGORITHMS.contains(algorithm)) {
            throw StatesErrors.intrinsic(name + ": unsupported algorithm '" + algorithm + "', use one of " + HASH_ALGORITHMS);
        }
        String input = data.isTextual() ? data.textValue() : Json.write(data);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm)
                    .digest(input.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void require(String name, List<JsonNode> args, int count) throws StatesException {
        if (args.size() != count) {
            throw StatesErrors.intrinsic(name + " takes " + count + " argument(s), got " + args.size());
        }
    }

    private static void requireAtLeast(String name, List<JsonNode> args, int count) throws StatesException {
        if (args.size() < count) {
            throw StatesErrors.intrinsic(name + " takes at least " + count + " argument(s), got " + args.size());
        }
    }

    private static String text(String name, JsonNode value) throws StatesException {
        if (!value.isTextual()) {
            throw StatesErrors.intrinsic(name + ": expected a string, got " + Json.write(value));
        }
        return value.textValue();
    }

    private static ArrayNode array(String name, JsonNode value) throws StatesException {
        if (!value.isArray()) {
            throw StatesErrors.intrinsic(name + ": expected an array, got " + Json.write(value));
        }
        return (ArrayNode) value;
    }

    private static int integer(String name, JsonNode value) throws StatesException {
        if (!value.isNumber()) {
            throw StatesErrors.intrinsic(name + ": expected an integer, got " + Json.write(value));
        }
        try {
            return value.decimalValue().intValueExact();
        } catch (ArithmeticException e) {
            throw StatesErrors.intrinsic(name + ": expected an integer, got " + value);
        }
    }
}
