package com.tradebot.local.messaging;

import java.net.URI;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The SDK's SQS client the SNS deliveries and the event-source pollers share, built on first use: building one costs
 * seconds of class loading and first-time code on a cold JVM, work the platform does after its ready line.
 */
final class LazySqsClient implements Supplier<SqsClient>, AutoCloseable {
    private final URI endpoint;
    private SqsClient client;
    private boolean closed;

    LazySqsClient(URI endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public synchronized SqsClient get() {
        if (closed) {
            throw new IllegalStateException("The local SQS client is closed");
        }
        if (client == null) {
            client = LocalAws.sqsClient(endpoint);
        }
        return client;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (client != null) {
            client.close();
        }
    }
}
