package com.tradebot.dynamodb;

import com.tradebot.dynamodb.protocol.Dispatcher;
import com.tradebot.dynamodb.protocol.Operations;
import com.tradebot.dynamodb.protocol.Response;
import com.tradebot.dynamodb.server.HttpServer;
import com.tradebot.dynamodb.storage.Database;
import com.tradebot.dynamodb.ttl.TtlSweeper;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The DynamoDB-compatible engine: storage (in memory, or durable in a directory), the operations, a TTL sweeper
 * and, unless started in-process, an HTTP server speaking DynamoDB's protocol.
 */
public final class DynamoDbEngine implements AutoCloseable {
    private final Database database;
    private final Dispatcher dispatcher;
    private final TtlSweeper sweeper;
    private final HttpServer server;
    private final String host;

    private DynamoDbEngine(Builder builder, boolean listen) {
        this.host = builder.host;
        this.database = builder.dataDir == null ? Database.inMemory() : Database.open(builder.dataDir);
        this.dispatcher = new Dispatcher(Operations.all(database));
        this.sweeper = new TtlSweeper(database, builder.ttlSweepInterval, Instant::now);
        HttpServer started = null;
        if (listen) {
            try {
                started = new HttpServer(builder.host, builder.port, this::handle);
            } catch (RuntimeException e) {
                sweeper.close();
                database.close();
                throw e;
            }
        }
        this.server = started;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** http://host:port of the HTTP server. */
    public URI endpoint() {
        return URI.create("http://" + host + ":" + port());
    }

    public int port() {
        if (server == null) {
            throw new IllegalStateException("Started in-process: there is no port");
        }
        return server.port();
    }

    /** Runs one operation without HTTP, e.g. handle("PutItem", body). */
    public Response handle(String operation, byte[] jsonBody) {
        Response response = dispatcher.handle(operation, jsonBody);
        // writes wait for their own commit; this makes reads wait for any write they may have seen (group commit)
        database.awaitDurable();
        return response;
    }

    /** Runs one TTL sweep now; returns the number of expired items deleted. */
    public int sweepExpiredItems() {
        return sweeper.sweep();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        sweeper.close();
        database.close();
    }

    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 0;
        private Path dataDir;
        private Duration ttlSweepInterval = Duration.ofSeconds(5);

        private Builder() {
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** 0 picks a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** null keeps everything in memory. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public Builder ttlSweepInterval(Duration interval) {
            this.ttlSweepInterval = interval;
            return this;
        }

        public DynamoDbEngine start() {
            return new DynamoDbEngine(this, true);
        }

        public DynamoDbEngine startInProcess() {
            return new DynamoDbEngine(this, false);
        }
    }
}
