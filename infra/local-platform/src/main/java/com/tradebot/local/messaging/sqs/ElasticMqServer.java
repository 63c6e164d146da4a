package com.tradebot.local.messaging.sqs;

import com.tradebot.local.messaging.LocalAws;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.ActorSystem;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.rest.sqs.TheSQSRestServerBuilder;

/** ElasticMQ's SQS-compatible REST server, embedded in this JVM on loopback. */
public final class ElasticMqServer implements AutoCloseable {

    private static final String HOST = "127.0.0.1";

    private static final String MANIFEST = "META-INF/MANIFEST.MF";

    private final SQSRestServer server;
    private final ActorSystem actorSystem;
    private final int port;
    private final Duration startupTime;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ElasticMqServer(SQSRestServer server, ActorSystem actorSystem, int port, Duration startupTime) {
        this.server = server;
        this.actorSystem = actorSystem;
        this.port = port;
        this.startupTime = startupTime;
    }

    /** Starts on {@code port}, or on a free port when it is 0, and waits until it accepts connections. */
    public static ElasticMqServer start(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("SQS port must be 0..65535, got " + port);
        }
        long started = System.nanoTime();
        ActorSystem actorSystem = actorSystem();
        TheSQSRestServerBuilder builder = SQSRestServerBuilder.withActorSystem(actorSystem).withInterface(HOST)
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
            stopQuietly(server, actorSystem);
            throw new IllegalStateException("ElasticMQ could not listen on " + HOST + ":" + port + ": "
                    + e.getMessage(), e);
        }
        return new ElasticMqServer(server, actorSystem, boundPort, Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * The actor system ElasticMQ would create itself ("elasticmq", the class path's configuration), except that Pekko
     * is shown only its own jars' manifests. At start Pekko reads every manifest on the class path to check that its
     * modules' versions agree; reading one from a signed jar (bcprov) verifies the jar's signature first, a fifth of
     * ElasticMQ's start-up CPU measured here, for a check that concerns Pekko's jars alone.
     */
    private static ActorSystem actorSystem() {
        ClassLoader loader = new PekkoManifestsOnly(ElasticMqServer.class.getClassLoader());
        return ActorSystem.create("elasticmq", ConfigFactory.load(loader), loader);
    }

    /** Delegates everything to its parent but the listing of manifests, which it limits to Pekko's jars. */
    private static final class PekkoManifestsOnly extends ClassLoader {
        PekkoManifestsOnly(ClassLoader parent) {
            super(parent);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            Enumeration<URL> all = super.getResources(name);
            if (!MANIFEST.equals(name)) {
                return all;
            }
            List<URL> pekko = new ArrayList<>();
            for (URL url : Collections.list(all)) {
                String path = url.getPath();
                int jarEnd = path.lastIndexOf("!/");
                String jar = jarEnd < 0 ? path : path.substring(path.lastIndexOf('/', jarEnd) + 1, jarEnd);
                if (jar.startsWith("pekko-")) {
                    pekko.add(url);
                }
            }
            return Collections.enumeration(pekko);
        }
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

    private static void stopQuietly(SQSRestServer server, ActorSystem actorSystem) {
        try {
            server.stopAndWait();
        } catch (RuntimeException ignored) {
            // it did not start; the actor system is what needed stopping
        }
        terminate(actorSystem);
    }

    /** ElasticMQ leaves an actor system it was given running; it is ours to stop. */
    private static void terminate(ActorSystem actorSystem) {
        actorSystem.terminate();
        try {
            actorSystem.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // stopping is best effort; the JVM exits anyway
        }
    }

    /** Stops the server; safe to call twice (the platform and its messaging may both hold it on a failed start). */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                server.stopAndWait();
            } finally {
                terminate(actorSystem);
            }
        }
    }
}
