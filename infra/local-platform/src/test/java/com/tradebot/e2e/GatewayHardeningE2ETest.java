package com.tradebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tradebot.local.LocalPlatform;
import com.tradebot.local.Options;
import com.tradebot.testing.WebSocketTestClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Issue 22's gateway attacks, over the network against the platform running template.yaml: rate-limit bypass by
 * spelling the login path differently, frame injection through the {@code @connections} API, a bad %-escape, and
 * CORS headers missing from real responses. Each test is its own client IP (127.0.0.x) for the WAF's counters.
 */
class GatewayHardeningE2ETest {
    private static LocalPlatform platform;

    @BeforeAll
    static void start() {
        platform = LocalPlatform.start(Options.freePorts(ProjectTemplate.path()));
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    private static RawHttp from(String sourceIp) {
        return new RawHttp(platform.restEndpoint(), sourceIp);
    }

    private static void assertBlockedByWaf(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(429);
        assertThat(response.header("Retry-After")).contains("60");
        assertThat(response.errorCode()).isEqualTo("TOO_MANY_REQUESTS");
        assertThat(response.header("Access-Control-Allow-Origin")).contains("*");
    }

    @Test
    void everySpellingOfTheLoginPathCountsTowardsTheLoginLimit() {
        RawHttp attacker = from("127.0.0.2");
        // each spelling reaches the login function (400: empty body), as API Gateway routes it
        List<String> spellings = List.of("/api/auth/login/", "//api/auth/login", "/api/auth/login//",
                "/api/auth/%6Cogin", "/api/auth/login");
        for (int i = 0; i < 20; i++) {
            String path = spellings.get(i % spellings.size());
            Http.Response response = attacker.post(path, "{}");
            assertThat(response.status()).as("login #" + (i + 1) + " " + path + ": " + response.body())
                    .isEqualTo(400);
        }
        assertBlockedByWaf(attacker.post("/api/auth/login/", "{}"));
        assertBlockedByWaf(attacker.post("/API/Auth/Login", "{}"));
        // other clients are not affected
        assertThat(from("127.0.0.12").post("/api/auth/login/", "{}").status()).isEqualTo(400);
    }

    /** On AWS the dashboard comes from CloudFront: a client the API's WAF blocks still loads the page. */
    @Test
    void theApisPerIpLimitDoesNotCoverTheDashboardsFiles() {
        RawHttp busy = from("127.0.0.40");
        for (int i = 0; i < 40; i++) {
            assertThat(busy.get("/").status()).as("dashboard load #" + (i + 1)).isEqualTo(200);
            assertThat(busy.get("/config.json").status()).isEqualTo(200);
        }
        int answered = 0;
        while (busy.get("/health").status() == 200) {
            answered++;
            assertThat(answered).as("API calls answered before the per-IP limit").isLessThanOrEqualTo(100);
        }
        assertBlockedByWaf(busy.get("/health"));
        assertThat(answered).isEqualTo(100);
        assertThat(busy.get("/").status()).isEqualTo(200);
    }

    @Test
    void trailingSlashOnRegisterCountsTowardsTheRegisterLimit() {
        RawHttp attacker = from("127.0.0.3");
        for (int i = 0; i < 10; i++) {
            Http.Response response = attacker.post(i % 2 == 0 ? "/api/auth/register/" : "/api/auth/register", "{}");
            assertThat(response.status()).as("register #" + (i + 1) + ": " + response.body()).isEqualTo(400);
        }
        assertBlockedByWaf(attacker.post("/api/auth/register/", "{}"));
    }

    @Test
    void anEmptySegmentInsideThePathIsNoRouteAsOnApiGateway() {
        Http.Response response = from("127.0.0.4").post("/api//auth/login", "{}");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.errorCode()).isEqualTo("NOT_FOUND");
    }

    @Test
    void badPercentEscapesGetTheContractsJsonError() {
        RawHttp client = from("127.0.0.5");
        for (String target : List.of("/api/exchange-keys/%zz", "/api/exchange-keys/%C3%28", "/api/exchange-keys/%",
                "/health?x=%zz")) {
            Http.Response response = client.send(target.startsWith("/health") ? "GET" : "DELETE", target, null);

            assertThat(response.status()).as(target).isEqualTo(400);
            assertThat(response.header("Content-Type")).as(target)
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
            assertThat(response.errorCode()).as(target).isEqualTo("BAD_REQUEST");
            assertThat(response.json().at("/error/message").asText()).as(target).contains("percent-encoding");
        }
        // well-formed escapes still reach the function (and its authorizer)
        assertThat(client.send("DELETE", "/api/exchange-keys/a%20b", null).status()).isEqualTo(401);
    }

    @Test
    void realResponsesCarryTheCorsOriginNotOnlyPreflights() {
        RawHttp browser = from("127.0.0.6");
        Map<String, Http.Response> responses = Map.of(
                "function 200", browser.get("/health"),
                "function 400", browser.post("/api/auth/login", "{}"),
                "authorizer 401", browser.get("/api/auth/me"),
                "no route 404", browser.get("/no/such/route"),
                "bad escape 400", browser.get("/health/%zz"));

        responses.forEach((what, response) -> assertThat(response.header("Access-Control-Allow-Origin"))
                .as(what + " " + response.status()).contains("*"));
        assertThat(responses.get("function 200").status()).isEqualTo(200);
        assertThat(responses.get("authorizer 401").status()).isEqualTo(401);
    }

    @Test
    void connectionsApiRefusesCallersWithoutTheFunctionsSignature() throws Exception {
        try (WebSocketTestClient victim = WebSocketTestClient.connect(platform.webSocketEndpoint())) {
            // the platform's own functions answer through @connections with their signed SDK client
            assertThat(victim.send("{\"action\":\"ping\"}").get("event").asText()).isEqualTo("pong");
            String connectionId = connectionId();
            String target = "/" + platform.connectionsEndpoint().getPath().replaceAll("^/+", "")
                    + "/@connections/" + connectionId;
            RawHttp local = new RawHttp(platform.connectionsEndpoint(), "127.0.0.1");

            Http.Response unsigned = local.post(target, "{\"event\":\"signal_new\",\"data\":{\"fake\":true}}");
            Http.Response forged = local.post(target, "{\"event\":\"signal_new\"}",
                    "Authorization", "AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/execute-api/aws4_request, "
                            + "SignedHeaders=host;x-amz-date, Signature=" + "0".repeat(64),
                    "X-Amz-Date", "20260101T000000Z");
            Http.Response describe = local.get(target);
            Http.Response close = local.send("DELETE", target, null);

            for (Http.Response refused : List.of(unsigned, forged, describe, close)) {
                assertThat(refused.status()).as(refused.body()).isEqualTo(403);
                assertThat(refused.header("x-amzn-ErrorType")).isPresent();
                assertThat(refused.json().get("message").asText()).isNotBlank();
            }
            assertThat(unsigned.json().get("message").asText()).isEqualTo("Missing Authentication Token");
            // the README's well-known local credentials do not sign for the platform's functions either
            try (ApiGatewayManagementApiClient stranger = ApiGatewayManagementApiClient.builder()
                    .endpointOverride(platform.connectionsEndpoint()).region(Region.US_EAST_1)
                    .httpClient(Apache5HttpClient.create())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                    .build()) {
                assertThatThrownBy(() -> stranger.postToConnection(request -> request.connectionId(connectionId)
                        .data(SdkBytes.fromUtf8String("{\"event\":\"signal_new\"}"))))
                        .isInstanceOfSatisfying(AwsServiceException.class,
                                refusal -> assertThat(refusal.statusCode()).isEqualTo(403));
            }
            assertThat(victim.poll(Duration.ofMillis(300))).as("no frame was injected").isNull();
            assertThat(victim.send("{\"action\":\"ping\"}").get("event").asText()).isEqualTo("pong");
        }
    }

    /** The id of the one anonymous connection, as the platform stored it (the attacker's knowledge in the issue). */
    private static String connectionId() {
        try (DynamoDbClient dynamoDb = DynamoDbClient.builder().endpointOverride(platform.dynamoDbEndpoint())
                .region(Region.US_EAST_1).httpClient(Apache5HttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build()) {
            List<Map<String, AttributeValue>> items = dynamoDb.scan(scan -> scan
                    .tableName(platform.model().template().tableName("MainTable"))
                    .filterExpression("#type = :connection")
                    .expressionAttributeNames(Map.of("#type", "Type"))
                    .expressionAttributeValues(Map.of(":connection", AttributeValue.fromS("Connection")))).items();
            assertThat(items).hasSize(1);
            return items.get(0).get("PK").s().substring("CONN#".length());
        }
    }
}
