package com.tradebot.local.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tradebot.local.template.GatewayResponseDef;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders gateway responses from an API's {@code GatewayResponses}: the type's own entry, else DEFAULT_4XX or
 * DEFAULT_5XX, else our JSON error contract. Templates may use {@code $context.error.message},
 * {@code $context.error.messageString}, {@code $context.error.responseType} and {@code $context.requestId}.
 */
final class GatewayResponses {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CONTEXT_VARIABLE = Pattern.compile("\\$context\\.([A-Za-z.]+)");

    private final Map<String, GatewayResponseDef> definitions;

    GatewayResponses(Map<String, GatewayResponseDef> definitions) {
        this.definitions = definitions == null ? Map.of() : definitions;
    }

    GatewayError.Response render(GatewayError type, String message, String requestId) {
        String effectiveMessage = message == null ? type.defaultMessage() : message;
        GatewayResponseDef definition = definitions.get(type.name());
        GatewayResponseDef fallback = definitions.get(type.defaultStatus() >= 500 ? "DEFAULT_5XX" : "DEFAULT_4XX");
        int status = type.defaultStatus();
        if (definition != null && definition.statusCode() != null) {
            status = definition.statusCode();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (fallback != null) {
            headers.putAll(fallback.headers());
        }
        if (definition != null) {
            headers.putAll(definition.headers());
        }
        String template = definition != null && definition.jsonTemplate() != null ? definition.jsonTemplate()
                : fallback != null ? fallback.jsonTemplate() : null;
        String body = template == null ? contractBody(type, effectiveMessage)
                : substitute(template, type, effectiveMessage, requestId);
        headers.putIfAbsent("Content-Type", "application/json");
        headers.put("x-amzn-ErrorType", errorType(type));
        headers.put("x-amzn-RequestId", requestId);
        return new GatewayError.Response(status, headers, body);
    }

    private static String errorType(GatewayError type) {
        return switch (type) {
            case UNAUTHORIZED, MISSING_AUTHENTICATION_TOKEN -> "UnauthorizedException";
            case ACCESS_DENIED -> "AccessDeniedException";
            case THROTTLED -> "TooManyRequestsException";
            case REQUEST_TOO_LARGE -> "RequestTooLargeException";
            case BAD_REQUEST_BODY, BAD_REQUEST_URL -> "BadRequestException";
            default -> "InternalServerErrorException";
        };
    }

    static String contractBody(GatewayError type, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", type.contractCode());
        error.put("message", message);
        try {
            return JSON.writeValueAsString(Map.of("error", error));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String substitute(String template, GatewayError type, String message, String requestId) {
        Matcher matcher = CONTEXT_VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = switch (matcher.group(1)) {
                case "error.message" -> message;
                case "error.messageString" -> quoted(message);
                case "error.responseType" -> type.name();
                case "requestId", "extendedRequestId" -> requestId;
                default -> "";
            };
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String quoted(String value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
