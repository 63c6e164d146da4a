package com.tradebot.local.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The IAM policy a Lambda authorizer returns, evaluated for one {@code execute-api:Invoke} of a method ARN: an
 * explicit Deny wins, then an Allow, else implicit deny. Resources and actions may use {@code *} and {@code ?}.
 * Hand-written because only this small part of IAM evaluation applies to authorizer policies.
 */
public final class IamPolicy {
    public enum Decision { ALLOW, EXPLICIT_DENY, IMPLICIT_DENY }

    private final List<JsonNode> statements = new ArrayList<>();

    public IamPolicy(JsonNode policyDocument) {
        JsonNode statement = field(policyDocument, "Statement");
        if (statement != null && statement.isArray()) {
            statement.forEach(statements::add);
        } else if (statement != null && statement.isObject()) {
            statements.add(statement);
        }
    }

    public Decision evaluate(String methodArn) {
        boolean allowed = false;
        for (JsonNode statement : statements) {
            if (!matchesAny(field(statement, "Action"), "execute-api:Invoke")
                    || !matchesAny(field(statement, "Resource"), methodArn)) {
                continue;
            }
            JsonNode effect = field(statement, "Effect");
            String value = effect == null ? "" : effect.asText();
            if (value.equalsIgnoreCase("Deny")) {
                return Decision.EXPLICIT_DENY;
            }
            allowed |= value.equalsIgnoreCase("Allow");
        }
        return allowed ? Decision.ALLOW : Decision.IMPLICIT_DENY;
    }

    private static boolean matchesAny(JsonNode patterns, String value) {
        if (patterns == null) {
            return false;
        }
        if (patterns.isArray()) {
            for (JsonNode pattern : patterns) {
                if (wildcard(pattern.asText()).matcher(value).matches()) {
                    return true;
                }
            }
            return false;
        }
        return wildcard(patterns.asText()).matcher(value).matches();
    }

    private static Pattern wildcard(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }

    /** IAM keys are case-sensitive on AWS, but handler libraries differ in spelling; accept either case. */
    /** What API Gateway hands the integration as {@code requestContext.authorizer}: the context map plus principalId. */
    public static Map<String, Object> authorizerContext(JsonNode authorizerResponse) {
        Map<String, Object> context = new LinkedHashMap<>();
        JsonNode values = field(authorizerResponse, "context");
        if (values != null && values.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = values.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> entry = fields.next();
                JsonNode value = entry.getValue();
                context.put(entry.getKey(), value.isNumber() ? value.numberValue()
                        : value.isBoolean() ? value.booleanValue() : value.asText());
            }
        }
        JsonNode principal = field(authorizerResponse, "principalId");
        context.put("principalId", principal == null ? null : principal.asText());
        return context;
    }

    public static JsonNode field(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            return null;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> entry = fields.next();
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }
}
