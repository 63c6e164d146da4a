package com.tradebot.common;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
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
 * The URL-connection HTTP client keeps cold starts short.
 */
public final class AwsClients {
    private static final SdkHttpClient HTTP = UrlConnectionHttpClient.builder().build();
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
