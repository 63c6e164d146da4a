package com.tradebot.functions.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.common.ApiException;
import com.tradebot.common.Json;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiHandlerTest {
    record Order(String pair, BigDecimal quantity, int leverage) {
    }

    static final class Echo extends ApiHandler {
        Echo() {
            route("GET", "/health", request -> ApiResponse.ok(Map.of("path", request.path())));
            route("POST", "/orders", request -> ApiResponse.created(request.body(Order.class)));
            route("GET", "/conflict", request -> {
                throw ApiException.conflict("DUPLICATE", "Already there");
            });
            route("GET", "/boom", request -> {
                throw new IllegalStateException("secret internals at com.tradebot.Foo");
            });
            route("GET", "/cookie", request -> ApiResponse.noContent().cookie("a=1; HttpOnly").cookie("b=2; Secure"));
        }
    }

    private final Echo handler = new Echo();

    private static APIGatewayProxyRequestEvent request(String method, String resource, String body) {
        APIGatewayProxyRequestEvent event = EventLoader.loadApiGatewayRestEvent("../../events/api/health.json");
        return event.withHttpMethod(method).withResource(resource).withPath(resource).withBody(body);
    }

    private static JsonNode error(APIGatewayProxyResponseEvent response) {
        return Json.readTree(response.getBody()).get("error");
    }

    @Test
    void routesBySampleEvent() {
        APIGatewayProxyResponseEvent response = handler.handleRequest(
                EventLoader.loadApiGatewayRestEvent("../../events/api/health.json"), null);
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
        assertThat(Json.readTree(response.getBody()).get("path").asText()).isEqualTo("/health");
    }

    @Test
    void bindsBodiesWithExactDecimals() {
        APIGatewayProxyResponseEvent response = handler.handleRequest(
                request("POST", "/orders", "{\"pair\":\"BTC/USDT\",\"quantity\":0.10000000000000000001,\"leverage\":3}"), null);
        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(response.getBody()).contains("0.10000000000000000001");
    }

    @Test
    void malformedJsonIs400() {
        APIGatewayProxyResponseEvent response = handler.handleRequest(request("POST", "/orders", "{\"pair\":"), null);
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(error(response).get("code").asText()).isEqualTo("INVALID_JSON");
    }

    @Test
    void wrongTypesAre400NamingTheField() {
        APIGatewayProxyResponseEvent response = handler.handleRequest(
                request("POST", "/orders", "{\"pair\":\"BTC/USDT\",\"quantity\":\"lots\",\"leverage\":3}"), null);
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(error(response).get("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(error(response).get("details").get(0).get("field").asText()).isEqualTo("quantity");
    }

    @Test
    void oversizedBodiesAre400() {
        String big = "{\"pair\":\"" + "x".repeat(ApiRequest.MAX_BODY_BYTES) + "\"}";
        APIGatewayProxyResponseEvent response = handler.handleRequest(request("POST", "/orders", big), null);
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(error(response).get("code").asText()).isEqualTo("BODY_TOO_LARGE");
    }

    @Test
    void apiExceptionsKeepTheirStatusAndCode() {
        APIGatewayProxyResponseEvent response = handler.handleRequest(request("GET", "/conflict", null), null);
        assertThat(response.getStatusCode()).isEqualTo(409);
        assertThat(error(response).get("code").asText()).isEqualTo("DUPLICATE");
    }

    @Test
    void unexpectedErrorsAre500WithoutInternals() {
        APIGatewayProxyResponseEvent response = handler.handleRequest(request("GET", "/boom", null), null);
        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(error(response).get("code").asText()).isEqualTo("INTERNAL");
        assertThat(response.getBody()).doesNotContain("secret", "com.tradebot", "Exception");
        assertThat(error(response).get("message").asText()).contains("c6af9ac6-7b61-11e6-9a41-93e8deadbeef");
    }

    @Test
    void unknownRoutesAre404() {
        APIGatewayProxyResponseEvent response = handler.handleRequest(request("DELETE", "/health", null), null);
        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(error(response).get("code").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void severalCookiesBecomeSeveralSetCookieHeaders() {
        APIGatewayProxyResponseEvent response = handler.handleRequest(request("GET", "/cookie", null), null);
        assertThat(response.getStatusCode()).isEqualTo(204);
        assertThat(response.getMultiValueHeaders().get("Set-Cookie")).containsExactly("a=1; HttpOnly", "b=2; Secure");
    }
}
