package com.tradebot.local;

import com.tradebot.dynamodb.DynamoDbEngine;
import com.tradebot.dynamodb.protocol.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An SDK HTTP client that hands DynamoDB requests to the engine in this JVM ({@link DynamoDbEngine#handle}) instead of
 * its port: the platform's own writes while it starts (the bundled market data) go through the real SDK and the
 * engine's protocol layer, and pass the gate that holds the port's requests until they are done.
 */
final class EngineHttpClient implements SdkHttpClient {
    private static final String TARGET_PREFIX = "DynamoDB_20120810.";

    private final DynamoDbEngine engine;

    EngineHttpClient(DynamoDbEngine engine) {
        this.engine = engine;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                String target = request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("");
                String operation = target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : null;
                byte[] body;
                if (request.contentStreamProvider().isPresent()) {
                    try (InputStream in = request.contentStreamProvider().get().newStream()) {
                        body = in.readAllBytes();
                    }
                } else {
                    body = new byte[0];
                }
                Response response = engine.handle(operation, body);
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder().statusCode(response.status())
                                .putHeader("Content-Type", "application/x-amz-json-1.0").build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(response.body())))
                        .build();
            }

            @Override
            public void abort() {
                // answered synchronously in call(); nothing to abort
            }
        };
    }

    @Override
    public String clientName() {
        return "TradebotEngineInProcess";
    }

    @Override
    public void close() {
        // the engine belongs to the platform
    }
}
