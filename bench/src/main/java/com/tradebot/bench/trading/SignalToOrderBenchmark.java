package com.tradebot.bench.trading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.tradebot.auth.Totp;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Signal published → order request reaching the exchange, for N auto-trading (LIVE, 2FA, Binance key) subscribers of
 * one strategy on the packaged platform (issue 18, "Measure"). The exchange is a stub Binance in this JVM (JDK
 * HttpServer, TCP_NODELAY) that answers the executor's calls with Binance's documented shapes and stamps the arrival
 * of each {@code POST /api/v3/order}. Baseline, side by side in the same run: the arrival of {@code signal_new} at
 * the same subscribers' WebSockets (the plain delivery path the orders branch off).
 */
public final class SignalToOrderBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> options;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ConcurrentLinkedQueue<Long> orderArrivals = new ConcurrentLinkedQueue<>();
    private URI rest;

    private SignalToOrderBenchmark(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        Map<String, String> options = new HashMap<>(Map.of("--jar", "infra/local-platform/target/tradebot-local.jar",
                "--subscribers", "100", "--signals", "5", "--base-port", "23400", "--out", "bench/results"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        // exit explicitly: the stub exchange's and the set-up's worker threads would otherwise keep the JVM alive
        try {
            new SignalToOrderBenchmark(options).run();
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private int option(String name) {
        return Integer.parseInt(options.get(name));
    }

    private void run() throws Exception {
        int base = option("--base-port");
        HttpServer binance = stubBinance(base + 6);
        Path data = Files.createTempDirectory("tradebot-bench-orders");
        Path log = data.resolve("platform.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        // e.g. BENCH_PLATFORM_JVM_ARGS="-Dtradebot.local.cds=false -XX:StartFlightRecording=..." (one JVM, profiled)
        String extra = System.getenv("BENCH_PLATFORM_JVM_ARGS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", options.get("--jar"), "--api-port", Integer.toString(base),
                "--ws-port", Integer.toString(base + 1), "--dynamodb-port", Integer.toString(base + 2),
                "--sqs-port", Integer.toString(base + 3), "--sns-port", Integer.toString(base + 4),
                "--sfn-port", Integer.toString(base + 5), "--data", data.toString(),
                "--parameter", "ApiRateLimitPerMinute=10000000", "--parameter", "RegisterRateLimitPerMinute=10000",
                "--parameter", "LoginRateLimitPerMinute=10000",
                "--parameter", "ExchangeBinanceUrl=http://127.0.0.1:" + (base + 6)));
        Process platform = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            waitReady(log, platform);
            rest = URI.create("http://127.0.0.1:" + base);
            measure(URI.create("ws://127.0.0.1:" + (base + 1)), String.join(" ", List.of(args())));
        } finally {
            platform.destroy();
            if (!platform.waitFor(30, TimeUnit.SECONDS)) {
                platform.destroyForcibly();
            }
            binance.stop(0);
        }
    }

    private String[] args() {
        return new String[] {"--jar", options.get("--jar"), "--subscribers", options.get("--subscribers"),
                "--signals", options.get("--signals"), "--base-port", options.get("--base-port")};
    }

    private void measure(URI ws, String arguments) throws Exception {
        int count = option("--subscribers");
        int signals = option("--signals");
        String providerToken = register("provider", "PROVIDER");
        String strategyId = postOk("/api/strategies", Map.of("name", "Bench orders", "supportedPairs",
                List.of("BTCUSDT"), "monthlyPrice", 0), providerToken).get("id").asText();

        // subscribers: registered, 2FA on, a Binance key saved, subscribed, auto-trading LIVE, socket subscribed
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<CompletableFuture<Socket>> setup = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            setup.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return subscriber(n, strategyId, ws);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, pool));
        }
        List<Socket> sockets = new ArrayList<>();
        for (CompletableFuture<Socket> future : setup) {
            sockets.add(future.join());
        }
        pool.shutdown();
        System.out.println("[bench] " + sockets.size() + " LIVE auto-trading subscribers ready");

        Histogram orders = new Histogram(3);
        Histogram deliveries = new Histogram(3);
        Histogram lastOrder = new Histogram(3);
        int missing = 0;
        double loadAtStart = loadAverage();
        for (int s = -1; s < signals; s++) { // signal -1 warms the functions up and is not counted
            orderArrivals.clear();
            sockets.forEach(Socket::reset);
            long before = System.nanoTime();
            postOk("/api/signals", Map.of("strategyId", strategyId, "pair", "BTC/USDT", "side", "BUY", "timeframe",
                    "1h", "entryPrice", 64000, "stopLoss", 63000, "takeProfit", 66000), providerToken);
            long deadline = before + TimeUnit.SECONDS.toNanos(60);
            while (orderArrivals.size() < count && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            for (Socket socket : sockets) {
                socket.awaitSignal(deadline);
            }
            if (s < 0) {
                continue;
            }
            long last = 0;
            for (long at : orderArrivals) {
                orders.recordValue(Math.max(0, (at - before) / 1000));
                last = Math.max(last, at - before);
            }
            lastOrder.recordValue(last / 1000);
            missing += count - orderArrivals.size();
            for (Socket socket : sockets) {
                if (socket.signalAt > 0) {
                    deliveries.recordValue(Math.max(0, (socket.signalAt - before) / 1000));
                }
            }
            System.out.printf(Locale.ROOT, "[bench] signal %d: %d orders, last after %.1f ms%n", s,
                    orderArrivals.size(), last / 1e6);
            Thread.sleep(500);
        }
        sockets.forEach(Socket::close);

        String table = String.format(Locale.ROOT, """
                ## Signal → order, %s

                Machine: %d cores, %s %s, Java %s, load average at start %.2f. Command: `java -cp bench/target/tradebot-bench.jar:$(cat bench/target/classpath.txt) com.tradebot.bench.trading.SignalToOrderBenchmark %s`

                | figure (%d LIVE subscribers × %d signals) | p50 | p99 | max |
                |---|---|---|---|
                | signal POST → order request at the stub exchange | %.1f ms | %.1f ms | %.1f ms |
                | baseline: signal POST → `signal_new` at the subscriber's WebSocket | %.1f ms | %.1f ms | %.1f ms |
                | ratio order / baseline | %.2f | %.2f | – |
                | last order of a signal | %.1f ms | %.1f ms | %.1f ms |

                Orders missing after 60 s: %d. Target (issue 18): p99 < 1 s.
                """, Instant.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.arch"), System.getProperty("java.version"), loadAtStart, arguments, count,
                signals, ms(orders, 50), ms(orders, 99), orders.getMaxValue() / 1000.0, ms(deliveries, 50),
                ms(deliveries, 99), deliveries.getMaxValue() / 1000.0, ms(orders, 50) / ms(deliveries, 50),
                ms(orders, 99) / ms(deliveries, 99), ms(lastOrder, 50), ms(lastOrder, 99),
                lastOrder.getMaxValue() / 1000.0, missing);
        System.out.println(table);
        // date and time: several runs a day (A/B alternations) must not overwrite each other
        Path out = Path.of(options.get("--out"), "orders-" + java.time.LocalDateTime.now(java.time.ZoneOffset.UTC)
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmmss")) + ".md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table);
        System.out.println("[bench] written to " + out);
    }

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }

    private static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private String register(String prefix, String role) throws Exception {
        Map<String, Object> body = new HashMap<>(Map.of("email", "bench-" + prefix + "-" + System.nanoTime()
                + "@example.com", "password", "Bench-pass-12345", "name", "Bench"));
        if (role != null) {
            body.put("role", role);
        }
        return postOk("/api/auth/register", body, null).get("accessToken").asText();
    }

    private Socket subscriber(int n, String strategyId, URI ws) throws Exception {
        String token = register("s" + n, null);
        String secret = postOk("/api/auth/2fa/setup", Map.of(), token).get("secret").asText();
        postOk("/api/auth/2fa/verify", Map.of("code", code(secret, 0)), token);
        String keyId = postOk("/api/exchange-keys", Map.of("exchange", "binance", "apiKey", "BENCHKEY" + n
                + "0000000", "apiSecret", "bench-secret-" + n, "permissions", List.of("READ", "TRADE"), "markets",
                List.of("spot"), "testnet", false, "totpCode", code(secret, 1)), token).get("id").asText();
        String subscriptionId = postOk("/api/subscriptions", Map.of("strategyId", strategyId), token).get("id")
                .asText();
        send("PUT", "/api/subscriptions/" + subscriptionId + "/execution", Map.of("autoTrade", true, "mode", "LIVE",
                "exchangeKeyId", keyId, "market", "spot", "riskPercent", 1, "maxOpenPositions", 50,
                "marketFirstEntry", true), token);
        return Socket.connect(http, URI.create(ws + "?token=" + token), strategyId);
    }

    private static String code(String secret, int stepsAhead) {
        Clock shifted = Clock.offset(Clock.systemUTC(), Duration.ofSeconds((long) Totp.PERIOD_SECONDS * stepsAhead));
        return new Totp(shifted).currentCode(secret);
    }

    /** Binance as the executor calls it; every order is filled at once (FULL answer). */
    private HttpServer stubBinance(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (method.equals("POST") && path.equals("/api/v3/order")) {
                orderArrivals.add(System.nanoTime());
                exchange.getRequestBody().readAllBytes();
                answer(exchange, 200, """
                        {"symbol":"BTCUSDT","orderId":28,"orderListId":-1,"clientOrderId":"bench",
                         "transactTime":1507725176595,"price":"0.00000000","origQty":"0.01000000",
                         "executedQty":"0.01000000","cummulativeQuoteQty":"640.00000000","status":"FILLED",
                         "timeInForce":"GTC","type":"MARKET","side":"BUY","fills":[{"price":"64000.00000000",
                         "qty":"0.01000000","commission":"0.64000000","commissionAsset":"USDT","tradeId":56}]}""");
            } else if (path.equals("/api/v3/order")) {
                answer(exchange, 400, "{\"code\":-2013,\"msg\":\"Order does not exist.\"}");
            } else if (path.equals("/api/v3/ticker/24hr")) {
                answer(exchange, 200, """
                        {"symbol":"BTCUSDT","priceChange":"12.5","priceChangePercent":"0.02","weightedAvgPrice":"63990",
                         "prevClosePrice":"63987.5","lastPrice":"64000.00","lastQty":"0.1","bidPrice":"63999.99",
                         "bidQty":"1.0","askPrice":"64000.01","askQty":"1.0","openPrice":"63987.5","highPrice":"64100",
                         "lowPrice":"63800","volume":"8913.3","quoteVolume":"570000000","openTime":1499783499040,
                         "closeTime":1499869899040,"firstId":28385,"lastId":28460,"count":76}""");
            } else if (path.equals("/api/v3/account")) {
                answer(exchange, 200, """
                        {"makerCommission":15,"takerCommission":15,"buyerCommission":0,"sellerCommission":0,
                         "canTrade":true,"canWithdraw":false,"canDeposit":true,"updateTime":123456789,
                         "accountType":"SPOT","balances":[{"asset":"USDT","free":"100000.00000000","locked":"0.0"}],
                         "permissions":["SPOT"]}""");
            } else if (path.equals("/api/v3/exchangeInfo")) {
                answer(exchange, 200, """
                        {"timezone":"UTC","serverTime":1565246363776,"rateLimits":[],"exchangeFilters":[],
                         "symbols":[{"symbol":"BTCUSDT","status":"TRADING","baseAsset":"BTC","quoteAsset":"USDT",
                         "filters":[{"filterType":"PRICE_FILTER","minPrice":"0.01","maxPrice":"1000000",
                         "tickSize":"0.01"},{"filterType":"LOT_SIZE","minQty":"0.00001","maxQty":"9000",
                         "stepSize":"0.00001"},{"filterType":"NOTIONAL","minNotional":"5"}]}]}""");
            } else {
                answer(exchange, 404, "{\"code\":-1,\"msg\":\"not stubbed\"}");
            }
        });
        server.start();
        return server;
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static void waitReady(Path log, Process platform) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (!platform.isAlive()) {
                throw new IllegalStateException("platform exited: " + Files.readString(log));
            }
            if (Files.exists(log) && Files.readString(log).contains("Ready in")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("platform not ready in 3 minutes");
    }

    private JsonNode postOk(String path, Object body, String token) throws Exception {
        return send("POST", path, body, token);
    }

    /**
     * Set-up calls: a cold function on a busy machine may time out once, and the stage throttles sign-ups and
     * sign-ins (5 and 10 a second, as on AWS) when the set-up threads outrun it; both retried, other failures stop
     * the run.
     */
    private JsonNode send(String method, String path, Object body, String token) throws Exception {
        for (int attempt = 1; ; attempt++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(rest.resolve(path)).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                return JSON.readTree(response.body().isEmpty() ? "{}" : response.body());
            }
            if (response.statusCode() == 429 && attempt < 50) {
                Thread.sleep(250L * Math.min(attempt, 4));
                continue;
            }
            if ((response.statusCode() < 500 && response.statusCode() != 429) || attempt >= 5) {
                throw new IllegalStateException(path + ": " + response.statusCode() + " " + response.body());
            }
        }
    }

    /** One subscriber's WebSocket: stamps the first {@code signal_new} after each reset. */
    static final class Socket implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private final CountDownLatch subscribed = new CountDownLatch(1);
        private volatile long signalAt;
        private WebSocket socket;

        static Socket connect(HttpClient http, URI uri, String strategyId) throws Exception {
            Socket s = new Socket();
            s.socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30)).buildAsync(uri, s)
                    .get(60, TimeUnit.SECONDS);
            s.socket.sendText("{\"action\":\"subscribe_signals\",\"strategyId\":\"" + strategyId + "\"}", true)
                    .get(30, TimeUnit.SECONDS);
            if (!s.subscribed.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no subscribed answer");
            }
            return s;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            long now = System.nanoTime();
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                if (message.contains("\"event\":\"subscribed\"")) {
                    subscribed.countDown();
                } else if (message.contains("\"event\":\"signal_new\"") && signalAt == 0) {
                    signalAt = now;
                }
            }
            webSocket.request(1);
            return null;
        }

        void reset() {
            signalAt = 0;
        }

        void awaitSignal(long deadlineNanos) throws InterruptedException {
            while (signalAt == 0 && System.nanoTime() < deadlineNanos) {
                Thread.sleep(1);
            }
        }

        void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null);
        }
    }
}
