package com.tradebot.local.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.local.stepfunctions.StatesException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Validates and evaluates Choice rules (comparison operators, And/Or/Not). */
public final class ChoiceRules {
    private static final Set<String> TYPE_TESTS = Set.of("IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean",
            "IsTimestamp");
    private static final List<String> COMPARISONS = List.of("StringEquals", "StringLessThan", "StringGreaterThan",
            "StringLessThanEquals", "StringGreaterThanEquals", "NumericEquals", "NumericLessThan", "NumericGreaterThan",
            "NumericLessThanEquals", "NumericGreaterThanEquals", "BooleanEquals", "TimestampEquals",
            "TimestampLessThan", "TimestampGreaterThan", "TimestampLessThanEquals", "TimestampGreaterThanEquals");

    private ChoiceRules() {
    }

    private static boolean isOperator(String name) {
        return TYPE_TESTS.contains(name) || COMPARISONS.contains(name) || "StringMatches".equals(name)
                || (name.endsWith("Path") && COMPARISONS.contains(name.substring(0, name.length() - 4)));
    }

    /** @param topLevel top-level rules carry Next; nested rules (inside And/Or/Not) must not */
    public static void validate(JsonNode rule, boolean topLevel, String where) {
        if (!rule.isObject()) {
            throw new IllegalArgumentException(where + ": a choice rule must be an object");
        }
        if (topLevel && !rule.path("Next").isTextual()) {
            throw new IllegalArgumentException(where + ": a choice rule needs Next");
        }
        if (!topLevel && rule.has("Next")) {
            throw new IllegalArgumentException(where + ": nested choice rules must not have Next");
        }
        List<String> operators = new ArrayList<>();
        for (Iterator<String> it = rule.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (field.equals("Next") || field.equals("Comment") || field.equals("Variable")) {
                continue;
            }
            if (!field.equals("And") && !field.equals("Or") && !field.equals("Not") && !isOperator(field)) {
                throw new IllegalArgumentException(where + ": unknown field '" + field + "' in choice rule");
            }
            operators.add(field);
        }
        if (operators.size() != 1) {
            throw new IllegalArgumentException(where + ": a choice rule needs exactly one operator, found " + operators);
        }
        String operator = operators.get(0);
        JsonNode operand = rule.get(operator);
        switch (operator) {
            case "And", "Or" -> {
                if (!operand.isArray() || operand.isEmpty()) {
                    throw new IllegalArgumentException(where + ": " + operator + " needs a non-empty array of rules");
                }
                for (int i = 0; i < operand.size(); i++) {
                    validate(operand.get(i), false, where + "." + operator + "[" + i + "]");
                }
            }
            case "Not" -> validate(operand, false, where + ".Not");
            default -> {
                if (!rule.path("Variable").isTextual()) {
                    throw new IllegalArgumentException(where + ": " + operator + " needs a Variable");
                }
                JsonPaths.validate(rule.get("Variable").textValue(), where + ".Variable");
                validateOperand(operator, operand, where + "." + operator);
            }
        }
    }

    private static void validateOperand(String operator, JsonNode operand, String where) {
        boolean valid;
        if (operator.endsWith("Path")) {
            valid = operand.isTextual();
            if (valid) {
                JsonPaths.validate(operand.textValue(), where);
            }
        } else if (TYPE_TESTS.contains(operator) || operator.startsWith("Boolean")) {
            valid = operand.isBoolean();
        } else if (operator.startsWith("Numeric")) {
            valid = operand.isNumber();
        } else if (operator.startsWith("Timestamp")) {
            valid = operand.isTextual() && timestamp(operand).isPresent();
        } else {
            valid = operand.isTextual();
        }
        if (!valid) {
            throw new IllegalArgumentException(where + ": invalid operand " + operand);
        }
    }

    public static boolean matches(JsonNode rule, JsonNode input, JsonNode context) throws StatesException {
        if (rule.has("And")) {
            for (JsonNode nested : rule.get("And")) {
                if (!matches(nested, input, context)) {
                    return false;
                }
            }
            return true;
        }
        if (rule.has("Or")) {
            for (JsonNode nested : rule.get("Or")) {
                if (matches(nested, input, context)) {
                    return true;
                }
            }
            return false;
        }
        if (rule.has("Not")) {
            return !matches(rule.get("Not"), input, context);
        }
        String variable = rule.get("Variable").textValue();
        Optional<JsonNode> value = find(variable, input, context);
        String operator = operatorOf(rule);
        JsonNode operand = rule.get(operator);
        if (operator.equals("IsPresent")) {
            return value.isPresent() == operand.booleanValue();
        }
        if (value.isEmpty()) {
            throw StatesErrors.runtime("Invalid path '" + variable
                    + "': The choice state's condition path references an invalid value.");
        }
        JsonNode actual = value.get();
        if (TYPE_TESTS.contains(operator)) {
            return typeTest(operator, actual) == operand.booleanValue();
        }
        if (operator.endsWith("Path")) {
            String path = operand.textValue();
            operand = find(path, input, context).orElseThrow(() -> StatesErrors.runtime("Invalid path '" + path
                    + "': The choice state's condition path references an invalid value."));
            operator = operator.substring(0, operator.length() - 4);
        }
        return compare(operator, actual, operand);
    }

    private static Optional<JsonNode> find(String path, JsonNode input, JsonNode context) {
        return path.startsWith("$$") ? JsonPaths.find(context, path.substring(1)) : JsonPaths.find(input, path);
    }

    private static String operatorOf(JsonNode rule) {
        for (Iterator<String> it = rule.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (isOperator(field)) {
                return field;
            }
        }
        throw new IllegalStateException("validated rule without operator: " + rule);
    }

    private static boolean typeTest(String operator, JsonNode value) {
        return switch (operator) {
            case "IsNull" -> value.isNull();
            case "IsNumeric" -> value.isNumber();
            case "IsString" -> value.isTextual();
            case "IsBoolean" -> value.isBoolean();
            case "IsTimestamp" -> timestamp(value).isPresent();
            default -> throw new IllegalStateException(operator);
        };
    }

    private static boolean compare(String operator, JsonNode actual, JsonNode expected) {
        if (operator.equals("StringMatches")) {
            return actual.isTextual() && wildcard(expected.textValue()).matcher(actual.textValue()).matches();
        }
        int order;
        if (operator.startsWith("String")) {
            if (!actual.isTextual() || !expected.isTextual()) {
                return false;
            }
            order = actual.textValue().compareTo(expected.textValue());
        } else if (operator.startsWith("Numeric")) {
            if (!actual.isNumber() || !expected.isNumber()) {
                return false;
            }
            order = actual.decimalValue().compareTo(expected.decimalValue());
        } else if (operator.startsWith("Boolean")) {
            return actual.isBoolean() && expected.isBoolean() && actual.booleanValue() == expected.booleanValue();
        } else {
            Optional<OffsetDateTime> left = timestamp(actual);
            Optional<OffsetDateTime> right = timestamp(expected);
            if (left.isEmpty() || right.isEmpty()) {
                return false;
            }
            order = left.get().toInstant().compareTo(right.get().toInstant());
        }
        String relation = operator.replaceFirst("^(String|Numeric|Timestamp)", "");
        return switch (relation) {
            case "Equals" -> order == 0;
            case "LessThan" -> order < 0;
            case "GreaterThan" -> order > 0;
            case "LessThanEquals" -> order <= 0;
            case "GreaterThanEquals" -> order >= 0;
            default -> throw new IllegalStateException(operator);
        };
    }

    static Optional<OffsetDateTime> timestamp(JsonNode value) {
        if (!value.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value.textValue()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    // StringMatches has its own tiny syntax ('*' wildcard, '\*' and '\\' escapes), translated to a quoted regex.
    private static Pattern wildcard(String pattern) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                literal.append(pattern.charAt(++i));
            } else if (c == '*') {
                regex.append(Pattern.quote(literal.toString())).append(".*");
                literal.setLength(0);
            } else {
                literal.append(c);
            }
        }
        regex.append(Pattern.quote(literal.toString()));
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
