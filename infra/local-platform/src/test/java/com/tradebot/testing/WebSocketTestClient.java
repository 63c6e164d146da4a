package com.tradebot.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real WebSocket client (the JDK's) that queues the server's text messages, for gateway and end-to-end tests. */
public final class WebSocketTestClient implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closedByServer = new CompletableFuture<>();
    private final WebSocket socket;

    private WebSocketTestClient(URI uri) {
        socket = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            messages.add(text.toString());
                            text.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        closedByServer.complete(statusCode);
                        return null;
                    }
                }).orTimeout(15, TimeUnit.SECONDS).join();
    }

    /** Connects, or throws (a CompletionException around a WebSocketHandshakeException) when refused. */
    public static WebSocketTestClient connect(URI uri) {
        return new WebSocketTestClient(uri);
    }

    public void sendText(String text) {
        socket.sendText(text, true).join();
    }

    public void sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    /** The next message as JSON; fails the test when none arrives in time. */
    public JsonNode next(Duration timeout) throws IOException, InterruptedException {
        String message = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new AssertionError("no message within " + timeout);
        }
        return JSON.readTree(message);
    }

    public JsonNode next() throws IOException, InterruptedException {
        return next(Duration.ofSeconds(15));
    }

    /** Sends a message and returns the next one received. */
    public JsonNode send(String json) throws IOException, InterruptedException {
        sendText(json);
        return next();
    }

    /** A message that arrived within {@code wait}, or null: for asserting that nothing was sent. */
    public String poll(Duration wait) throws InterruptedException {
        return messages.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The status code of the server's close frame; fails the test when the server does not close in time. */
    public int awaitServerClose(Duration timeout) {
        return closedByServer.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
}
