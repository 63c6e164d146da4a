package com.tradebot.dynamodb.server;

import com.tradebot.dynamodb.DynamoDbException;
import com.tradebot.dynamodb.protocol.Dispatcher;
import com.tradebot.dynamodb.protocol.Response;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.server.Connectors;
import org.xnio.ChannelListener;
import org.xnio.IoUtils;
import org.xnio.Options;
import org.xnio.channels.StreamSourceChannel;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;

/**
 * DynamoDB's JSON 1.0 protocol over Undertow: POST with X-Amz-Target "DynamoDB_20120810.Operation".
 * Signatures are accepted unchecked. Requests run on the I/O threads: every operation is short and never waits
 * for the network, and skipping the hand-off to a worker pool saves its latency.
 */
public final class HttpServer implements AutoCloseable {
    public static final long MAX_REQUEST_BYTES = 16L * 1024 * 1024;
    private static final String TARGET_PREFIX = "DynamoDB_20120810.";
    private static final HttpString TARGET = new HttpString("X-Amz-Target");
    /** Undertow's own constant: header names it knows compare by identity, not byte by byte. */
    private static final HttpString CONTENT_TYPE = Headers.CONTENT_TYPE;
    private static final HttpString REQUEST_ID = new HttpString("x-amzn-RequestId");
    private static final HttpString CRC32_HEADER = new HttpString("x-amz-crc32");
    private static final String JSON_TYPE = "application/x-amz-json-1.0";
    private static final byte[] HEALTHY = "healthy: dynamodb.us-east-1.amazonaws.com ".getBytes(StandardCharsets.UTF_8);

    private final Undertow undertow;
    private final RequestHandler dispatcher;
    private final AtomicLong requestCounter = new AtomicLong();
    private final String requestIdPrefix = Long.toHexString(System.nanoTime()).toUpperCase();
    private final int port;

    /** What answers a request: normally a {@link Dispatcher}. */
    @FunctionalInterface
    public interface RequestHandler {
        Response handle(String operation, byte[] body);
    }

    public HttpServer(String host, int port, RequestHandler dispatcher) {
        this.dispatcher = dispatcher;
        // One I/O thread per two cores: a local engine shares the machine with its clients, and one thread serving
        // several ready connections per wake-up switches context less. On 2 cores with 4 SDK client threads this cut
        // CPU per PutItem ~17 % and raised transactions/s ~25-45 % against one thread per core (bench/README.md).
        // -Ddynamodb.ioThreads overrides.
        int threads = Integer.getInteger("dynamodb.ioThreads", Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
        this.undertow = Undertow.builder()
                .addHttpListener(port, host)
                .setIoThreads(threads)
                .setWorkerThreads(threads)
                .setSocketOption(Options.TCP_NODELAY, true)
                .setServerOption(UndertowOptions.ALWAYS_SET_KEEP_ALIVE, true)
                // Undertow's own limit (10 MB by default) would answer 400 before our handler; ours is checked per exchange
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, 1L << 40)
                .setHandler(new Handler())
                .build();
        undertow.start();
        this.port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    }

    public int port() {
        return port;
    }

    private final class Handler implements HttpHandler {
        @Override
        public void handleRequest(HttpServerExchange exchange) {
            if (!Methods.POST.equals(exchange.getRequestMethod())) {
                // DynamoDB answers GET / with a health line; clients probe it
                exchange.getResponseHeaders().put(CONTENT_TYPE, "text/plain");
                exchange.getResponseSender().send(ByteBuffer.wrap(HEALTHY));
                return;
            }
            long length = exchange.getRequestContentLength(); // parsed from its header at each call
            if (length > MAX_REQUEST_BYTES) {
                send(exchange, tooLarge());
                return;
            }
            // set per exchange (not server-wide, where Undertow would answer 400 itself) so that we answer 413
            exchange.setMaxEntitySize(MAX_REQUEST_BYTES);
            String target = exchange.getRequestHeaders().getFirst(TARGET);
            String operation = target != null && target.startsWith(TARGET_PREFIX)
                    ? target.substring(TARGET_PREFIX.length()) : null;
            if (length >= 0) {
                new BodyReader(exchange, operation, (int) length).start();
                return;
            }
            // chunked (no Content-Length; the SDKs always send one): Undertow's receiver enforces the size limit
            exchange.getRequestReceiver().receiveFullBytes(
                    (ex, body) -> send(ex, dispatcher.handle(operation, body)),
                    (ex, error) -> {
                        if (error instanceof RequestTooBigException) {
                            send(ex, tooLarge());
                        } else {
                            ex.endExchange();
                        }
                    });
        }
    }

    /**
     * Reads a body of known length straight into an array of that length. Undertow's receiveFullBytes copies the
     * body byte by byte into a synchronized ByteArrayOutputStream, through a second pooled buffer, then copies it
     * once more: a tenth of the engine's CPU per PutItem in a JFR profile. The body is usually already in the
     * buffer the headers came in, so the first read completes it; otherwise the rest is awaited without blocking.
     */
    private final class BodyReader implements ChannelListener<StreamSourceChannel> {
        private final HttpServerExchange exchange;
        private final String operation;
        private final byte[] body;
        private final ByteBuffer buffer;
        private StreamSourceChannel channel;

        BodyReader(HttpServerExchange exchange, String operation, int length) {
            this.exchange = exchange;
            this.operation = operation;
            this.body = new byte[length];
            this.buffer = ByteBuffer.wrap(body);
        }

        /** Runs in the root handler's call: answers at once or resumes reads (Undertow resumes them on return). */
        void start() {
            if (body.length == 0) {
                send(exchange, dispatcher.handle(operation, body));
                return;
            }
            channel = exchange.getRequestChannel();
            if (channel == null) { // the body was already consumed: cannot happen for a fresh exchange
                exchange.endExchange();
                return;
            }
            switch (readSome()) {
                case COMPLETE -> send(exchange, dispatcher.handle(operation, body));
                case FAILED -> exchange.endExchange();
                case WAITING -> {
                    channel.getReadSetter().set(this);
                    channel.resumeReads();
                }
            }
        }

        /** Called on the I/O thread when more of the body has arrived. */
        @Override
        public void handleEvent(StreamSourceChannel ignored) {
            Progress progress = readSome();
            if (progress == Progress.WAITING) {
                return;
            }
            channel.getReadSetter().set(null);
            channel.suspendReads();
            if (progress == Progress.COMPLETE) {
                Connectors.executeRootHandler(ex -> send(ex, dispatcher.handle(operation, body)), exchange);
            } else {
                IoUtils.safeClose(exchange.getConnection());
            }
        }

        private Progress readSome() {
            try {
                while (buffer.hasRemaining()) {
                    int read = channel.read(buffer);
                    if (read == 0) {
                        return Progress.WAITING;
                    }
                    if (read < 0) { // the client closed before sending the whole body
                        return Progress.FAILED;
                    }
                }
                return Progress.COMPLETE;
            } catch (IOException e) {
                return Progress.FAILED;
            }
        }
    }

    private enum Progress { COMPLETE, WAITING, FAILED }

    private static Response tooLarge() {
        return Dispatcher.error(new DynamoDbException("RequestEntityTooLarge", 413,
                "Request must be smaller than " + MAX_REQUEST_BYTES + " bytes for the operation"));
    }

    /** The x-amz-crc32 of {@code {}}, the answer of most writes. */
    private static final String EMPTY_OBJECT_CRC = crc32(new byte[] {'{', '}'});

    private static String crc32(byte[] body) {
        if (body.length == 2 && body[0] == '{' && body[1] == '}' && EMPTY_OBJECT_CRC != null) {
            return EMPTY_OBJECT_CRC;
        }
        CRC32 crc = new CRC32();
        crc.update(body);
        return Long.toString(crc.getValue());
    }

    private void send(HttpServerExchange exchange, Response response) {
        byte[] body = response.body();
        exchange.setStatusCode(response.status());
        exchange.getResponseHeaders()
                .put(CONTENT_TYPE, JSON_TYPE)
                .put(REQUEST_ID, requestIdPrefix + requestCounter.incrementAndGet())
                .put(CRC32_HEADER, crc32(body));
        exchange.getResponseSender().send(ByteBuffer.wrap(body));
    }

    @Override
    public void close() {
        undertow.stop();
    }
}
