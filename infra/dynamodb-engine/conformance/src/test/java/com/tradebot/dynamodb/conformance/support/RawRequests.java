package com.tradebot.dynamodb.conformance.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Requests the SDK cannot express (a JSON number where DynamoDB wants a string, a lone surrogate escape, random
 * bytes): posted as raw JSON 1.0 bodies over HTTP, as any client could send them.
 */
public final class RawRequests {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public record Answer(int status, String body) {
        /** The short error type, e.g. "ValidationException" from "com.amazon.coral.validate#ValidationException". */
        public String errorType() {
            int start = body.indexOf("\"__type\"");
            if (start < 0) {
                return null;
            }
            int open = body.indexOf('"', body.indexOf(':', start) + 1);
            int close = body.indexOf('"', open + 1);
            String type = body.substring(open + 1, close);
            return type.substring(type.indexOf('#') + 1);
        }
    }

    private RawRequests() {
    }

    public static Answer post(String operation, String json) {
        return post(operation, json.getBytes(StandardCharsets.UTF_8));
    }

    public static Answer post(String operation, byte[] body) {
        URI endpoint = DynamoDbTarget.shared().endpoint();
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "DynamoDB_20120810." + operation)
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=dummy/20240101/us-east-1/dynamodb/aws4_request, "
                        + "SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("no answer to " + operation, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
