package com.tradebot.functions.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.tradebot.auth.Principal;
import com.tradebot.auth.Role;
import com.tradebot.common.ApiException;
import com.tradebot.common.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** A REST request as our handlers see it: typed access to the proxy event, with client errors as 400s. */
public final class ApiRequest {
    /** Bodies above this are refused before parsing (API Gateway allows 10 MB; we need far less). */
    public static final int MAX_BODY_BYTES = 256 * 1024;

    private final APIGatewayProxyRequestEvent event;
    private final String requestId;
    private final Clock clock;

    public ApiRequest(APIGatewayProxyRequestEvent event, String requestId) {
        this(event, requestId, Clock.systemUTC());
    }

    /** {@code clock} decides whether the token behind the authorizer's (possibly cached) answer has expired. */
    public ApiRequest(APIGatewayProxyRequestEvent event, String requestId, Clock clock) {
        this.event = event;
        this.requestId = requestId;
        this.clock = clock;
    }

    public APIGatewayProxyRequestEvent event() {
        return event;
    }

    public String requestId() {
        return requestId;
    }

    public String method() {
        return event.getHttpMethod();
    }

    /** The route template, e.g. {@code /api/strategies/{id}}. */
    public String resource() {
        return event.getResource();
    }

    public String path() {
        return event.getPath();
    }

    public String pathParam(String name) {
        Map<String, String> params = event.getPathParameters();
        String value = params == null ? null : params.get(name);
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("MISSING_PATH_PARAMETER", "Missing path parameter: " + name);
        }
        return value;
    }

    public Optional<String> query(String name) {
        Map<String, String> query = event.getQueryStringParameters();
        return Optional.ofNullable(query == null ? null : query.get(name)).filter(v -> !v.isEmpty());
    }

    public Optional<String> header(String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) {
            return Optional.empty();
        }
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    public Optional<String> cookie(String name) {
        return header("Cookie").flatMap(all -> List.of(all.split(";")).stream()
                .map(String::trim)
                .filter(c -> c.startsWith(name + "="))
                .map(c -> c.substring(name.length() + 1))
                .findFirst());
    }

    public String sourceIp() {
        var context = event.getRequestContext();
        if (context == null || context.getIdentity() == null || context.getIdentity().getSourceIp() == null) {
            return "unknown";
        }
        return context.getIdentity().getSourceIp();
    }

    /** What the authorizer put in the request context; empty for public routes. */
    public Map<String, Object> authorizerContext() {
        var context = event.getRequestContext();
        Map<String, Object> authorizer = context == null ? null : context.getAuthorizer();
        return authorizer == null ? Map.of() : authorizer;
    }

    /** The authenticated caller; empty for anonymous callers and for a token that expired behind the cache. */
    public Optional<Principal> principal() {
        return Principal.fromAuthorizerContext(authorizerContext(), clock);
    }

    /** 401 unless the request carries a valid access token. */
    public Principal requirePrincipal() {
        return principal().orElseThrow(() -> ApiException.unauthorized("Missing or invalid access token"));
    }

    /** 401 without a valid token, 403 with a token of another role. */
    public Principal requireRole(Role... roles) {
        Principal principal = requirePrincipal();
        if (!principal.hasAnyRole(roles)) {
            throw ApiException.forbidden("This needs the role " + Arrays.toString(roles));
        }
        return principal;
    }

    public String rawBody() {
        String body = event.getBody();
        if (body == null) {
            return null;
        }
        if (Boolean.TRUE.equals(event.getIsBase64Encoded())) {
            body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        if (body.length() > MAX_BODY_BYTES || body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            throw new ApiException(400, "BODY_TOO_LARGE", "Request body exceeds " + MAX_BODY_BYTES + " bytes");
        }
        return body;
    }

    public JsonNode bodyTree() {
        JsonNode tree = Json.readTree(rawBody());
        if (!tree.isObject()) {
            throw ApiException.badRequest("INVALID_JSON", "Request body must be a JSON object");
        }
        return tree;
    }

    /** Binds the body to {@code type}; wrong JSON types become a 400 naming the field. */
    public <T> T body(Class<T> type) {
        JsonNode tree = bodyTree();
        try {
            return Json.MAPPER.treeToValue(tree, type);
        } catch (MismatchedInputException e) {
            String field = e.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            String message = e instanceof InvalidFormatException ife
                    ? "has the wrong type or format (" + ife.getValue() + ")"
                    : "has the wrong type";
            throw ApiException.validation(List.of(new ApiException.FieldError(field.isEmpty() ? "body" : field, message)));
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("INVALID_JSON", "Request body does not match the expected shape");
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("INVALID_JSON", "Request body does not match the expected shape");
        }
    }
}
