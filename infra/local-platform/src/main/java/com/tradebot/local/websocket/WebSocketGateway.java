package com.tradebot.local.websocket;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.local.lambda.EventConverter;
import com.tradebot.local.lambda.FunctionInvoker.FunctionError;
import com.tradebot.local.lambda.FunctionInvoker;
import com.tradebot.local.template.CfnTemplate;
import com.tradebot.local.template.WebSocketApiDef;
import com.tradebot.local.template.WebSocketRouteDef;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.websockets.WebSocketConnectionCallback;
import io.undertow.websockets.WebSocketProtocolHandshakeHandler;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedBinaryMessage;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.CloseMessage;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import io.undertow.websockets.spi.WebSocketHttpExchange;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.xnio.Buffers;
import org.xnio.Options;
import org.xnio.XnioExecutor;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;

/**
 * Serves the template's WebSocket API like API Gateway: $connect (authorizer, then the connect route, either may
 * refuse the upgrade), messages routed by the route selection expression with $default as fallback, $disconnect on
 * close, and the {@code @connections} management API on the same port so that the SDK's
 * ApiGatewayManagementApiClient works against it unchanged.
 */
public final class WebSocketGateway implements AutoCloseable {
    static final int MAX_MESSAGE_BYTES = 128 * 1024;
    static final long IDLE_TIMEOUT_MILLIS = TimeUnit.MINUTES.toMillis(10);
    static final long MAX_CONNECTION_MILLIS = TimeUnit.HOURS.toMillis(2);
    private static final Logger LOG = LogManager.getLogger(WebSocketGateway.class);
    private static final AttachmentKey<Connection> CONNECTION = AttachmentKey.create(Connection.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<WebSocketApiDef> apis;
    private final FunctionInvoker invoker;
    private final WebSocketAuthorizer authorizer;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private final Map<String, WebSocketApiDef> apiOfConnection = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "websocket-route");
        thread.setDaemon(true);
        return thread;
    });
    private final ConnectionsApi connectionsApi;
    private final WebSocketProtocolHandshakeHandler handshake;
    private final Undertow server;

    private WebSocketGateway(int port, List<WebSocketApiDef> apis, FunctionInvoker invoker,
            AwsCredentialsProvider managementCredentials) {
        this.apis = List.copyOf(apis);
        this.invoker = invoker;
        this.authorizer = new WebSocketAuthorizer(invoker);
        this.connectionsApi = new ConnectionsApi(connections, new SigV4Check(CfnTemplate.REGION,
                managementCredentials::resolveCredentials, Clock.systemUTC()));
        this.handshake = new WebSocketProtocolHandshakeHandler(new Callback());
        this.server = Undertow.builder()
                .addHttpListener(port, "127.0.0.1")
                .setSocketOption(Options.TCP_NODELAY, true)
                .setServerOption(Options.TCP_NODELAY, true)
                .setIoThreads(2)
                .setWorkerThreads(16)
                .setHandler(new Router())
                .build();
    }

    /**
     * The management API accepts calls signed with the credentials the platform's functions use: those of the
     * {@code aws.accessKeyId} and {@code aws.secretAccessKey} system properties, read per call.
     *
     * @param port 0 for a free port
     */
    public static WebSocketGateway start(int port, List<WebSocketApiDef> apis, FunctionInvoker invoker) {
        return start(port, apis, invoker, SystemPropertyCredentialsProvider.create());
    }

    /** @param managementCredentials the only credentials whose SigV4 signatures the management API accepts */
    public static WebSocketGateway start(int port, List<WebSocketApiDef> apis, FunctionInvoker invoker,
            AwsCredentialsProvider managementCredentials) {
        WebSocketGateway gateway = new WebSocketGateway(port, apis, invoker, managementCredentials);
        gateway.server.start();
        return gateway;
    }

    public int port() {
        return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    /** {@code ws://127.0.0.1:<port>}; clients may add {@code /<stage>}. */
    public URI endpoint() {
        return URI.create("ws://127.0.0.1:" + port());
    }

    /** The management endpoint of a stage, as ApiGatewayManagementApiClient's endpointOverride. */
    public URI connectionsEndpoint(String stage) {
        return URI.create("http://127.0.0.1:" + port() + "/" + stage);
    }

    public int connectionCount() {
        return connections.size();
    }

    @Override
    public void close() {
        for (Connection connection : connections.values()) {
            WebSocketChannel channel = connection.channel();
            if (channel != null) {
                try {
                    channel.sendClose();
                    channel.close();
                } catch (IOException e) {
                    LOG.debug("Closing connection {}: {}", connection.id(), e.toString());
                }
            }
        }
        server.stop();
        // Let $disconnect invocations of the connections just closed finish, as API Gateway would run them.
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }

    /** Management API requests, upgrades, and nothing else. */
    private final class Router implements HttpHandler {
        @Override
        public void handleRequest(HttpServerExchange exchange) throws Exception {
            if (exchange.isInIoThread()) {
                exchange.dispatch(this);
                return;
            }
            String path = exchange.getRequestPath();
            if (path.contains("/@connections/")) {
                exchange.startBlocking();
                connectionsApi.handle(exchange, path.substring(path.indexOf("/@connections/")
                        + "/@connections/".length()));
                return;
            }
            Optional<WebSocketApiDef> api = apiForPath(path);
            boolean upgrade = "websocket".equalsIgnoreCase(exchange.getRequestHeaders().getFirst(Headers.UPGRADE));
            if (api.isEmpty() || !upgrade) {
                exchange.setStatusCode(api.isEmpty() ? 404 : 426);
                exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
                exchange.getResponseSender().send(api.isEmpty() ? "{\"message\":\"Not Found\"}"
                        : "{\"message\":\"Upgrade Required\"}");
                return;
            }
            connect(exchange, api.get());
        }
    }

    private Optional<WebSocketApiDef> apiForPath(String path) {
        String stage = path.replaceAll("^/+|/+$", "");
        if (apis.isEmpty()) {
            return Optional.empty();
        }
        if (stage.isEmpty()) {
            return Optional.of(apis.get(0));
        }
        return apis.stream().filter(api -> stage.equals(api.stageName())).findFirst();
    }

    private void connect(HttpServerExchange exchange, WebSocketApiDef api) throws Exception {
        String stage = api.stageName() == null ? "$default" : api.stageName();
        String sourceIp = exchange.getSourceAddress().getAddress().getHostAddress();
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, List<String>> multiValueHeaders = new LinkedHashMap<>();
        for (HeaderValues values : exchange.getRequestHeaders()) {
            headers.put(values.getHeaderName().toString(), values.getLast());
            multiValueHeaders.put(values.getHeaderName().toString(), new ArrayList<>(values));
        }
        Map<String, String> query = null;
        Map<String, List<String>> multiValueQuery = null;
        if (!exchange.getQueryParameters().isEmpty()) {
            query = new LinkedHashMap<>();
            multiValueQuery = new LinkedHashMap<>();
            for (Map.Entry<String, Deque<String>> parameter : exchange.getQueryParameters().entrySet()) {
                query.put(parameter.getKey(), parameter.getValue().peekLast());
                multiValueQuery.put(parameter.getKey(), new ArrayList<>(parameter.getValue()));
            }
        }
        WebSocketRouteDef connectRoute = api.routes().get("$connect");
        Map<String, Object> authorizerContext = null;
        if (connectRoute != null && connectRoute.authorizer() != null) {
            WebSocketAuthorizer.Result result = authorizer.authorize(api, stage, connectRoute.authorizer(),
                    UUID.randomUUID().toString(), headers, query, sourceIp);
            if (!result.allowed()) {
                reject(exchange, result.status());
                return;
            }
            authorizerContext = result.context();
        }
        Connection connection = new Connection(newConnectionId(), stage, sourceIp, headers.get("User-Agent"),
                authorizerContext);
        if (connectRoute != null) {
            int status;
            try {
                Object result = invoker.invoke(connectRoute.functionLogicalId(), WebSocketEvents.connect(api,
                        connection, exchange.getHostAndPort(), headers, multiValueHeaders, query, multiValueQuery));
                status = statusOf(result);
            } catch (FunctionError e) {
                LOG.warn("$connect function {} failed: {}", connectRoute.functionLogicalId(), e.errorType());
                status = 500;
            }
            if (status < 200 || status > 299) {
                reject(exchange, status);
                return;
            }
        }
        LOG.info("WebSocket {} connected from {}", connection.id(), sourceIp);
        exchange.putAttachment(CONNECTION, connection);
        connections.put(connection.id(), connection);
        apiOfConnection.put(connection.id(), api);
        handshake.handleRequest(exchange);
    }

    private static void reject(HttpServerExchange exchange, int status) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        String message = switch (status) {
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            default -> "Connection refused";
        };
        exchange.getResponseSender().send("{\"message\":\"" + message + "\"}");
    }

    /** A $connect result without a statusCode (e.g. a void handler) accepts the connection. */
    private static int statusOf(Object result) {
        if (result == null) {
            return 200;
        }
        try {
            JsonNode tree = EventConverter.toTree(result);
            JsonNode status = tree == null ? null : tree.get("statusCode");
            return status == null ? 200 : status.asInt(500);
        } catch (IOException e) {
            return 200;
        }
    }

    /** Like API Gateway's: 16 characters ending in "=", URL-safe so that it fits in a path unescaped. */
    private static String newConnectionId() {
        byte[] bytes = new byte[11];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().encodeToString(bytes);
    }

    private final class Callback implements WebSocketConnectionCallback {
        @Override
        public void onConnect(WebSocketHttpExchange exchange, WebSocketChannel channel) {
            Connection connection = exchange.getAttachment(CONNECTION);
            WebSocketApiDef api = apiOfConnection.get(connection.id());
            connection.attach(channel);
            String domainName = exchange.getRequestHeader("Host");
            channel.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
            XnioExecutor.Key maxAge = channel.getIoThread().executeAfter(() -> {
                LOG.info("Connection {} reached the 2-hour limit", connection.id());
                WebSockets.sendClose(CloseMessage.GOING_AWAY, "Connection duration exceeded", channel, null);
            }, MAX_CONNECTION_MILLIS, TimeUnit.MILLISECONDS);
            channel.addCloseTask(closed -> {
                maxAge.remove();
                disconnect(api, connection, domainName);
            });
            channel.getReceiveSetter().set(new AbstractReceiveListener() {
                @Override
                protected void onFullTextMessage(WebSocketChannel ch, BufferedTextMessage message) {
                    String body = message.getData();
                    if (body.length() > MAX_MESSAGE_BYTES / 4
                            && body.getBytes(StandardCharsets.UTF_8).length > MAX_MESSAGE_BYTES) {
                        // API Gateway closes the connection with 1009 when a message exceeds 128 KB.
                        WebSockets.sendClose(CloseMessage.MSG_TOO_BIG, "Message too big", ch, null);
                        return;
                    }
                    connection.touch();
                    executor.execute(() -> onMessage(api, connection, domainName, body, false));
                }

                @Override
                protected void onFullBinaryMessage(WebSocketChannel ch, BufferedBinaryMessage message) {
                    // A binary frame has no JSON to select a route from: it goes to $default, base64-encoded.
                    byte[] bytes;
                    var data = message.getData();
                    try {
                        ByteBuffer[] buffers = data.getResource();
                        bytes = Buffers.take(buffers, 0, buffers.length);
                    } finally {
                        data.free();
                    }
                    if (bytes.length > MAX_MESSAGE_BYTES) {
                        WebSockets.sendClose(CloseMessage.MSG_TOO_BIG, "Message too big", ch, null);
                        return;
                    }
                    connection.touch();
                    String body = Base64.getEncoder().encodeToString(bytes);
                    executor.execute(() -> onMessage(api, connection, domainName, body, true));
                }

                @Override
                protected long getMaxBinaryBufferSize() {
                    return 4L * MAX_MESSAGE_BYTES;
                }

                @Override
                protected long getMaxTextBufferSize() {
                    return 4L * MAX_MESSAGE_BYTES; // a memory guard; the API limit is checked on the full message
                }
            });
            channel.resumeReceives();
        }
    }

    private void disconnect(WebSocketApiDef api, Connection connection, String domainName) {
        connections.remove(connection.id());
        apiOfConnection.remove(connection.id());
        if (!connection.markDisconnected()) {
            return;
        }
        LOG.info("WebSocket {} disconnected", connection.id());
        WebSocketRouteDef route = api.routes().get("$disconnect");
        if (route == null || executor.isShutdown()) {
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    invoker.invoke(route.functionLogicalId(), WebSocketEvents.disconnect(api, connection, domainName));
                } catch (FunctionError e) {
                    LOG.warn("$disconnect function {} failed: {}", route.functionLogicalId(), e.errorType());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            LOG.debug("$disconnect of {} skipped: the gateway is shutting down", connection.id());
        }
    }

    private void onMessage(WebSocketApiDef api, Connection connection, String domainName, String body,
            boolean base64) {
        WebSocketRouteDef route = base64 ? api.routes().get("$default") : RouteSelection.select(api, body);
        if (route == null) {
            sendError(connection, "Forbidden");
            return;
        }
        try {
            var event = WebSocketEvents.message(api, connection, domainName, route.routeKey(), body);
            event.setIsBase64Encoded(base64);
            Object result = invoker.invoke(route.functionLogicalId(), event);
            if (route.sendsResponse() && result != null) {
                String reply = replyBody(result);
                if (reply != null && connection.channel() != null) {
                    WebSockets.sendText(reply, connection.channel(), null);
                }
            }
        } catch (FunctionError e) {
            LOG.warn("Route {} function {} failed: {}", route.routeKey(), route.functionLogicalId(), e.errorType());
            sendError(connection, "Internal server error");
        }
    }

    /** The route response: the proxy result's body, or the result itself when it is not a proxy result. */
    private static String replyBody(Object result) {
        try {
            JsonNode tree = EventConverter.toTree(result);
            if (tree != null && tree.isObject() && tree.has("statusCode")) {
                JsonNode body = tree.get("body");
                return body == null || body.isNull() ? null : body.isTextual() ? body.asText() : body.toString();
            }
            return tree == null ? null : tree.isTextual() ? tree.asText() : tree.toString();
        } catch (IOException e) {
            return null;
        }
    }

    private static void sendError(Connection connection, String message) {
        WebSocketChannel channel = connection.channel();
        if (channel != null) {
            WebSockets.sendText("{\"message\": \"" + message + "\", \"connectionId\":\"" + connection.id()
                    + "\", \"requestId\":\"" + UUID.randomUUID() + "\"}", channel, null);
        }
    }
}
