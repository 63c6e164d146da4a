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
        java.util.Map<String, String> headers = new java.util.HashMap<>(event.getHeaders() == null ? Map.of() : event.getHeaders());
        headers.put("Content-Type", "application/json; charset=utf-8");
        return event.withHttpMethod(method).withResource(resource).withPath(resource).withBody(body).withHeaders(headers);
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

    record Named(String name, int count, boolean active) {
    }

    static final class Strict extends ApiHandler {
        Strict() {
            route("POST", "/named", request -> ApiResponse.ok(request.body(Named.class)));
            route("POST", "/hook", request -> ApiResponse.ok(Map.of("raw", String.valueOf(request.rawBody()))));
            acceptAnyContentType("POST", "/hook");
        }
    }

    @Test
    void scalarsAreNotCoercedAndTheFieldIsNamed() {
        Strict strict = new Strict();
        for (String body : new String[] {"{\"name\":1e999999999}", "{\"name\":12}", "{\"name\":true}",
                "{\"count\":1.5}", "{\"count\":\"7\"}", "{\"active\":1}", "{\"active\":\"yes\"}"}) {
            APIGatewayProxyResponseEvent response = strict.handleRequest(request("POST", "/named", body), null);
            assertThat(response.getStatusCode()).as(body).isEqualTo(400);
            String field = body.substring(2, body.indexOf('"', 2));
            assertThat(error(response).at("/details/0/field").asText()).as(body).isEqualTo(field);
        }
        assertThat(strict.handleRequest(request("POST", "/named", "{\"name\":\"x\",\"count\":2,\"active\":true}"), null)
                .getStatusCode()).isEqualTo(200);
    }

    @Test
    void loneSurrogatesAnywhereInTheBodyAre400NamingTheField() {
        APIGatewayProxyResponseEvent response = new Strict().handleRequest(
                request("POST", "/named", "{\"name\":\"x\\ud800y\"}"), null);
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(error(response).at("/details/0/field").asText()).isEqualTo("name");
    }

    @Test
    void bodiesMustBeDeclaredJsonUnlessTheRouteSaysOtherwise() {
        APIGatewayProxyRequestEvent plain = request("POST", "/named", "{\"name\":\"x\"}");
        plain.getHeaders().put("Content-Type", "text/plain");
        APIGatewayProxyResponseEvent refused = new Strict().handleRequest(plain, null);
        assertThat(refused.getStatusCode()).isEqualTo(415);
        assertThat(error(refused).get("code").asText()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        plain.getHeaders().remove("Content-Type");
        assertThat(new Strict().handleRequest(plain, null).getStatusCode()).isEqualTo(415);

        APIGatewayProxyRequestEvent hook = request("POST", "/hook", "plain words");
        hook.getHeaders().put("Content-Type", "text/plain");
        assertThat(new Strict().handleRequest(hook, null).getStatusCode()).isEqualTo(200);
        // no body, no media type needed (e.g. logout with the cookie only)
        assertThat(new Strict().handleRequest(request("POST", "/hook", null), null).getStatusCode()).isEqualTo(200);
    }
}
