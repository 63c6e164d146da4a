package com.tradebot.dynamodb.conformance.support;

import java.net.URI;
import java.time.Duration;

import com.tradebot.dynamodb.DynamoDbEngine;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The server the suite talks to, started once per JVM.
 *
 * <p>With {@code -Ddynamodb.endpoint=http://host:port} the suite runs against that server (e.g. dynalite,
 * to check our expectations against an independent implementation); otherwise it starts our engine
 * in-process on a free port.
 */
public final class DynamoDbTarget {
    public static final String ENDPOINT_PROPERTY = "dynamodb.endpoint";

    private static volatile DynamoDbTarget shared;

    private final URI endpoint;
    private final boolean external;
    private final DynamoDbClient client;

    private DynamoDbTarget(URI endpoint, boolean external) {
        this.endpoint = endpoint;
        this.external = external;
        this.client = newClient(endpoint);
    }

    public static DynamoDbTarget shared() {
        if (shared == null) {
            synchronized (DynamoDbTarget.class) {
                if (shared == null) {
                    shared = start();
                }
            }
        }
        return shared;
    }

    private static DynamoDbTarget start() {
        String configured = System.getProperty(ENDPOINT_PROPERTY, "");
        if (!configured.isBlank()) {
            return new DynamoDbTarget(URI.create(configured.trim()), true);
        }
        DynamoDbEngine engine = DynamoDbEngine.builder().port(0).start();
        Runtime.getRuntime().addShutdownHook(new Thread(engine::close, "conformance-engine-shutdown"));
        return new DynamoDbTarget(engine.endpoint(), false);
    }

    public URI endpoint() {
        return endpoint;
    }

    /** True when the suite runs against a server given by {@value #ENDPOINT_PROPERTY}, not our engine. */
    public boolean external() {
        return external;
    }

    public DynamoDbClient client() {
        return client;
    }

    /** A client as an application would build it: real SDK, real HTTP, dummy credentials, no retries. */
    public static DynamoDbClient newClient(URI endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("dummy", "dummy")))
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(30))
                        .build())
                // no retries: a conformance failure must surface as the first answer, not be retried away
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }
}
