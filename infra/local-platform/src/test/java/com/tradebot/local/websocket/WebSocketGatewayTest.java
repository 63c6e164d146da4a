package com.tradebot.local.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.testing.WebSocketTestClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tradebot.local.lambda.LocalFunctions;
import com.tradebot.local.lambda.fixtures.WsConnectHandler;
import com.tradebot.local.lambda.fixtures.WsDisconnectHandler;
import com.tradebot.local.template.CfnTemplate;
import com.tradebot.local.template.LocalBindings;
import com.tradebot.local.template.TemplateModel;
import com.tradebot.local.template.TestTemplates;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GetConnectionResponse;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;

class WebSocketGatewayTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalFunctions functions;
    private static WebSocketGateway gateway;
    private static ApiGatewayManagementApiClient management;

    @BeforeAll
    static void start() {
        LocalBindings bindings = new LocalBindings();
        TemplateModel model = new TemplateModel(CfnTemplate.load(TestTemplates.localTestTemplate(), Map.of(), bindings));
        functions = new LocalFunctions(Map.of(), WebSocketGatewayTest.class.getClassLoader());
        gateway = WebSocketGateway.start(0, model.webSocketApis(), functions,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
        bindings.webSocketEndpoint(gateway.endpoint());
        bindings.restEndpoint(URI.create("http://127.0.0.1:1"));
        model.functions().forEach(functions::register);
        functions.markReady();
        management = ApiGatewayManagementApiClient.builder()
                .endpointOverride(gateway.connectionsEndpoint("test"))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    @AfterAll
    static void stop() {
        management.close();
        gateway.close();
        functions.close();
    }

    /** The gateway's real WebSocket client, on a path of the test gateway. */
    private static final class Client {
        static WebSocketTestClient connect(String pathAndQuery) {
            return WebSocketTestClient.connect(URI.create(gateway.endpoint() + pathAndQuery));
        }
    }

    private static int handshakeStatus(String pathAndQuery) {
        try {
            Client.connect(pathAndQuery);
            return 101;
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(WebSocketHandshakeException.class);
            return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
        }
    }

    @Test
    void connectRunsTheAuthorizerFirstAndTheConnectRoute() {
        assertThat(handshakeStatus("/")).isEqualTo(401);
        assertThat(handshakeStatus("/?token=garbage")).isEqualTo(401);
        assertThat(handshakeStatus("/?token=deny")).isEqualTo(403);
        assertThat(handshakeStatus("/test?token=allow-dan&refuse=1")).isEqualTo(403);
        assertThat(handshakeStatus("/nostage?token=allow-dan")).isEqualTo(404);
    }

    @Test
    void routesByActionWithAuthorizerContextAndFallsBackToDefault() throws Exception {
        WebSocketTestClient client = Client.connect("/test?token=allow-erin");

        client.sendText("{\"action\":\"echo\",\"x\":1}");
        JsonNode echo = client.next(Duration.ofSeconds(5));
        client.sendText("{\"action\":\"unknown\"}");
        JsonNode unknownAction = client.next(Duration.ofSeconds(5));
        client.sendText("not json");
        JsonNode notJson = client.next(Duration.ofSeconds(5));

        assertThat(echo.get("routeKey").asText()).isEqualTo("echo");
        assertThat(echo.get("eventType").asText()).isEqualTo("MESSAGE");
        assertThat(echo.get("principalId").asText()).isEqualTo("erin");
        assertThat(echo.get("role").asText()).isEqualTo("PROVIDER");
        assertThat(echo.get("body").asText()).isEqualTo("{\"action\":\"echo\",\"x\":1}");
        assertThat(WsConnectHandler.CONNECTED).contains(echo.get("connectionId").asText());
        assertThat(unknownAction.get("routeKey").asText()).isEqualTo("$default");
        assertThat(notJson.get("routeKey").asText()).isEqualTo("$default");
        assertThat(notJson.get("body").asText()).isEqualTo("not json");
        client.close();
    }

    @Test
    void binaryFramesGoToDefaultBase64Encoded() throws Exception {
        WebSocketTestClient client = Client.connect("/?token=allow-jo");

        client.sendBinary(new byte[] {1, 2, (byte) 0xff});
        JsonNode reply = client.next(Duration.ofSeconds(5));

        assertThat(reply.get("routeKey").asText()).isEqualTo("$default");
        assertThat(java.util.Base64.getDecoder().decode(reply.get("body").asText()))
                .containsExactly(1, 2, (byte) 0xff);
        client.close();
    }

    @Test
    void routesWithoutResponseSelectionSendNothingBackAndFailuresSendAnError() throws Exception {
        WebSocketTestClient client = Client.connect("/?token=allow-fay");

        client.sendText("{\"action\":\"silent\"}");
        client.sendText("{\"action\":\"echo\",\"fail\":true}");
        JsonNode error = client.next(Duration.ofSeconds(5));

        assertThat(error.get("message").asText()).isEqualTo("Internal server error");
        assertThat(client.poll(Duration.ofMillis(200))).isNull();
        client.close();
    }

    @Test
    void managementApiPostsGetsAndDeletesThroughTheSdkAndGoneAfterDisconnect() throws Exception {
        WebSocketTestClient client = Client.connect("/test?token=allow-gus");
        client.sendText("{\"action\":\"echo\"}");
        String connectionId = client.next(Duration.ofSeconds(5)).get("connectionId").asText();

        management.postToConnection(request -> request.connectionId(connectionId)
                .data(SdkBytes.fromUtf8String("{\"event\":\"signal_new\",\"data\":{}}")));
        JsonNode pushed = client.next(Duration.ofSeconds(5));
        GetConnectionResponse connection = management.getConnection(request -> request.connectionId(connectionId));
        management.deleteConnection(request -> request.connectionId(connectionId));

        assertThat(pushed.get("event").asText()).isEqualTo("signal_new");
        assertThat(connection.identity().sourceIp()).isEqualTo("127.0.0.1");
        assertThat(connection.connectedAt()).isNotNull();
        assertThat(connection.lastActiveAt()).isNotNull();
        await().atMost(Duration.ofSeconds(5)).until(() -> WsDisconnectHandler.DISCONNECTED.contains(connectionId));
        assertThatThrownBy(() -> management.postToConnection(request -> request.connectionId(connectionId)
                .data(SdkBytes.fromUtf8String("late")))).isInstanceOf(GoneException.class);
        assertThatThrownBy(() -> management.getConnection(request -> request.connectionId("nope")))
                .isInstanceOf(GoneException.class);
    }

    @Test
    void managementApiRefusesUnsignedForgedAndForeignCallsWith403AndInjectsNothing() throws Exception {
        WebSocketTestClient client = Client.connect("/test?token=allow-hal");
        client.sendText("{\"action\":\"echo\"}");
        String connectionId = client.next(Duration.ofSeconds(5)).get("connectionId").asText();
        URI target = URI.create(gateway.connectionsEndpoint("test") + "/@connections/" + connectionId);
        String shaped = "AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/execute-api/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=" + "0".repeat(64);

        java.net.http.HttpResponse<String> unsigned = rawPost(target);
        java.net.http.HttpResponse<String> forged = rawPost(target, "Authorization", shaped,
                "X-Amz-Date", java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                        .withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.now()));
        java.net.http.HttpResponse<String> deleteUnsigned = HTTP.send(java.net.http.HttpRequest.newBuilder(target)
                .DELETE().build(), java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(unsigned.headers().firstValue("x-amzn-ErrorType")).hasValue("MissingAuthenticationTokenException");
        assertThat(JSON.readTree(unsigned.body()).get("message").asText()).isEqualTo("Missing Authentication Token");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.headers().firstValue("x-amzn-ErrorType")).isPresent();
        assertThat(deleteUnsigned.statusCode()).isEqualTo(403);
        for (String[] credentials : new String[][] {{"local", "not-the-secret"}, {"someone-else", "local"}}) {
            try (ApiGatewayManagementApiClient stranger = ApiGatewayManagementApiClient.builder()
                    .endpointOverride(gateway.connectionsEndpoint("test")).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(credentials[0], credentials[1]))).build()) {
                assertThatThrownBy(() -> stranger.postToConnection(request -> request.connectionId(connectionId)
                        .data(SdkBytes.fromUtf8String("{\"event\":\"injected\"}"))))
                        .isInstanceOfSatisfying(software.amazon.awssdk.awscore.exception.AwsServiceException.class,
                                refused -> assertThat(refused.statusCode()).isEqualTo(403));
            }
        }
        try (ApiGatewayManagementApiClient wrongRegion = ApiGatewayManagementApiClient.builder()
                .endpointOverride(gateway.connectionsEndpoint("test")).region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build()) {
            assertThatThrownBy(() -> wrongRegion.getConnection(request -> request.connectionId(connectionId)))
                    .isInstanceOfSatisfying(software.amazon.awssdk.awscore.exception.AwsServiceException.class,
                            refused -> assertThat(refused.statusCode()).isEqualTo(403));
        }
        assertThat(client.poll(Duration.ofMillis(300))).as("nothing reached the client").isNull();
        management.postToConnection(request -> request.connectionId(connectionId)
                .data(SdkBytes.fromUtf8String("{\"event\":\"signed\"}")));
        assertThat(client.next(Duration.ofSeconds(5)).get("event").asText()).isEqualTo("signed");
        client.close();
    }

    private static java.net.http.HttpResponse<String> rawPost(URI target, String... headers) throws Exception {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(target)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"event\":\"injected\"}"));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void messagesOverTheLimitCloseTheConnection() throws Exception {
        java.util.concurrent.CompletableFuture<Integer> closeCode = new java.util.concurrent.CompletableFuture<>();
        WebSocket socket = HTTP.newWebSocketBuilder().buildAsync(URI.create(gateway.endpoint() + "/?token=allow-ivy"),
                new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        closeCode.complete(statusCode);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket webSocket, Throwable error) {
                        closeCode.complete(-1);
                    }
                }).join();

        socket.sendText("x".repeat(WebSocketGateway.MAX_MESSAGE_BYTES + 1), true).join();

        assertThat(closeCode.get(5, TimeUnit.SECONDS)).isEqualTo(1009);
    }

    @Test
    void clientCloseRunsDisconnect() throws Exception {
        WebSocketTestClient client = Client.connect("/?token=allow-hal");
        client.sendText("{\"action\":\"echo\"}");
        String connectionId = client.next(Duration.ofSeconds(5)).get("connectionId").asText();

        client.close();

        await().atMost(Duration.ofSeconds(5)).until(() -> WsDisconnectHandler.DISCONNECTED.contains(connectionId));
        assertThatThrownBy(() -> management.deleteConnection(request -> request.connectionId(connectionId)))
                .isInstanceOf(GoneException.class);
    }
}
