package com.tradebot.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.testing.WebSocketTestClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Boots the platform with the project's template.yaml on free ports and talks to it over real sockets. */
class LocalPlatformE2ETest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static LocalPlatform platform;

    @BeforeAll
    static void start() {
        platform = LocalPlatform.start(Options.freePorts(projectTemplate()));
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    static Path projectTemplate() {
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            if (Files.isRegularFile(directory.resolve("template.yaml"))) {
                return directory.resolve("template.yaml");
            }
        }
        throw new IllegalStateException("template.yaml not found");
    }

    @Test
    void healthAnswersOverHttp() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(platform.restEndpoint().resolve("/health"))
                .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).isObject()).isTrue();
    }

    @Test
    void unknownRouteIsJsonNotFound() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(platform.restEndpoint().resolve("/nope"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).at("/error/code").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void pingOverWebSocketGetsPong() throws Exception {
        try (WebSocketTestClient client = WebSocketTestClient.connect(platform.webSocketEndpoint())) {
            JsonNode pong = client.send("{\"action\":\"ping\"}");
            assertThat(pong.path("event").asText()).isEqualTo("pong");
            assertThat(pong.path("ts").asText()).isNotBlank();
        }
    }

    @Test
    void reportsTheEndpointsOfEveryService() {
        assertThat(platform.dynamoDbEndpoint().getPort()).isPositive();
        assertThat(platform.sqsEndpoint().getPort()).isPositive();
        assertThat(platform.snsEndpoint().getPort()).isPositive();
        assertThat(platform.stepFunctionsEndpoint().getPort()).isPositive();
        assertThat(platform.connectionsEndpoint().toString()).endsWith("/v1");
    }
}
