package com.tradebot.local.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tradebot.local.lambda.LocalFunctions;
import com.tradebot.local.lambda.fixtures.FailingHandler;
import com.tradebot.local.lambda.fixtures.TokenAuthorizer;
import com.tradebot.local.template.CfnTemplate;
import com.tradebot.local.template.LocalBindings;
import com.tradebot.local.template.TemplateModel;
import com.tradebot.local.template.TestTemplates;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RestGatewayTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> FIRED = new CopyOnWriteArrayList<>();
    private static LocalFunctions functions;
    private static RestGateway gateway;

    @BeforeAll
    static void start() {
        LocalBindings bindings = new LocalBindings();
        TemplateModel model = new TemplateModel(CfnTemplate.load(TestTemplates.localTestTemplate(), Map.of(), bindings));
        functions = new LocalFunctions(Map.of("AWS_REGION", "us-east-1"), RestGatewayTest.class.getClassLoader());
        gateway = RestGateway.start(0, model.restApis(), functions, name -> {
            if (!name.equals("nightly")) {
                throw new NoSuchElementException(name);
            }
            FIRED.add(name);
        });
        bindings.restEndpoint(gateway.endpoint());
        bindings.webSocketEndpoint(URI.create("ws://127.0.0.1:1"));
        model.functions().forEach(functions::register);
        functions.markReady();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        functions.close();
    }

    private static HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.endpoint().resolve(path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    @Test
    void literalSegmentsWinOverParametersAndPathParametersAreMapped() throws Exception {
        JsonNode literal = json(get("/echo/special"));
        JsonNode param = json(get("/echo/42"));

        assertThat(literal.get("resource").asText()).isEqualTo("/echo/special");
        assertThat(literal.path("pathParameters").isMissingNode() || literal.get("pathParameters").isNull()).isTrue();
        assertThat(param.get("resource").asText()).isEqualTo("/echo/{id}");
        assertThat(param.at("/pathParameters/id").asText()).isEqualTo("42");
        assertThat(param.get("httpMethod").asText()).isEqualTo("GET");
        assertThat(param.at("/requestContext/stage").asText()).isEqualTo("test");
        assertThat(param.at("/requestContext/resourcePath").asText()).isEqualTo("/echo/{id}");
        assertThat(param.at("/requestContext/identity/sourceIp").asText()).isEqualTo("127.0.0.1");
        assertThat(param.at("/requestContext/requestTimeEpoch").asLong()).isPositive();
        assertThat(param.at("/requestContext/requestId").asText()).isNotBlank();
    }

    @Test
    void greedyPathTakesTheRestOfThePath() throws Exception {
        JsonNode event = json(get("/files/reports/2026/q3.csv"));

        assertThat(event.at("/pathParameters/proxy").asText()).isEqualTo("reports/2026/q3.csv");
        assertThat(event.get("resource").asText()).isEqualTo("/files/{proxy+}");
    }

    @Test
    void unknownRouteGetsTheTemplatesNotFoundResponse() throws Exception {
        HttpResponse<String> response = get("/files");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).at("/error/code").asText()).isEqualTo("NOT_FOUND");
        assertThat(json(response).at("/error/requestId").asText()).isNotBlank();
        assertThat(get("/no/such/route").statusCode()).isEqualTo(404);
    }

    @Test
    void queryStringsAndHeadersKeepEveryValue() throws Exception {
        JsonNode event = json(get("/echo/1?x=1&x=2&y=hello%20world", "X-Multi", "one", "X-Multi", "two"));

        assertThat(event.at("/queryStringParameters/x").asText()).isEqualTo("2");
        assertThat(event.at("/queryStringParameters/y").asText()).isEqualTo("hello world");
        assertThat(event.at("/multiValueQueryStringParameters/x")).hasSize(2);
        assertThat(event.at("/multiValueQueryStringParameters/x/0").asText()).isEqualTo("1");
        JsonNode multi = headerIgnoringCase(event.get("multiValueHeaders"), "X-Multi");
        assertThat(multi).isNotNull();
        assertThat(multi.toString()).contains("one").contains("two");
    }

    private static JsonNode headerIgnoringCase(JsonNode headers, String name) {
        for (var fields = headers.fields(); fields.hasNext();) {
            var field = fields.next();
            if (field.getKey().equalsIgnoreCase(name)) {
                return field.getValue();
            }
        }
        return null;
    }

    @Test
    void responseCarriesSeveralCookiesAndTheFunctionsEnvironmentAndRequestId() throws Exception {
        HttpResponse<String> response = get("/echo/7");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().allValues("Set-Cookie")).containsExactlyInAnyOrder("a=1; Path=/",
                "b=2; HttpOnly");
        assertThat(response.headers().firstValue("X-Greeting")).hasValue("hello");
        assertThat(response.headers().firstValue("X-Greeting-At-Construction")).hasValue("hello");
        assertThat(response.headers().firstValue("X-Function-Name")).hasValue("tradebot-local-echo");
        assertThat(response.headers().firstValue("X-Remaining-Positive")).hasValue("true");
        assertThat(response.headers().firstValue("X-Log-Request-Id"))
                .isEqualTo(response.headers().firstValue("X-Request-Id"));
    }

    @Test
    void textBodiesArriveAsTextAndBinaryBodiesAsBase64BothWays() throws Exception {
        HttpResponse<String> text = HTTP.send(HttpRequest.newBuilder(gateway.endpoint().resolve("/echo/1"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        byte[] binary = {(byte) 0xff, 0x00, (byte) 0x80, 0x7f, (byte) 0xc3};
        HttpResponse<byte[]> upload = HTTP.send(HttpRequest.newBuilder(gateway.endpoint().resolve("/binary"))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(binary)).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(json(text).get("body").asText()).isEqualTo("{\"a\":1}");
        assertThat(json(text).get("isBase64Encoded").asBoolean()).isFalse();
        assertThat(upload.statusCode()).isEqualTo(201);
        assertThat(upload.headers().firstValue("X-Was-Base64")).hasValue("true");
        assertThat(upload.body()).isEqualTo(binary);
    }

    @Test
    void mapHandlersSeeTheEventWithAwsFieldNames() throws Exception {
        HttpResponse<String> response = get("/map");

        assertThat(response.body()).startsWith("keys=").contains("httpMethod").contains("requestContext")
                .contains("multiValueHeaders");
    }

    @Test
    void aThrowingHandlerGives502WithoutItsMessage() throws Exception {
        HttpResponse<String> response = get("/fail");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(json(response).at("/error/code").asText()).isEqualTo("INTERNAL");
        assertThat(json(response).at("/error/message").asText()).isEqualTo("Internal server error");
        assertThat(response.body()).doesNotContain(FailingHandler.SECRET_MESSAGE).doesNotContain("Exception");
    }

    @Test
    void authorizerAllowsDeniesAndPropagatesItsContext() throws Exception {
        HttpResponse<String> missing = get("/private/1");
        HttpResponse<String> allowed = get("/private/1", "Authorization", "Bearer allow-alice");
        HttpResponse<String> wildcard = get("/private/2", "Authorization", "Bearer wildcard-carol");
        HttpResponse<String> denied = get("/private/1", "Authorization", "Bearer deny");
        HttpResponse<String> otherMethodOnly = get("/private/1", "Authorization", "Bearer other");
        HttpResponse<String> unauthorized = get("/private/1", "Authorization", "Bearer garbage");

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(json(missing).at("/error/code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(missing.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(allowed.statusCode()).isEqualTo(200);
        JsonNode authorizer = json(allowed).at("/requestContext/authorizer");
        assertThat(authorizer.get("principalId").asText()).isEqualTo("alice");
        assertThat(authorizer.get("role").asText()).isEqualTo("PROVIDER");
        assertThat(authorizer.get("tier").asInt()).isEqualTo(3);
        assertThat(wildcard.statusCode()).isEqualTo(200);
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(json(denied).at("/error/message").asText()).contains("explicit deny");
        assertThat(otherMethodOnly.statusCode()).isEqualTo(403);
        assertThat(unauthorized.statusCode()).isEqualTo(401);
    }

    @Test
    void authorizerResultsAreCachedForReauthorizeEvery() throws Exception {
        int before = TokenAuthorizer.INVOCATIONS.get();
        assertThat(get("/query-private?token=allow-bob").statusCode()).isEqualTo(200);
        assertThat(get("/query-private?token=allow-bob").statusCode()).isEqualTo(200);
        assertThat(TokenAuthorizer.INVOCATIONS.get() - before).isEqualTo(1);
        assertThat(get("/query-private").statusCode()).isEqualTo(401);
    }

    @Test
    void wafRateRuleBlocksWithItsCustomResponse() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(get("/limited/ping").statusCode()).isEqualTo(200);
        }
        HttpResponse<String> blocked = get("/LIMITED/ping");

        assertThat(blocked.statusCode()).isEqualTo(429);
        assertThat(blocked.headers().firstValue("Retry-After")).hasValue("60");
        assertThat(json(blocked).at("/error/code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(get("/echo/1").statusCode()).isEqualTo(200);
    }

    @Test
    void dashboardFilesDoNotCountAgainstTheApisWafRule() throws Exception {
        // on AWS CloudFront serves them from the bucket; the web ACL is associated with the API stage only
        Path root = Files.createTempDirectory("dashboard");
        Files.createDirectories(root.resolve("web/limited"));
        Files.writeString(root.resolve("web/limited/app.js"), "console.log(1)");
        try (URLClassLoader files = new URLClassLoader(new URL[] {root.toUri().toURL()}, null)) {
            gateway.serveDashboard(new DashboardSite(files, () -> 1));
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> file = get("/limited/app.js");
                assertThat(file.statusCode()).isEqualTo(200);
                assertThat(file.body()).isEqualTo("console.log(1)");
            }
            // (more than the rule's limit of 3: counted, the fourth would be blocked; no API request is sent here, so
            // wafRateRuleBlocksWithItsCustomResponse keeps its budget)
        } finally {
            gateway.serveDashboard(null);
        }
    }

    @Test
    void stageThrottlingAnswersThrottledGatewayResponse() throws Exception {
        int throttled = 0;
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> response = get("/throttled");
            if (response.statusCode() == 429) {
                throttled++;
                assertThat(json(response).at("/error/code").asText()).isEqualTo("RATE_LIMITED");
            }
        }
        assertThat(throttled).isEqualTo(2);
    }

    @Test
    void payloadsOverTenMegabytesGet413() throws Exception {
        byte[] body = new byte[RestGateway.MAX_PAYLOAD_BYTES + 1];
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(gateway.endpoint().resolve("/echo/1"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).at("/error/code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
    }

    @Test
    void corsPreflightUsesTheApisCors() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(gateway.endpoint().resolve("/echo/1"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://localhost:8080").header("Access-Control-Request-Method", "POST").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers")).hasValue("Content-Type,Authorization");
    }

    @Test
    void localScheduleEndpointFiresKnownSchedulesOnly() throws Exception {
        HttpResponse<String> fired = HTTP.send(HttpRequest.newBuilder(
                gateway.endpoint().resolve("/_local/schedules/nightly")).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> unknown = HTTP.send(HttpRequest.newBuilder(
                gateway.endpoint().resolve("/_local/schedules/nope")).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(fired.statusCode()).isEqualTo(202);
        assertThat(FIRED).contains("nightly");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).at("/error/code").asText()).isEqualTo("NOT_FOUND");
    }
}
