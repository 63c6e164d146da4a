package com.tradebot.functions.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.tradebot.common.ApiException;
import com.tradebot.common.Json;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.crac.Core;
import org.crac.Resource;

/**
 * Base of every REST function: routes by the API Gateway resource and method, maps {@link ApiException} to its
 * JSON error and anything unexpected to a 500 whose body holds no internals (the log has them, with the request id).
 * Under SnapStart the snapshot is taken after {@link #prime()} ran, so the first real request finds the SDK and
 * JSON paths already loaded.
 */
public abstract class ApiHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>,
        Resource {
    private static final Logger LOG = LogManager.getLogger(ApiHandler.class);

    private final Map<String, Route> routes = new HashMap<>();
    private final Clock clock;

    protected ApiHandler() {
        this(Clock.systemUTC());
    }

    /** {@code clock} is what {@link ApiRequest#principal()} checks token expiry against. */
    protected ApiHandler(Clock clock) {
        this.clock = clock;
        Core.getGlobalContext().register(this);
    }

    /** Work worth doing once before the SnapStart snapshot (e.g. one call through the DynamoDB client). */
    protected void prime() throws Exception {
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) throws Exception {
        prime();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
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
    public final APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        String requestId = requestId(event, context);
        ThreadContext.put("AWSRequestId", requestId);
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
        } finally {
            ThreadContext.remove("AWSRequestId");
        }
    }

    private static String requestId(APIGatewayProxyRequestEvent event, Context context) {
        if (context != null && context.getAwsRequestId() != null) {
            return context.getAwsRequestId();
        }
        if (event.getRequestContext() != null && event.getRequestContext().getRequestId() != null) {
            return event.getRequestContext().getRequestId();
        }
        return UUID.randomUUID().toString();
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
