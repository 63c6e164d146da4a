package com.tradebot.dynamodb.conformance.support;

import java.lang.reflect.Method;
import java.net.URI;
import java.time.Duration;

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
        AutoCloseable engine = EmbeddedEngine.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                engine.close();
            } catch (Exception ignored) {
                // the JVM is going away; nothing useful to do with a close failure
            }
        }));
        return new DynamoDbTarget(EmbeddedEngine.endpointOf(engine), false);
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

    /**
     * Starts {@code com.tradebot.dynamodb.DynamoDbEngine} through its public builder. Bound by reflection so this
     * black-box suite compiles on its own (it also runs against external servers) while the engine is still growing.
     */
    static final class EmbeddedEngine {
        private EmbeddedEngine() {
        }

        static AutoCloseable start() {
            try {
                Class<?> engineClass = Class.forName("com.tradebot.dynamodb.DynamoDbEngine");
                Method builderMethod = engineClass.getMethod("builder");
                Class<?> builderType = builderMethod.getReturnType();
                Object builder = builderType.getMethod("port", int.class).invoke(builderMethod.invoke(null), 0);
                return (AutoCloseable) builderType.getMethod("start").invoke(builder);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot start the embedded engine (DynamoDbEngine.builder().port(0).start())", e);
            }
        }

        static URI endpointOf(AutoCloseable engine) {
            try {
                return (URI) Class.forName("com.tradebot.dynamodb.DynamoDbEngine").getMethod("endpoint").invoke(engine);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("DynamoDbEngine.endpoint() is missing", e);
            }
        }
    }
}
