package com.tradebot.common;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds each AWS client once per endpoint. On Lambda the endpoint is the service's own; the local platform sets
 * {@code TRADEBOT_<SERVICE>_ENDPOINT} so the same code talks to the embedded services.
 *
 * <p>One Apache 5 HTTP client serves them all. The URL-connection client (chosen before for shorter cold starts, which
 * SnapStart now takes care of) stalls every call: ~1.2 ms per call against ~0.06 ms on the same server
 * (bench/README.md), paid by each of the calls a webhook, a dispatch or a delivery makes one after the other. Side by
 * side on the fan-out benchmark, three pairs of runs: webhook ack p50 38-54 ms → 32-37 ms, last of 1,000 subscribers
 * p50 667-1,058 ms → 533-602 ms.
 */
public final class AwsClients {
    /**
     * Enough connections for a delivery's push threads and every other call of the local platform, where all functions
     * share this JVM (the default 50 would make push threads queue for a connection).
     */
    private static final int MAX_CONNECTIONS = 128;
    private static final SdkHttpClient HTTP = Apache5HttpClient.builder().maxConnections(MAX_CONNECTIONS).build();
    private static final Map<String, Object> CLIENTS = new ConcurrentHashMap<>();

    private AwsClients() {
    }

    public static DynamoDbClient dynamoDb() {
        return cached("dynamodb", Env.find("TRADEBOT_DYNAMODB_ENDPOINT"), DynamoDbClient.builder());
    }

    public static SqsClient sqs() {
        return cached("sqs", Env.find("TRADEBOT_SQS_ENDPOINT"), SqsClient.builder());
    }

    public static SnsClient sns() {
        return cached("sns", Env.find("TRADEBOT_SNS_ENDPOINT"), SnsClient.builder());
    }

    public static KmsClient kms() {
        return cached("kms", Env.find("TRADEBOT_KMS_ENDPOINT"), KmsClient.builder());
    }

    public static SecretsManagerClient secretsManager() {
        return cached("secretsmanager", Env.find("TRADEBOT_SECRETSMANAGER_ENDPOINT"), SecretsManagerClient.builder());
    }

    /** The WebSocket management API lives at the API's own URL ({@code https://{api}.execute-api.../{stage}}). */
    public static ApiGatewayManagementApiClient webSocketManagement(String callbackUrl) {
        return cached("apigw", Optional.of(callbackUrl), ApiGatewayManagementApiClient.builder());
    }

    /** The HTTP client every AWS client of this process uses. */
    public static SdkHttpClient httpClient() {
        return HTTP;
    }

    @SuppressWarnings("unchecked")
    private static <C, B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>> C cached(
            String service, Optional<String> endpoint, B builder) {
        String key = service + "|" + endpoint.orElse("");
        return (C) CLIENTS.computeIfAbsent(key, k -> {
            builder.httpClient(HTTP).region(region());
            endpoint.map(URI::create).ifPresent(builder::endpointOverride);
            return builder.build();
        });
    }

    private static Region region() {
        return Region.of(Env.find("AWS_REGION").orElse(System.getProperty("aws.region", "us-east-1")));
    }
}
