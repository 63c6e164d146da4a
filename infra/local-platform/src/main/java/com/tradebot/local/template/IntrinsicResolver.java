package com.tradebot.local.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates CloudFormation intrinsic functions (long form; {@link CfnYaml} turns short forms into long ones).
 * Written by hand because no Java library evaluates CloudFormation intrinsics; the rules follow the CloudFormation
 * intrinsic function reference.
 */
final class IntrinsicResolver {
    /** What {@code !Ref AWS::NoValue} evaluates to; removed from the enclosing map or list. */
    static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "AWS::NoValue";
        }
    };
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
    private static final ObjectMapper JSON = new ObjectMapper();

    interface References {
        Object ref(String name);

        Object getAtt(String logicalId, String attribute);

        boolean condition(String name);

        Object findInMap(String map, String topKey, String secondKey);

        /** Rewrites AWS endpoint URLs of local APIs to the local gateways. */
        String rewriteUrl(String value);
    }

    private final References references;

    IntrinsicResolver(References references) {
        this.references = references;
    }

    Object resolve(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                String key = String.valueOf(map.keySet().iterator().next());
                Object argument = map.values().iterator().next();
                if (key.equals("Ref")) {
                    return references.ref(asString(resolve(argument), "Ref"));
                }
                if (key.equals("Condition") && argument instanceof String name) {
                    return references.condition(name);
                }
                if (key.startsWith("Fn::")) {
                    return function(key, argument);
                }
            }
            Map<String, Object> resolved = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                Object item = resolve(entry.getValue());
                if (item != NO_VALUE) {
                    resolved.put(String.valueOf(entry.getKey()), item);
                }
            }
            return resolved;
        }
        if (value instanceof List<?> list) {
            List<Object> resolved = new ArrayList<>();
            for (Object item : list) {
                Object resolvedItem = resolve(item);
                if (resolvedItem != NO_VALUE) {
                    resolved.add(resolvedItem);
                }
            }
            return resolved;
        }
        return value;
    }

    boolean evaluateCondition(Object expression) {
        Object value = resolve(expression);
        if (value instanceof Boolean bool) {
            return bool;
        }
        throw new TemplateException("A condition must evaluate to true or false, got: " + value);
    }

    private Object function(String name, Object argument) {
        switch (name) {
            case "Fn::GetAtt": {
                List<?> parts = argument instanceof String s ? List.of(s.split("\\.", 2)) : list(resolve(argument), name, 2);
                return references.getAtt(asString(parts.get(0), name), asString(parts.get(1), name));
            }
            case "Fn::Sub":
                return references.rewriteUrl(sub(argument));
            case "Fn::Join": {
                List<?> args = list(argument, name, 2);
                String delimiter = asString(resolve(args.get(0)), name);
                List<?> items = list(resolve(args.get(1)), name, -1);
                List<String> strings = new ArrayList<>();
                for (Object item : items) {
                    strings.add(scalarText(item, name));
                }
                return references.rewriteUrl(String.join(delimiter, strings));
            }
            case "Fn::Select": {
                List<?> args = list(argument, name, 2);
                int index = Integer.parseInt(scalarText(resolve(args.get(0)), name));
                List<?> items = list(resolve(args.get(1)), name, -1);
                if (index < 0 || index >= items.size()) {
                    throw new TemplateException("Fn::Select index " + index + " is outside a list of " + items.size());
                }
                return items.get(index);
            }
            case "Fn::Split": {
                List<?> args = list(argument, name, 2);
                String delimiter = asString(resolve(args.get(0)), name);
                String source = asString(resolve(args.get(1)), name);
                return List.of(source.split(Pattern.quote(delimiter), -1));
            }
            case "Fn::If": {
                List<?> args = list(argument, name, 3);
                boolean condition = references.condition(asString(args.get(0), name));
                return resolve(condition ? args.get(1) : args.get(2));
            }
            case "Fn::Equals": {
                List<?> args = list(argument, name, 2);
                return scalarText(resolve(args.get(0)), name).equals(scalarText(resolve(args.get(1)), name));
            }
            case "Fn::Not": {
                List<?> args = list(argument, name, 1);
                return !evaluateCondition(args.get(0));
            }
            case "Fn::And": {
                for (Object condition : list(argument, name, -1)) {
                    if (!evaluateCondition(condition)) {
                        return false;
                    }
                }
                return true;
            }
            case "Fn::Or": {
                for (Object condition : list(argument, name, -1)) {
                    if (evaluateCondition(condition)) {
                        return true;
                    }
                }
                return false;
            }
            case "Fn::FindInMap": {
                List<?> args = list(resolve(argument), name, 3);
                return references.findInMap(asString(args.get(0), name), scalarText(args.get(1), name),
                        scalarText(args.get(2), name));
            }
            case "Fn::ImportValue":
                throw new TemplateException("Fn::ImportValue " + resolve(argument)
                        + " cannot be resolved locally: the local platform runs one stack without exports");
            case "Fn::Base64":
                return Base64.getEncoder().encodeToString(
                        asString(resolve(argument), name).getBytes(StandardCharsets.UTF_8));
            case "Fn::GetAZs":
                return List.of("us-east-1a", "us-east-1b", "us-east-1c");
            case "Fn::Length":
                return list(resolve(argument), name, -1).size();
            case "Fn::ToJsonString":
                try {
                    return JSON.writeValueAsString(resolve(argument));
                } catch (JsonProcessingException e) {
                    throw new TemplateException("Fn::ToJsonString failed: " + e.getMessage(), e);
                }
            default:
                throw new TemplateException(name + " is not supported by the local platform");
        }
    }

    private String sub(Object argument) {
        String template;
        Map<?, ?> variables = Map.of();
        if (argument instanceof List<?> args) {
            if (args.size() != 2 || !(args.get(1) instanceof Map<?, ?> vars)) {
                throw new TemplateException("Fn::Sub takes a string or [string, {variables}]");
            }
            template = asString(args.get(0), "Fn::Sub");
            variables = vars;
        } else {
            template = asString(argument, "Fn::Sub");
        }
        Matcher matcher = SUB_VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String expression = matcher.group(1);
            String replacement;
            if (expression.startsWith("!")) {
                replacement = "${" + expression.substring(1) + "}";
            } else if (variables.containsKey(expression)) {
                replacement = scalarText(resolve(variables.get(expression)), "Fn::Sub");
            } else if (expression.contains(".") && !expression.startsWith("AWS::")) {
                int dot = expression.indexOf('.');
                replacement = scalarText(references.getAtt(expression.substring(0, dot), expression.substring(dot + 1)),
                        "Fn::Sub");
            } else {
                replacement = scalarText(references.ref(expression.trim()), "Fn::Sub");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static List<?> list(Object value, String function, int expectedSize) {
        if (!(value instanceof List<?> list) || (expectedSize >= 0 && list.size() != expectedSize)) {
            throw new TemplateException(function + " expects a list" + (expectedSize >= 0 ? " of " + expectedSize : "")
                    + ", got: " + value);
        }
        return list;
    }

    private static String asString(Object value, String function) {
        if (value instanceof String s) {
            return s;
        }
        throw new TemplateException(function + " expects a string, got: " + value);
    }

    private static String scalarText(Object value, String function) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        throw new TemplateException(function + " expects a scalar value, got: " + value);
    }
}
