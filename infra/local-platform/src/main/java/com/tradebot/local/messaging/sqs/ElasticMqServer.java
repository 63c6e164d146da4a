package com.tradebot.local.messaging.sqs;

import com.tradebot.local.messaging.LocalAws;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.rest.sqs.TheSQSRestServerBuilder;

/** ElasticMQ's SQS-compatible REST server, embedded in this JVM on loopback. */
public final class ElasticMqServer implements AutoCloseable {

    private static final String HOST = "127.0.0.1";

    private final SQSRestServer server;
    private final int port;
    private final Duration startupTime;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ElasticMqServer(SQSRestServer server, int port, Duration startupTime) {
        this.server = server;
        this.port = port;
        this.startupTime = startupTime;
    }

    /** Starts on {@code port}, or on a free port when it is 0, and waits until it accepts connections. */
    public static ElasticMqServer start(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("SQS port must be 0..65535, got " + port);
        }
        long started = System.nanoTime();
        TheSQSRestServerBuilder builder = SQSRestServerBuilder.withInterface(HOST)
                .withAWSAccountId(LocalAws.ACCOUNT_ID)
                .withAWSRegion(LocalAws.REGION.id());
        // A fixed port also fixes the address ElasticMQ writes into queue URLs; a dynamic one is learnt at bind time.
        builder = port == 0
                ? builder.withDynamicPort()
                : builder.withPort(port).withServerAddress(new NodeAddress("http", HOST, port, ""));
        SQSRestServer server = builder.start();
        int boundPort;
        try {
            boundPort = server.waitUntilStarted().localAddress().getPort();
        } catch (RuntimeException e) {
            stopQuietly(server);
            throw new IllegalStateException("ElasticMQ could not listen on " + HOST + ":" + port + ": "
                    + e.getMessage(), e);
        }
        return new ElasticMqServer(server, boundPort, Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * Starts on a thread of its own: ElasticMQ's actor system takes the longest of anything the platform starts, so
     * it boots while the rest starts. The future fails with what {@link #start} throws.
     */
    public static CompletableFuture<ElasticMqServer> startAsync(int port) {
        CompletableFuture<ElasticMqServer> booted = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                booted.complete(start(port));
            } catch (RuntimeException | Error e) {
                booted.completeExceptionally(e);
            }
        }, "elasticmq-boot");
        thread.setDaemon(true);
        thread.start();
        return booted;
    }

    public URI endpoint() {
        return URI.create("http://" + HOST + ":" + port);
    }

    public int port() {
        return port;
    }

    /** How long {@link #start} took, from building the server to accepting connections. */
    public Duration startupTime() {
        return startupTime;
    }

    private static void stopQuietly(SQSRestServer server) {
        try {
            server.stopAndWait();
        } catch (RuntimeException ignored) {
            // it did not start; the actor system is what needed stopping
        }
    }

    /** Stops the server; safe to call twice (the platform and its messaging may both hold it on a failed start). */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stopAndWait();
        }
    }
}
