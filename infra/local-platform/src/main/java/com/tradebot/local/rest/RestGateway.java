package com.tradebot.local.rest;

import com.tradebot.local.lambda.EventConverter;
import com.tradebot.local.lambda.FunctionInvoker.FunctionError;
import com.tradebot.local.lambda.FunctionInvoker;
import com.tradebot.local.template.ApiRouteDef;
import com.tradebot.local.template.AuthorizerDef;
import com.tradebot.local.template.CorsDef;
import com.tradebot.local.template.RestApiDef;
import com.tradebot.local.template.WafRateRuleDef;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.xnio.Options;

/**
 * Serves the template's REST APIs on one port the way API Gateway (REST, Lambda proxy integration) does:
 * WAF rate rules, route matching, stage throttling, Lambda authorizers, the proxy event, and gateway responses for
 * everything the gateway itself answers.
 */
public final class RestGateway implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(RestGateway.class);
    static final int MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;
    private static final String SCHEDULES_PATH = "/_local/schedules/";

    private final RouteTable routes;
    private final FunctionInvoker invoker;
    private final ScheduleTrigger schedules;
    private final LocalPages pages;
    private final RestAuthorizers authorizers;
    private final Map<String, WafRateLimiter> wafs = new HashMap<>();
    private final RestApiDef defaultApi;
    private final Map<String, StageThrottle> throttles = new HashMap<>();
    private final Map<String, GatewayResponses> gatewayResponses = new HashMap<>();
    private final GatewayResponses defaultResponses;
    private final Undertow server;
    private volatile DashboardSite dashboard;

    private RestGateway(int port, List<RestApiDef> apis, FunctionInvoker invoker, ScheduleTrigger schedules,
            LocalPages pages) {
        this.routes = new RouteTable(apis);
        this.invoker = invoker;
        this.schedules = schedules;
        this.pages = pages;
        this.authorizers = new RestAuthorizers(invoker);
        this.defaultApi = apis.isEmpty() ? null : apis.get(0);
        for (RestApiDef api : apis) {
            wafs.put(api.logicalId(), new WafRateLimiter(api.wafRateRules()));
            throttles.put(api.logicalId(), new StageThrottle(api.throttling()));
            gatewayResponses.put(api.logicalId(), new GatewayResponses(api.gatewayResponses()));
        }
        for (RestApiDef api : apis) {
            for (ApiRouteDef route : api.routes()) {
                authorizerOf(new RouteTable.Match(api, route, Map.of())); // fails fast on an unknown authorizer name
            }
        }
        this.defaultResponses = apis.isEmpty() ? new GatewayResponses(Map.of())
                : gatewayResponses.get(apis.get(0).logicalId());
        this.server = Undertow.builder()
                .addHttpListener(port, "127.0.0.1")
                .setSocketOption(Options.TCP_NODELAY, true)
                .setServerOption(Options.TCP_NODELAY, true)
                // Undertow's own limit (10 MB) would answer 400; ours answers API Gateway's 413 JSON instead.
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, 4L * MAX_PAYLOAD_BYTES)
                // The gateway decodes paths and query strings itself (see handle): Undertow's decoder would answer
                // a bad %-escape with a bare 400 before any handler runs.
                .setServerOption(UndertowOptions.DECODE_URL, false)
                .setIoThreads(2)
                .setWorkerThreads(32)
                .setHandler(new BlockingHandler(this::handle))
                .build();
    }

    /** @param port 0 for a free port */
    public static RestGateway start(int port, List<RestApiDef> apis, FunctionInvoker invoker,
            ScheduleTrigger schedules) {
        return start(port, apis, invoker, schedules, null);
    }

    /** @param pages the platform's own {@code /_local/} pages (e.g. the local checkout); null for none */
    public static RestGateway start(int port, List<RestApiDef> apis, FunctionInvoker invoker,
            ScheduleTrigger schedules, LocalPages pages) {
        RestGateway gateway = new RestGateway(port, apis, invoker, schedules, pages);
        gateway.server.start();
        return gateway;
    }

    /** Serves the dashboard's files for GET/HEAD requests that match no route (set once the WebSocket port is known). */
    public void serveDashboard(DashboardSite site) {
        this.dashboard = site;
    }

    public int port() {
        return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    @Override
    public void close() {
        server.stop();
    }

    private void handle(HttpServerExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString();
        long begin = System.nanoTime();
        // Undertow leaves the URL encoded (DECODE_URL off): WAF inspects the path as sent, and a bad %-escape gets
        // the contract's JSON error below instead of Undertow's bare 400.
        String rawPath = exchange.getRequestPath();
        // The path only, as sent (still encoded, so no control characters reach the log): query strings may carry
        // tokens.
        exchange.addExchangeCompleteListener((done, next) -> {
            LOG.info("{} {} {} {} ms {}", done.getRequestMethod(), rawPath, done.getStatusCode(),
                    (System.nanoTime() - begin) / 1_000_000, requestId);
            next.proceed();
        });
        String method = exchange.getRequestMethod().toString();
        String sourceIp = exchange.getSourceAddress().getAddress().getHostAddress();

        long declaredLength = exchange.getRequestContentLength();
        if (declaredLength > MAX_PAYLOAD_BYTES) {
            sendGatewayError(exchange, defaultResponses, GatewayError.REQUEST_TOO_LARGE,
                    "Request body exceeds 10 MB", requestId);
            return;
        }
        RequestPath requestPath;
        try {
            requestPath = RequestPath.parse(rawPath);
        } catch (RequestPath.MalformedPathException e) {
            requestPath = null;
        }
        List<String> segments = requestPath == null ? List.of() : requestPath.segments();
        Optional<RouteTable.Match> found = requestPath == null ? Optional.empty() : routes.match(method, segments);
        // WAF sits in front of the stage: it sees every request, routed or not, malformed or not. Dashboard files
        // are not API requests: on AWS CloudFront serves them from the bucket, and the web ACL guards the stage only.
        RestApiDef stageApi = found.map(RouteTable.Match::api).or(() -> routes.apiOfPath(segments))
                .orElse(defaultApi);
        DashboardSite site = dashboard;
        boolean dashboardFile = found.isEmpty() && requestPath != null && site != null
                && (method.equals("GET") || method.equals("HEAD")) && site.has(requestPath.decoded());
        Optional<WafRateRuleDef> blockedBy = stageApi == null || dashboardFile ? Optional.empty()
                : wafs.get(stageApi.logicalId()).check(sourceIp, method, rawPath);
        if (blockedBy.isPresent()) {
            sendWafBlock(exchange, blockedBy.get());
            return;
        }
        byte[] body = readBody(exchange);
        if (body == null) {
            sendGatewayError(exchange, defaultResponses, GatewayError.REQUEST_TOO_LARGE,
                    "Request body exceeds 10 MB", requestId);
            return;
        }
        GatewayResponses stageResponses = stageApi == null ? defaultResponses
                : gatewayResponses.get(stageApi.logicalId());
        if (requestPath == null || !decodeQuery(exchange)) {
            sendGatewayError(exchange, stageResponses, GatewayError.BAD_REQUEST_URL, null, requestId);
            return;
        }
        String path = requestPath.decoded();
        exchange.setRequestPath(path);
        exchange.setRelativePath(path);
        if (path.startsWith(SCHEDULES_PATH) && method.equals("POST")) {
            fireSchedule(exchange, path.substring(SCHEDULES_PATH.length()), requestId);
            return;
        }
        if (pages != null && path.startsWith("/_local/")) {
            Map<String, String> query = new LinkedHashMap<>();
            exchange.getQueryParameters().forEach((name, values) -> query.put(name, values.peekFirst()));
            Optional<LocalPages.Page> page = pages.handle(method, path, query,
                    exchange.getRequestHeaders().getFirst(Headers.ACCEPT));
            if (page.isPresent()) {
                exchange.setStatusCode(page.get().status());
                exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, page.get().contentType());
                exchange.getResponseSender().send(page.get().body(), StandardCharsets.UTF_8);
                return;
            }
        }
        if (method.equals("OPTIONS") && exchange.getRequestHeaders().contains("Access-Control-Request-Method")) {
            Optional<RestApiDef> api = routes.apiOfPath(segments);
            boolean explicitOptionsRoute = routes.match("OPTIONS", segments)
                    .map(match -> match.route().method().equals("OPTIONS")).orElse(false);
            if (api.isPresent() && api.get().cors() != null && !explicitOptionsRoute) {
                sendPreflight(exchange, api.get().cors());
                return;
            }
        }
        if (found.isEmpty() && site != null && (method.equals("GET") || method.equals("HEAD"))
                && site.serve(exchange, path)) {
            return;
        }
        if (found.isEmpty()) {
            sendGatewayError(exchange, defaultResponses, GatewayError.MISSING_AUTHENTICATION_TOKEN,
                    "No route for " + method + " " + path, requestId);
            return;
        }
        RouteTable.Match match = found.get();
        GatewayResponses responses = gatewayResponses.get(match.api().logicalId());
        if (!throttles.get(match.api().logicalId()).tryAcquire(match.route().path(), method)) {
            sendGatewayError(exchange, responses, GatewayError.THROTTLED, null, requestId);
            return;
        }
        Map<String, Object> authorizerContext = null;
        AuthorizerDef authorizer = authorizerOf(match);
        if (authorizer != null) {
            RestAuthorizers.Outcome outcome = authorizers.authorize(authorizer, new RestAuthorizers.Request(
                    match.api().apiId(), match.api().stageName(), requestId, method, path, match.route().path(),
                    ProxyEvents.headers(exchange), ProxyEvents.query(exchange), match.pathParameters(), sourceIp));
            if (outcome instanceof RestAuthorizers.Refused refused) {
                sendGatewayError(exchange, responses, refused.error(), refused.message(), requestId);
                return;
            }
            authorizerContext = ((RestAuthorizers.Allowed) outcome).authorizerContext();
        }
        invokeRoute(exchange, match, body, requestId, sourceIp, authorizerContext, responses);
    }

    private void invokeRoute(HttpServerExchange exchange, RouteTable.Match match, byte[] body, String requestId,
            String sourceIp, Map<String, Object> authorizerContext, GatewayResponses responses) {
        ProxyEvents.ProxyResult result;
        try {
            Object output = invoker.invoke(match.route().functionLogicalId(),
                    ProxyEvents.requestEvent(exchange, match, body, requestId, sourceIp, authorizerContext));
            result = ProxyEvents.proxyResult(output);
        } catch (FunctionError e) {
            GatewayError error = "Sandbox.Timedout".equals(e.errorType()) ? GatewayError.INTEGRATION_TIMEOUT
                    : GatewayError.INTEGRATION_FAILURE;
            LOG.warn("{} {} -> function {} failed ({}), request {}", exchange.getRequestMethod(),
                    exchange.getRequestPath(), match.route().functionLogicalId(), e.errorType(), requestId);
            sendGatewayError(exchange, responses, error, null, requestId);
            return;
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("Function {} returned a malformed proxy response: {}", match.route().functionLogicalId(),
                    e.getMessage());
            sendGatewayError(exchange, responses, GatewayError.INTEGRATION_FAILURE, null, requestId);
            return;
        }
        exchange.setStatusCode(result.status());
        ProxyEvents.putHeaders(exchange, result.headers());
        if (!exchange.getResponseHeaders().contains(Headers.CONTENT_TYPE)) {
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json"); // API Gateway's default
        }
        exchange.getResponseHeaders().put(new HttpString("x-amzn-RequestId"), requestId);
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, result.body().length);
        exchange.getResponseSender().send(ByteBuffer.wrap(result.body()));
    }

    private AuthorizerDef authorizerOf(RouteTable.Match match) {
        String name = match.route().authorizer();
        if (name == null) {
            name = match.api().defaultAuthorizer();
        }
        if (name == null || name.equals("NONE")) {
            return null;
        }
        AuthorizerDef authorizer = match.api().authorizers().get(name);
        if (authorizer == null) {
            throw new IllegalStateException("Route " + match.route().path() + " names unknown authorizer " + name);
        }
        return authorizer;
    }

    private void fireSchedule(HttpServerExchange exchange, String name, String requestId) {
        try {
            schedules.fire(name);
            send(exchange, 202, EventConverter.mapper()
                    .createObjectNode().put("fired", name).toString());
        } catch (NoSuchElementException e) {
            send(exchange, 404, GatewayResponses.contractBody(GatewayError.MISSING_AUTHENTICATION_TOKEN,
                    "No schedule named " + name));
        }
    }

    private static void sendPreflight(HttpServerExchange exchange, CorsDef cors) {
        exchange.setStatusCode(200);
        putIfPresent(exchange, "Access-Control-Allow-Origin", cors.allowOrigin());
        putIfPresent(exchange, "Access-Control-Allow-Methods", cors.allowMethods() != null ? cors.allowMethods()
                : "DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT");
        putIfPresent(exchange, "Access-Control-Allow-Headers", cors.allowHeaders() != null ? cors.allowHeaders()
                : "Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token");
        putIfPresent(exchange, "Access-Control-Expose-Headers", cors.exposeHeaders());
        putIfPresent(exchange, "Access-Control-Max-Age", cors.maxAge());
        if (cors.allowCredentials()) {
            putIfPresent(exchange, "Access-Control-Allow-Credentials", "true");
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, 0);
        exchange.endExchange();
    }

    private static void putIfPresent(HttpServerExchange exchange, String name, String value) {
        if (value != null) {
            exchange.getResponseHeaders().put(new HttpString(name), value);
        }
    }

    private static void sendWafBlock(HttpServerExchange exchange, WafRateRuleDef rule) {
        exchange.setStatusCode(rule.blockStatus());
        rule.blockHeaders().forEach((name, value) -> exchange.getResponseHeaders().put(new HttpString(name), value));
        if (rule.blockBody() != null) {
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, rule.blockContentType());
            exchange.getResponseSender().send(rule.blockBody(), StandardCharsets.UTF_8);
        } else {
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/html");
            exchange.getResponseSender().send("<html><body><h1>403 Forbidden</h1></body></html>");
        }
    }

    private static void sendGatewayError(HttpServerExchange exchange, GatewayResponses responses, GatewayError error,
            String message, String requestId) {
        GatewayError.Response response = responses.render(error, message, requestId);
        exchange.setStatusCode(response.status());
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().put(new HttpString(name), value));
        exchange.getResponseSender().send(response.body(), StandardCharsets.UTF_8);
    }

    private static void send(HttpServerExchange exchange, int status, String json) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send(json, StandardCharsets.UTF_8);
    }

    /**
     * Replaces the still-encoded query parameters by their decoded names and values ({@code +} is a space, as in the
     * forms browsers send); false when an escape is malformed.
     */
    private static boolean decodeQuery(HttpServerExchange exchange) {
        Map<String, Deque<String>> raw = exchange.getQueryParameters();
        if (raw.isEmpty()) {
            return true;
        }
        Map<String, Deque<String>> decoded = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Deque<String>> parameter : raw.entrySet()) {
                Deque<String> values = decoded.computeIfAbsent(
                        RequestPath.decode(parameter.getKey().replace('+', ' ')), name -> new ArrayDeque<>());
                for (String value : parameter.getValue()) {
                    values.add(RequestPath.decode(value.replace('+', ' ')));
                }
            }
        } catch (RequestPath.MalformedPathException e) {
            return false;
        }
        raw.clear();
        decoded.forEach((name, values) -> values.forEach(value -> exchange.addQueryParam(name, value)));
        return true;
    }

    /** The request body, or null when it is larger than API Gateway accepts. */
    private static byte[] readBody(HttpServerExchange exchange) throws IOException {
        try (InputStream in = exchange.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_PAYLOAD_BYTES + 1);
            return bytes.length > MAX_PAYLOAD_BYTES ? null : bytes;
        }
    }
}
