package com.tradebot.local.rest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * A WAF match statement of the template (a rate rule's {@code ScopeDownStatement}), evaluated as WAF does: the field
 * is taken from the request as the client sent it, the text transformations run in priority order, then the byte or
 * regex match. Statements, fields and transformations the local platform does not implement fail at start-up rather
 * than silently matching nothing.
 */
@FunctionalInterface
interface WafStatement {

    /** What WAF inspects of a request: the method and the URI path as sent (still percent-encoded). */
    record Request(String method, String uriPath) {
    }

    boolean matches(Request request);

    /** All requests: a rate rule without a scope-down statement. */
    WafStatement ALL = request -> true;

    static WafStatement compile(Map<String, Object> statement) {
        if (statement == null || statement.isEmpty()) {
            return ALL;
        }
        if (statement.size() != 1) {
            throw new IllegalArgumentException("A WAF statement has exactly one kind, got " + statement.keySet());
        }
        Map.Entry<String, Object> only = statement.entrySet().iterator().next();
        Map<String, Object> body = map(only.getValue());
        return switch (only.getKey()) {
            case "ByteMatchStatement" -> byteMatch(body);
            case "RegexMatchStatement" -> regexMatch(body);
            case "AndStatement" -> {
                List<WafStatement> parts = statements(body);
                yield request -> parts.stream().allMatch(part -> part.matches(request));
            }
            case "OrStatement" -> {
                List<WafStatement> parts = statements(body);
                yield request -> parts.stream().anyMatch(part -> part.matches(request));
            }
            case "NotStatement" -> {
                WafStatement inner = compile(map(body.get("Statement")));
                yield request -> !inner.matches(request);
            }
            default -> throw new IllegalArgumentException("The local WAF does not evaluate " + only.getKey());
        };
    }

    private static List<WafStatement> statements(Map<String, Object> body) {
        List<WafStatement> parts = new ArrayList<>();
        if (body.get("Statements") instanceof List<?> list) {
            for (Object item : list) {
                parts.add(compile(map(item)));
            }
        }
        return parts;
    }

    private static WafStatement byteMatch(Map<String, Object> body) {
        Field field = field(body);
        UnaryOperator<String> transform = transformations(body);
        String search = transform.apply(String.valueOf(body.get("SearchString")));
        String constraint = String.valueOf(body.get("PositionalConstraint"));
        return switch (constraint) {
            case "EXACTLY" -> request -> transform.apply(field.of(request)).equals(search);
            case "STARTS_WITH" -> request -> transform.apply(field.of(request)).startsWith(search);
            case "ENDS_WITH" -> request -> transform.apply(field.of(request)).endsWith(search);
            case "CONTAINS" -> request -> transform.apply(field.of(request)).contains(search);
            case "CONTAINS_WORD" -> {
                Pattern word = Pattern.compile("(^|[^A-Za-z0-9_])" + Pattern.quote(search) + "($|[^A-Za-z0-9_])");
                yield request -> word.matcher(transform.apply(field.of(request))).find();
            }
            default -> throw new IllegalArgumentException("Unknown PositionalConstraint " + constraint);
        };
    }

    private static WafStatement regexMatch(Map<String, Object> body) {
        Field field = field(body);
        UnaryOperator<String> transform = transformations(body);
        Pattern pattern = Pattern.compile(String.valueOf(body.get("RegexString")));
        return request -> pattern.matcher(transform.apply(field.of(request))).find();
    }

    /** The part of the request a statement inspects. */
    @FunctionalInterface
    interface Field {
        String of(Request request);
    }

    private static Field field(Map<String, Object> body) {
        Map<String, Object> field = map(body.get("FieldToMatch"));
        if (field.containsKey("UriPath")) {
            return Request::uriPath;
        }
        if (field.containsKey("Method")) {
            return Request::method;
        }
        throw new IllegalArgumentException("The local WAF inspects UriPath and Method only, not " + field.keySet());
    }

    private static UnaryOperator<String> transformations(Map<String, Object> body) {
        List<Map<String, Object>> steps = new ArrayList<>();
        if (body.get("TextTransformations") instanceof List<?> list) {
            for (Object item : list) {
                steps.add(map(item));
            }
        }
        steps.sort(Comparator.comparingInt(step -> Integer.parseInt(String.valueOf(step.getOrDefault("Priority", 0)))));
        UnaryOperator<String> all = UnaryOperator.identity();
        for (Map<String, Object> step : steps) {
            UnaryOperator<String> one = transformation(String.valueOf(step.get("Type")));
            UnaryOperator<String> before = all;
            all = text -> one.apply(before.apply(text));
        }
        return all;
    }

    private static UnaryOperator<String> transformation(String type) {
        return switch (type) {
            case "NONE" -> UnaryOperator.identity();
            case "LOWERCASE" -> text -> text.toLowerCase(Locale.ROOT);
            case "URL_DECODE", "URL_DECODE_UNI" -> WafStatement::urlDecode;
            case "NORMALIZE_PATH" -> WafStatement::normalizePath;
            case "COMPRESS_WHITE_SPACE" -> text -> text.replaceAll("[ \\t\\n\\x0B\\f\\r]+", " ");
            default -> throw new IllegalArgumentException("The local WAF does not implement text transformation "
                    + type);
        };
    }

    /** WAF's URL_DECODE: decodes valid %-escapes and leaves anything else as it is (it never fails). */
    static String urlDecode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        byte[] in = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            int high = in[i] == '%' && i + 2 < in.length ? Character.digit(in[i + 1], 16) : -1;
            int low = high >= 0 ? Character.digit(in[i + 2], 16) : -1;
            if (low >= 0) {
                out.write(high * 16 + low);
                i += 2;
            } else {
                out.write(in[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** WAF's NORMALIZE_PATH: merges repeated slashes and resolves {@code .} and {@code ..} segments. */
    static String normalizePath(String path) {
        boolean leading = path.startsWith("/");
        boolean trailing = path.endsWith("/") && path.length() > 1;
        Deque<String> kept = new ArrayDeque<>();
        for (String segment : path.split("/+")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                kept.pollLast();
            } else {
                kept.addLast(segment);
            }
        }
        String joined = String.join("/", kept);
        return (leading ? "/" : "") + joined + (trailing && !joined.isEmpty() ? "/" : "");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}
