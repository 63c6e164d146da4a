package com.tradebot.bench.server;

import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.xnio.Options;

/**
 * The throughput ceiling on Undertow: answers {@code {}} straight from the I/O thread, with no hand-off
 * to a worker thread, so the server's own share of each call is as small as this stack allows.
 */
public final class UndertowDoNothingServer {
    private static final ByteBuffer EMPTY_OBJECT =
            ByteBuffer.allocateDirect(2).put("{}".getBytes(StandardCharsets.US_ASCII)).flip();

    private UndertowDoNothingServer() {
    }

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        Undertow server = Undertow.builder()
                .addHttpListener(port, "127.0.0.1")
                .setSocketOption(Options.TCP_NODELAY, true)
                .setHandler(UndertowDoNothingServer::answerEmpty)
                .build();
        server.start();
        InetSocketAddress address = (InetSocketAddress) server.getListenerInfo().get(0).getAddress();
        System.out.println("http://127.0.0.1:" + address.getPort());
        System.out.flush();
    }

    private static void answerEmpty(HttpServerExchange exchange) {
        // Ending the exchange unread makes Undertow discard the request body, keeping the connection usable.
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/x-amz-json-1.0");
        exchange.getResponseSender().send(EMPTY_OBJECT.duplicate());
    }
}
