package com.tradebot.functions.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.tradebot.common.ApiException;
import com.tradebot.common.Json;
import com.tradebot.functions.edge.EdgeHandler;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Base of every REST function: routes by the API Gateway resource and method, maps {@link ApiException} to its
 * JSON error and anything unexpected to a 500 whose body holds no internals (the log has them, with the request id).
 * Request-id/correlation-id log context and SnapStart priming come from {@link EdgeHandler}: register priming with
 * {@link #primeWith} in the constructor.
 */
public abstract class ApiHandler extends EdgeHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    /** A caller may pass its own correlation id; otherwise API Gateway's request id is used. */
    public static final String CORRELATION_HEADER = "X-Correlation-Id";
    private static final Logger LOG = LogManager.getLogger(ApiHandler.class);

    private final Map<String, Route> routes = new HashMap<>();
    private final Clock clock;

    protected ApiHandler() {
        this(Clock.systemUTC());
    }

    /** {@code clock} is what {@link ApiRequest#principal()} checks token expiry against. */
    protected ApiHandler(Clock clock) {
        this.clock = clock;
        primeWith(this::prime);
    }

    /** @deprecated register with {@link #primeWith} in the constructor instead. */
    @Deprecated
    protected void prime() throws Exception {
    }

    /** One operation of this function. */
    @FunctionalInterface
    public interface Route {
        ApiResponse handle(ApiRequest request) throws Exception;
    }

    protected final void route(String method, String resource, Route route) {
        routes.put(method + " " + resource, route);
    }

    @Override
    protected final APIGatewayProxyResponseEvent handle(APIGatewayProxyRequestEvent event, Invocation invocation) {
        String requestId = invocation.requestId();
        try {
            Route route = routes.get(event.getHttpMethod() + " " + event.getResource());
            if (route == null) {
                throw ApiException.notFound("No route for " + event.getHttpMethod() + " " + event.getPath());
            }
            return toEvent(route.handle(new ApiRequest(event, requestId, clock)));
        } catch (ApiException e) {
            if (e.status() >= 500) {
                LOG.error("Request failed: {}", e.getMessage());
            }
            APIGatewayProxyResponseEvent response = error(e.status(), e.code(), e.getMessage(), e.details());
            e.retryAfterSeconds().ifPresent(seconds -> response.getHeaders().put("Retry-After", Long.toString(seconds)));
            return response;
        } catch (Exception e) {
            LOG.error("Unhandled error on {} {}", event.getHttpMethod(), event.getResource(), e);
            return error(500, "INTERNAL", "Internal server error (request " + requestId + ")", List.of());
        }
    }

    @Override
    protected String fallbackRequestId(APIGatewayProxyRequestEvent event) {
        if (event != null && event.getRequestContext() != null && event.getRequestContext().getRequestId() != null) {
            return event.getRequestContext().getRequestId();
        }
        return super.fallbackRequestId(event);
    }

    @Override
    protected String correlationId(APIGatewayProxyRequestEvent event) {
        String fromClient = event == null ? null : plainId(new ApiRequest(event, null).header(CORRELATION_HEADER)
                .orElse(null));
        if (fromClient != null) {
            return fromClient;
        }
        return event != null && event.getRequestContext() != null ? event.getRequestContext().getRequestId() : null;
    }

    private static APIGatewayProxyResponseEvent toEvent(ApiResponse response) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (response.body() != null) {
            headers.put("Content-Type", "application/json");
        }
        headers.putAll(response.headers());
        APIGatewayProxyResponseEvent out = new APIGatewayProxyResponseEvent()
                .withStatusCode(response.status())
                .withHeaders(headers)
                .withBody(response.body() == null ? null : Json.write(response.body()));
        if (!response.cookies().isEmpty()) {
            out.setMultiValueHeaders(Map.of("Set-Cookie", List.copyOf(response.cookies())));
        }
        return out;
    }

    public static APIGatewayProxyResponseEvent error(int status, String code, String message,
                                                     List<ApiException.FieldError> details) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        if (!details.isEmpty()) {
            error.put("details", details);
        }
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(status)
                .withHeaders(new LinkedHashMap<>(Map.of("Content-Type", "application/json")))
                .withBody(Json.write(Map.of("error", error)));
    }
}
