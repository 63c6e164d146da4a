package com.tradebot.local.stepfunctions.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradebot.local.stepfunctions.asl.Json;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** AWS JSON 1.0 over HTTP: POST with {@code X-Amz-Target: AWSStepFunctions.<Operation>}. Runs on a worker thread. */
public final class ApiHttpHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ApiHttpHandler.class);
    private static final String TARGET_PREFIX = "AWSStepFunctions.";
    private static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    private static final HttpString TARGET = new HttpString("X-Amz-Target");
    private static final HttpString REQUEST_ID = new HttpString("x-amzn-RequestId");
    private static final HttpString ERROR_TYPE = new HttpString("x-amzn-ErrorType");
    private final StepFunctionsApi api;

    public ApiHttpHandler(StepFunctionsApi api) {
        this.api = api;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (exchange.isInIoThread()) {
            exchange.dispatch(this);
            return;
        }
        exchange.startBlocking();
        exchange.getResponseHeaders().put(REQUEST_ID, UUID.randomUUID().toString());
        String target = exchange.getRequestHeaders().getFirst(TARGET);
        try {
            if (!Methods.POST.equals(exchange.getRequestMethod()) || target == null || !target.startsWith(TARGET_PREFIX)) {
                throw new ApiException("UnknownOperationException",
                        "Expected POST with X-Amz-Target: " + TARGET_PREFIX + "<Operation>");
            }
            String body = new String(exchange.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            JsonNode request;
            try {
                request = body.isBlank() ? Json.object() : Json.parse(body);
            } catch (IllegalArgumentException e) {
                throw new ApiException("SerializationException", "The request body is not valid JSON");
            }
            if (!request.isObject()) {
                throw new ApiException("SerializationException", "The request body must be a JSON object");
            }
            respond(exchange, 200, api.handle(target.substring(TARGET_PREFIX.length()), request));
        } catch (ApiException e) {
            exchange.getResponseHeaders().put(ERROR_TYPE, e.code());
            ObjectNode error = Json.object().put("__type", e.type()).put("message", e.getMessage());
            respond(exchange, 400, error);
        } catch (RuntimeException e) {
            LOG.error("Step Functions API {} failed", target, e);
            ObjectNode error = Json.object().put("__type", "InternalFailure").put("message", e.toString());
            respond(exchange, 500, error);
        }
    }

    private static void respond(HttpServerExchange exchange, int status, JsonNode body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, CONTENT_TYPE);
        exchange.getResponseSender().send(Json.write(body), StandardCharsets.UTF_8);
    }
}
