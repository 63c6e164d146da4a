package com.tradebot.bench.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The throughput ceiling of the benchmark: answers every request with {@code {}}, which the SDK
 * accepts as an empty PutItem, GetItem, Query or TransactWriteItems response. Run it with
 * {@code -Dsun.net.httpserver.nodelay=true}, or Nagle plus delayed ACK adds ~40 ms a request.
 */
public final class DoNothingServer {
    private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.US_ASCII);

    private DoNothingServer() {
    }

    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.createContext("/", DoNothingServer::answerEmpty);
        // No executor: the dispatcher thread answers inline, the cheapest setup the JDK server has.
        server.setExecutor(null);
        server.start();
        System.out.println("http://127.0.0.1:" + server.getAddress().getPort());
        System.out.flush();
    }

    private static void answerEmpty(HttpExchange exchange) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            body.transferTo(OutputStream.nullOutputStream());
        }
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
        exchange.sendResponseHeaders(200, EMPTY_OBJECT.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(EMPTY_OBJECT);
        }
    }
}
