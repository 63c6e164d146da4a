package com.tradebot.local.rest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.local.lambda.EventConverter;
import com.tradebot.local.template.CfnTemplate;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Maps HTTP requests to Lambda proxy events and proxy results back to HTTP responses. */
final class ProxyEvents {
    private static final DateTimeFormatter REQUEST_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z",
            Locale.ENGLISH);

    private ProxyEvents() {
    }

    static Map<String, String> headers(HttpServerExchange exchange) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (HeaderValues values : exchange.getRequestHeaders()) {
            headers.put(values.getHeaderName().toString(), values.getLast());
        }
        return headers;
    }

    static Map<String, List<String>> multiValueHeaders(HttpServerExchange exchange) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HeaderValues values : exchange.getRequestHeaders()) {
            headers.put(values.getHeaderName().toString(), new ArrayList<>(values));
        }
        return headers;
    }

    /** Single-value query parameters (the last value wins, as on API Gateway); null when there are none. */
    static Map<String, String> query(HttpServerExchange exchange) {
        Map<String, Deque<String>> parameters = exchange.getQueryParameters();
        if (parameters.isEmpty()) {
            return null;
        }
        Map<String, String> query = new LinkedHashMap<>();
        parameters.forEach((name, values) -> query.put(name, values.peekLast()));
        return query;
    }

    static Map<String, List<String>> multiValueQuery(HttpServerExchange exchange) {
        Map<String, Deque<String>> parameters = exchange.getQueryParameters();
        if (parameters.isEmpty()) {
            return null;
        }
        Map<String, List<String>> query = new LinkedHashMap<>();
        parameters.forEach((name, values) -> query.put(name, new ArrayList<>(values)));
        return query;
    }

    /** Text bodies go as they are; any other content type goes base64-encoded. */
    static boolean isText(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        String type = contentType.toLowerCase(Locale.ROOT).split(";")[0].trim();
        return type.startsWith("text/") || type.equals("application/json") || type.endsWith("+json")
                || type.equals("application/xml") || type.endsWith("+xml")
                || type.equals("application/x-www-form-urlencoded") || type.equals("application/javascript")
                || type.equals("application/graphql");
    }

    static APIGatewayProxyRequestEvent requestEvent(HttpServerExchange exchange, RouteTable.Match match,
            byte[] body, String requestId, String sourceIp, Map<String, Object> authorizerContext) {
        APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent();
        String path = exchange.getRequestPath();
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        event.setResource(match.route().path());
        event.setPath(path);
        event.setHttpMethod(exchange.getRequestMethod().toString());
        event.setHeaders(headers(exchange));
        event.setMultiValueHeaders(multiValueHeaders(exchange));
        event.setQueryStringParameters(query(exchange));
        event.setMultiValueQueryStringParameters(multiValueQuery(exchange));
        event.setPathParameters(match.pathParameters().isEmpty() ? null : match.pathParameters());
        event.setStageVariables(null);
        if (body.length == 0) {
            event.setBody(null);
            event.setIsBase64Encoded(false);
        } else if (isText(contentType)) {
            event.setBody(new String(body, StandardCharsets.UTF_8));
            event.setIsBase64Encoded(false);
        } else {
            event.setBody(Base64.getEncoder().encodeToString(body));
            event.setIsBase64Encoded(true);
        }
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext();
        long now = System.currentTimeMillis();
        context.setAccountId(CfnTemplate.ACCOUNT_ID);
        context.setApiId(match.api().apiId());
        context.setStage(match.api().stageName());
        context.setRequestId(requestId);
        context.setExtendedRequestId(requestId);
        context.setResourceId(match.route().path());
        context.setResourcePath(match.route().path());
        context.setHttpMethod(exchange.getRequestMethod().toString());
        context.setPath("/" + match.api().stageName() + path);
        context.setProtocol(exchange.getProtocol().toString());
        context.setDomainName(exchange.getHostAndPort());
        context.setRequestTimeEpoch(now);
        context.setRequestTime(REQUEST_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
        context.setAuthorizer(authorizerContext);
        APIGatewayProxyRequestEvent.RequestIdentity identity = new APIGatewayProxyRequestEvent.RequestIdentity();
        identity.setSourceIp(sourceIp);
        identity.setUserAgent(exchange.getRequestHeaders().getFirst("User-Agent"));
        context.setIdentity(identity);
        event.setRequestContext(context);
        return event;
    }

    /** A Lambda proxy result as API Gateway reads it. */
    record ProxyResult(int status, Map<String, List<String>> headers, byte[] body) {
    }

    /** Reads the handler's result; throws IllegalArgumentException when it is not a valid proxy response. */
    static ProxyResult proxyResult(Object result) throws IOException {
        JsonNode tree = EventConverter.toTree(result);
        if (tree == null || !tree.isObject()) {
            throw new IllegalArgumentException("Malformed Lambda proxy response");
        }
        JsonNode statusNode = tree.get("statusCode");
        if (statusNode == null || !statusNode.canConvertToInt() && !statusNode.isTextual()) {
            throw new IllegalArgumentException("Malformed Lambda proxy response: no statusCode");
        }
        int status = statusNode.isTextual() ? Integer.parseInt(statusNode.asText()) : statusNode.asInt();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        JsonNode single = tree.get("headers");
        if (single != null && single.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = single.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                headers.put(field.getKey(), new ArrayList<>(List.of(field.getValue().asText())));
            }
        }
        JsonNode multi = tree.get("multiValueHeaders");
        if (multi != null && multi.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = multi.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                // API Gateway merges both maps; a name in both gets the values of both.
                List<String> values = headers.computeIfAbsent(field.getKey(), name -> new ArrayList<>());
                for (JsonNode value : field.getValue()) {
                    if (!values.contains(value.asText())) {
                        values.add(value.asText());
                    }
                }
            }
        }
        JsonNode bodyNode = tree.get("body");
        byte[] body = new byte[0];
        if (bodyNode != null && !bodyNode.isNull()) {
            JsonNode base64 = tree.get("isBase64Encoded");
            String text = bodyNode.isTextual() ? bodyNode.asText() : bodyNode.toString();
            body = base64 != null && base64.asBoolean() ? Base64.getDecoder().decode(text)
                    : text.getBytes(StandardCharsets.UTF_8);
        }
        return new ProxyResult(status, headers, body);
    }

    static void putHeaders(HttpServerExchange exchange, Map<String, List<String>> headers) {
        headers.forEach((name, values) -> exchange.getResponseHeaders().putAll(new HttpString(name), values));
    }
}
