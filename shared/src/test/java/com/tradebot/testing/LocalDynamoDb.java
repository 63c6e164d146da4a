package com.tradebot.testing;

import com.tradebot.dynamodb.DynamoDbEngine;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The project's DynamoDB engine, started once per test JVM on a free port, with a fresh copy of the main table for
 * each caller: tests talk to a real DynamoDB-compatible server through the real SDK.
 */
public final class LocalDynamoDb {
    private static DynamoDbEngine engine;
    private static DynamoDbClient client;

    private LocalDynamoDb() {
    }

    public static synchronized DynamoDbClient client() {
        if (engine == null) {
            engine = DynamoDbEngine.builder().port(0).start();
            client = DynamoDbClient.builder()
                    .endpointOverride(engine.endpoint())
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                    .httpClient(Apache5HttpClient.builder().build())
                    .build();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> engine.close()));
        }
        return client;
    }

    public static synchronized String endpoint() {
        client();
        return engine.endpoint().toString();
    }

    /** Creates a new, empty main table and returns its name. */
    public static String newMainTable() {
        String name = "test-main-" + UUID.randomUUID();
        MainTableDefinition.create(client(), name);
        return name;
    }
}
