package com.tradebot.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A WebSocket client (the JDK's) that queues the server's JSON messages. */
final class WebSocketClient implements AutoCloseable {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final WebSocket socket;

    private WebSocketClient(URI uri) {
        socket = CLIENT.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
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
                }).orTimeout(15, TimeUnit.SECONDS).join();
    }

    /** Connects, or throws (CompletionException around a WebSocketHandshakeException) when refused. */
    static WebSocketClient connect(URI uri) {
        return new WebSocketClient(uri);
    }

    JsonNode send(String json) throws IOException, InterruptedException {
        socket.sendText(json, true).join();
        String reply = messages.poll(15, TimeUnit.SECONDS);
        if (reply == null) {
            throw new AssertionError("no reply to " + json);
        }
        return Http.JSON.readTree(reply);
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
}
