package com.tradebot.local.rest;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;

/**
 * The web dashboard's static files (the {@code tradebot-web} jar's {@code web/} folder on the class path), served for
 * GET and HEAD requests that match no API route — the local stand-in for the S3 bucket behind CloudFront. Plus
 * {@code /config.json}, which tells the page where the WebSocket API listens (on AWS a file in the bucket).
 */
public final class DashboardSite {
    private static final String ROOT = "web/";
    /** Only names the bundle uses: no traversal, no encoded tricks. */
    private static final Pattern SAFE_PATH = Pattern.compile("(?:[A-Za-z0-9_-]+/)*[A-Za-z0-9_-][A-Za-z0-9_.-]*");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "json", "application/json", "svg", "image/svg+xml",
            "png", "image/png", "ico", "image/x-icon", "txt", "text/plain; charset=utf-8");

    private final ClassLoader classLoader;
    private final IntSupplier webSocketPort;
    private final Map<String, Optional<byte[]>> cache = new ConcurrentHashMap<>();

    public DashboardSite(ClassLoader classLoader, IntSupplier webSocketPort) {
        this.classLoader = classLoader;
        this.webSocketPort = webSocketPort;
    }

    /** Whether the bundle is on the class path at all (absent in a build without the web module). */
    public boolean present() {
        return file("index.html").isPresent();
    }

    /** Whether {@link #serve} would answer {@code path} (a decoded request path). */
    boolean has(String path) {
        String name = path.equals("/") ? "index.html" : path.substring(1);
        return name.equals("config.json") || SAFE_PATH.matcher(name).matches() && file(name).isPresent();
    }

    /** Answers the request and returns true when {@code path} is a dashboard file; false leaves it to the API. */
    boolean serve(HttpServerExchange exchange, String path) {
        String name = path.equals("/") ? "index.html" : path.substring(1);
        if (name.equals("config.json")) {
            send(exchange, "json", config(exchange).getBytes(StandardCharsets.UTF_8));
            return true;
        }
        if (!SAFE_PATH.matcher(name).matches()) {
            return false;
        }
        Optional<byte[]> content = file(name);
        if (content.isEmpty()) {
            return false;
        }
        int dot = name.lastIndexOf('.');
        send(exchange, dot < 0 ? "" : name.substring(dot + 1), content.get());
        return true;
    }

    private String config(HttpServerExchange exchange) {
        return "{\"webSocketUrl\":\"" + webSocketUrl(exchange) + "\"}";
    }

    private String webSocketUrl(HttpServerExchange exchange) {
        return "ws://" + hostName(exchange) + ":" + webSocketPort.getAsInt();
    }

    /** The name the browser used (localhost or 127.0.0.1), so the socket goes to the same host; nothing else. */
    private static String hostName(HttpServerExchange exchange) {
        String host = exchange.getHostName();
        return host != null && host.matches("[A-Za-z0-9.-]+") ? host : "localhost";
    }

    private void send(HttpServerExchange exchange, String extension, byte[] body) {
        var headers = exchange.getResponseHeaders();
        headers.put(Headers.CONTENT_TYPE, TYPES.getOrDefault(extension, "application/octet-stream"));
        headers.put(Headers.CONTENT_LENGTH, body.length);
        // File names carry no content hash, so the browser revalidates; the files are small.
        headers.put(Headers.CACHE_CONTROL, "no-cache");
        headers.put(new HttpString("X-Content-Type-Options"), "nosniff");
        headers.put(new HttpString("X-Frame-Options"), "DENY");
        headers.put(new HttpString("Referrer-Policy"), "no-referrer");
        headers.put(new HttpString("Content-Security-Policy"), "default-src 'self'; connect-src 'self' "
                + webSocketUrl(exchange) + "; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'");
        if (exchange.getRequestMethod().toString().equals("HEAD")) {
            exchange.endExchange();
            return;
        }
        exchange.getResponseSender().send(ByteBuffer.wrap(body));
    }

    private Optional<byte[]> file(String name) {
        return cache.computeIfAbsent(name, n -> {
            try (InputStream in = classLoader.getResourceAsStream(ROOT + n)) {
                return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
