package com.tradebot.notification.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Where the bot token comes from: the Secrets Manager secret named in the function's environment, fetched with the
 * real SDK client (here against a WireMock stub answering GetSecretValue as the API reference shows), else the local
 * secrets directory's file, else nothing.
 */
class TelegramBotTokenTest {
    private static final String ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:tradebot/telegram-a1b2c3";
    private static final String TOKEN = "123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11";
    private final WireMockServer secretsManager = new WireMockServer(wireMockConfig().dynamicPort());

    @AfterEach
    void stop() {
        secretsManager.stop();
    }

    @Test
    void theSecretNamedInTheEnvironmentIsFetchedThroughTheSdk() {
        secretsManager.start();
        secretsManager.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"ARN\":\"" + ARN + "\",\"CreatedDate\":1.523477145713E9,"
                                + "\"Name\":\"tradebot/telegram\",\"SecretString\":\"" + TOKEN + "\\n\","
                                + "\"VersionId\":\"EXAMPLE1-90ab-cdef-fedc-ba987SECRET1\","
                                + "\"VersionStages\":[\"AWSCURRENT\"]}")));
        try (SecretsManagerClient client = SecretsManagerClient.builder()
                .endpointOverride(URI.create(secretsManager.baseUrl())).region(Region.US_EAST_1)
                .httpClient(Apache5HttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("id", "secret")))
                .build()) {
            String token = TelegramBotToken.resolve(Optional.of(ARN), Optional.empty(),
                    id -> TelegramBotToken.secretString(client, id));
            assertThat(token).isEqualTo(TOKEN);
        }
        secretsManager.verify(1, postRequestedFor(urlEqualTo("/"))
                .withRequestBody(equalToJson("{\"SecretId\":\"" + ARN + "\"}")));
    }

    @Test
    void locallyTheTokenIsAFileOfTheSecretsDirectoryAndOtherwiseThereIsNone(@TempDir Path secrets) throws Exception {
        assertThat(TelegramBotToken.resolve(Optional.empty(), Optional.of(secrets), id -> {
            throw new AssertionError("no secret to fetch");
        })).isEmpty();
        Files.writeString(secrets.resolve(TelegramBotToken.LOCAL_FILE), TOKEN + "\n");
        assertThat(TelegramBotToken.resolve(Optional.empty(), Optional.of(secrets), id -> {
            throw new AssertionError("no secret to fetch");
        })).isEqualTo(TOKEN);
        assertThat(TelegramBotToken.resolve(Optional.empty(), Optional.empty(), id -> "x")).isEmpty();
    }
}
