package com.tradebot.bench.signals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tradebot.auth.AccessTokens;
import com.tradebot.auth.Role;
import com.tradebot.auth.SigningKeys;
import java.io.IOException;
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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * Signal fan-out on the packaged platform (issue 15, "Measure"): N subscribers connected over WebSocket to one
 * strategy, TradingView webhook POSTs, and for every (signal, subscriber) the time from just before the POST to the
 * arrival of {@code signal_new}. Then a sustained phase at a fixed signal rate, counting what each subscriber got.
 * Lambda invocations and SQS send requests come from the platform's own log lines (one per dispatch and per delivery
 * invocation). Subscribers' access tokens are minted with the platform's signing key (read from its --data
 * directory) because 1,000 Argon2id registrations would only measure password hashing.
 */
public final class SignalFanOutBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DISPATCHED = Pattern.compile("Dispatched [^ ]+: (\\d+) recipients in (\\d+) batches, (\\d+) SQS send requests");
    private static final Pattern DELIVERY = Pattern.compile("Delivery invocation: (\\d+) batches, (\\d+) pushes, (\\d+) failed");

    private final Map<String, String> options;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private URI rest;
    private URI ws;

    private SignalFanOutBenchmark(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>(Map.of("--jar", "infra/local-platform/target/tradebot-local.jar",
                "--subscribers", "1000", "--signals", "20", "--rate", "10", "--seconds", "60", "--base-port", "13400",
                "--out", "bench/results", "--warmup", "1"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        new SignalFanOutBenchmark(options).run();
    }

    private int option(String name) {
        return Integer.parseInt(options.get(name));
    }

    private void run() throws Exception {
        int subscribers = option("--subscribers");
        int base = option("--base-port");
        Path data = Files.createTempDirectory("tradebot-bench-signals");
        Path log = data.resolve("platform.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        // e.g. BENCH_PLATFORM_JVM_ARGS=-XX:TieredStopAtLevel=4 (C2 for the platform) or a JFR recording
        String extra = System.getenv("BENCH_PLATFORM_JVM_ARGS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of(
                "-jar", options.get("--jar"), "--api-port", Integer.toString(base), "--ws-port", Integer.toString(base + 1),
                "--dynamodb-port", Integer.toString(base + 2), "--sqs-port", Integer.toString(base + 3),
                "--sns-port", Integer.toString(base + 4), "--sfn-port", Integer.toString(base + 5),
                "--data", data.toString(),
                "--parameter", "ApiRateLimitPerMinute=10000000", "--parameter", "RegisterRateLimitPerMinute=10000",
                "--parameter", "LoginRateLimitPerMinute=10000"));
        Process platform = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            waitReady(log, platform);
            rest = URI.create("http://127.0.0.1:" + base);
            ws = URI.create("ws://127.0.0.1:" + (base + 1));
            report(subscribers, log, platform);
        } finally {
            platform.destroy();
            if (!platform.waitFor(30, TimeUnit.SECONDS)) {
                platform.destroyForcibly();
            }
        }
    }

    private void report(int subscriberCount, Path log, Process platform) throws Exception {
        JsonNode provider = postOk("/api/auth/register", Map.of("email", "bench-" + System.nanoTime() + "@example.com",
                "password", "Bench-pass-12345", "name", "Bench", "role", "PROVIDER"), null);
        String providerToken = provider.get("accessToken").asText();
        String strategyId = postOk("/api/strategies", Map.of("name", "Bench", "supportedPairs", List.of("BTCUSDT"),
                "monthlyPrice", 0), providerToken).get("id").asText();
        JsonNode webhook = get("/api/strategies/" + strategyId + "/webhook", providerToken);
        // the path the local gateway serves (the URL the API shows is checked by the smoke test, not here)
        String path = "/webhooks/tradingview/" + strategyId;
        String passphrase = webhook.get("passphrase").asText();

        // subscribers: tokens from the platform's signing key, subscriptions through the API, sockets subscribed
        byte[] seed = Files.readString(log.getParent().resolve("secrets").resolve("jwt-signing-seed")).trim()
                .getBytes(StandardCharsets.UTF_8);
        AccessTokens tokens = new AccessTokens(SigningKeys.fromSeed(seed), Clock.systemUTC());
        List<Subscriber> subscribers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<CompletableFuture<Subscriber>> setup = new ArrayList<>();
        for (int i = 0; i < subscriberCount; i++) {
            String token = tokens.issue("bench-subscriber-" + i, Role.USER);
            setup.add(CompletableFuture.supplyAsync(() -> {
                try {
                    postOk("/api/subscriptions", Map.of("strategyId", strategyId), token);
                    return Subscriber.connect(http, URI.create(ws + "?token=" + token), strategyId);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, pool));
        }
        for (CompletableFuture<Subscriber> future : setup) {
            subscribers.add(future.join());
        }
        pool.shutdown();
        System.out.println("[bench] " + subscribers.size() + " subscribers connected and subscribed");

        // warm-up, not measured: the first alert meets cold functions (class loading, first SDK calls); --warmup N
        // sends N open/close pairs, enough for the JIT to have compiled the push path when the platform runs with C2
        int warmups = option("--warmup");
        for (int w = 0; w < warmups; w++) {
            postText(path, alert(passphrase, -1 - w, "buy"));
            postText(path, alert(passphrase, -1 - w, "close"));
            String opened = strategyId + ":" + (2 * w + 1);
            String closed = strategyId + ":" + (2 * w + 2);
            for (Subscriber subscriber : subscribers) {
                subscriber.await(closed, System.nanoTime() + TimeUnit.SECONDS.toNanos(120));
            }
            for (Subscriber subscriber : subscribers) { // and its tail, as between measured signals (below)
                subscriber.awaitNotification(opened, System.nanoTime() + TimeUnit.SECONDS.toNanos(60));
                subscriber.awaitNotification(closed, System.nanoTime() + TimeUnit.SECONDS.toNanos(60));
            }
        }

        // phase 1: one signal at a time, latency of every delivery (after the warm-up's events: odd sequences open, even close)
        int signals = option("--signals");
        Histogram ack = new Histogram(3);
        Histogram arrival = new Histogram(3);
        Histogram last = new Histogram(3);
        int linesBefore = countLines(log);
        for (int s = 0; s < signals; s++) {
            long start = System.nanoTime();
            Response fired = postText(path, alert(passphrase, s, "buy"));
            ack.recordValue((System.nanoTime() - start) / 1000);
            if (fired.status != 200) {
                System.out.println("[bench] alert " + s + " answered " + fired.status + " " + fired.body);
            }
            String expectedEvent = strategyId + ":" + (2 * (warmups + s) + 1);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            long latest = 0;
            for (Subscriber subscriber : subscribers) {
                Long at = subscriber.await(expectedEvent, deadline);
                if (at != null) {
                    arrival.recordValue(Math.max(1, (at - start) / 1000));
                    latest = Math.max(latest, at);
                }
            }
            last.recordValue(Math.max(1, (latest - start) / 1000));
            // close it again so the next buy is a fresh signal (its signal_closed is counted as a delivery too)
            postText(path, alert(passphrase, s, "close"));
            String closeEvent = strategyId + ":" + (2 * (warmups + s) + 2);
            for (Subscriber subscriber : subscribers) {
                subscriber.await(closeEvent, System.nanoTime() + TimeUnit.SECONDS.toNanos(20));
            }
            // one signal at a time means the platform has finished with the previous one: wait until the in-app
            // `notification` pushes of both events (the delivery's last step) reached every subscriber, so the
            // next buy does not share the CPU with the tail of this one (the sustained phase measures overlap)
            for (Subscriber subscriber : subscribers) {
                subscriber.awaitNotification(expectedEvent, System.nanoTime() + TimeUnit.SECONDS.toNanos(20));
                subscriber.awaitNotification(closeEvent, System.nanoTime() + TimeUnit.SECONDS.toNanos(20));
            }
        }
        Thread.sleep(2000);
        LogCounts latencyCounts = LogCounts.of(log, linesBefore);
        long missing = (long) signals * subscribers.size() - arrival.getTotalCount();

        // phase 2: sustained rate, nothing lost and nothing doubled per subscriber
        int rate = option("--rate");
        int seconds = option("--seconds");
        subscribers.forEach(Subscriber::reset);
        long sustainedStart = System.nanoTime();
        int fired = 0;
        Histogram sustainedAck = new Histogram(3);
        for (int i = 0; i < rate * seconds; i++) {
            long due = sustainedStart + TimeUnit.MILLISECONDS.toNanos(1000L * i / rate);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            long t = System.nanoTime();
            Response response = postText(path, alert(passphrase, 1000 + i, i % 2 == 0 ? "buy" : "close"));
            sustainedAck.recordValue((System.nanoTime() - t) / 1000);
            if (response.status == 200) {
                fired++;
            }
        }
        double firedSeconds = (System.nanoTime() - sustainedStart) / 1e9;
        long drainStart = System.nanoTime();
        int expected = fired;
        for (Subscriber subscriber : subscribers) {
            while (subscriber.distinct() < expected && System.nanoTime() - drainStart < TimeUnit.SECONDS.toNanos(300)) {
                Thread.sleep(50);
            }
        }
        double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
        long lost = 0;
        long doubled = 0;
        for (Subscriber subscriber : subscribers) {
            lost += Math.max(0, expected - subscriber.distinct());
            doubled += subscriber.duplicates();
        }
        subscribers.forEach(Subscriber::close);

        String table = markdown(subscribers.size(), signals, ack, arrival, last, missing, latencyCounts, rate, seconds,
                fired, firedSeconds, sustainedAck, drainSeconds, lost, doubled);
        System.out.println(table);
        Path out = Path.of(options.get("--out"));
        Files.createDirectories(out);
        Path file = out.resolve("signals-" + LocalDate.now() + ".md");
        Files.writeString(file, table);
        System.out.println("[bench] written to " + file);
    }

    private String markdown(int subscribers, int signals, Histogram ack, Histogram arrival, Histogram last,
                            long missing, LogCounts counts, int rate, int seconds, int fired, double firedSeconds,
                            Histogram sustainedAck, double drainSeconds, long lost, long doubled) {
        int events = signals * 2;
        StringBuilder md = new StringBuilder();
        md.append("## Signal fan-out, ").append(Instant.now()).append("\n\n");
        md.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch"))
                .append(", Java ").append(System.getProperty("java.version")).append(", load average at start ")
                .append(loadAverage()).append(". Command: `java -cp bench/target/tradebot-bench.jar:$(cat bench/target/classpath.txt) "
                        + "com.tradebot.bench.signals.SignalFanOutBenchmark")
                .append(" --subscribers ").append(subscribers).append(" --signals ").append(signals)
                .append(" --rate ").append(rate).append(" --seconds ").append(seconds)
                .append(" --warmup ").append(option("--warmup")).append("`")
                .append(System.getenv("BENCH_PLATFORM_JVM_ARGS") == null ? ""
                        : ", platform JVM options `" + System.getenv("BENCH_PLATFORM_JVM_ARGS") + "`")
                .append("\n\n");
        md.append("| figure | value | target |\n|---|---|---|\n");
        md.append(row("webhook acknowledged p50 / p99", ms(ack, 50) + " / " + ms(ack, 99), "p99 < 50 ms"));
        md.append(row("`signal_new` at subscribers p50 / p99 (" + arrival.getTotalCount() + " deliveries)",
                ms(arrival, 50) + " / " + ms(arrival, 99), "p99 < 100 ms"));
        md.append(row("last of " + subscribers + " subscribers p50 / max over " + signals + " signals",
                ms(last, 50) + " / " + ms(last, 100), "< 250 ms"));
        md.append(row("deliveries missing after 20 s", Long.toString(missing), "0"));
        md.append(row("delivery invocations per signal event", String.format(Locale.ROOT, "%.2f",
                counts.deliveryInvocations / (double) events), "≤ " + Math.max(1, subscribers / 100)));
        md.append(row("dispatch + delivery invocations per signal event", String.format(Locale.ROOT, "%.2f",
                (counts.dispatches + counts.deliveryInvocations) / (double) events), "–"));
        md.append(row("SQS SendMessageBatch per signal event (dispatcher)", String.format(Locale.ROOT, "%.2f",
                counts.sendRequests / (double) events), "–"));
        md.append(row("pushes per signal event", String.format(Locale.ROOT, "%.1f", counts.pushes / (double) events),
                Integer.toString(subscribers)));
        md.append(row("sustained: signals fired (rate " + rate + "/s for " + seconds + " s)", fired + " in "
                + String.format(Locale.ROOT, "%.1f s", firedSeconds), rate * seconds + " in " + seconds + " s"));
        md.append(row("sustained: webhook ack p50 / p99", ms(sustainedAck, 50) + " / " + ms(sustainedAck, 99), "p99 < 50 ms"));
        md.append(row("sustained: time after the last POST until every subscriber had every signal",
                String.format(Locale.ROOT, "%.1f s", drainSeconds), "–"));
        md.append(row("sustained: lost / doubled (summed over subscribers)", lost + " / " + doubled, "0 / 0"));
        return md.toString();
    }

    private static String row(String name, String value, String target) {
        return "| " + name + " | " + value + " | " + target + " |\n";
    }

    private static String ms(Histogram histogram, double percentile) {
        if (histogram.getTotalCount() == 0) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.1f ms", histogram.getValueAtPercentile(percentile) / 1000.0);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "n/a";
        }
    }

    private static String alert(String passphrase, int n, String action) {
        return "passphrase=" + passphrase + "\naction=" + action + "\nticker=BTCUSDT\nprice=" + (action.equals("buy")
                ? "64000" : "64500") + "\nstopLoss=63000\ntakeProfit=66000\nn=" + n + "\n";
    }

    /** Counts of the platform's own log lines since a given line. */
    record LogCounts(long dispatches, long sendRequests, long deliveryInvocations, long pushes) {
        static LogCounts of(Path log, int fromLine) throws IOException {
            List<String> lines = Files.readAllLines(log);
            long dispatches = 0;
            long sends = 0;
            long invocations = 0;
            long pushes = 0;
            for (String line : lines.subList(Math.min(fromLine, lines.size()), lines.size())) {
                Matcher dispatched = DISPATCHED.matcher(line);
                if (dispatched.find()) {
                    dispatches++;
                    sends += Long.parseLong(dispatched.group(3));
                }
                Matcher delivery = DELIVERY.matcher(line);
                if (delivery.find()) {
                    invocations++;
                    pushes += Long.parseLong(delivery.group(2));
                }
            }
            return new LogCounts(dispatches, sends, invocations, pushes);
        }
    }

    private static int countLines(Path log) throws IOException {
        return Files.readAllLines(log).size();
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

    record Response(int status, String body, JsonNode json) {
    }

    private Response post(String path, Object body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(rest.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body(), JSON.readTree(response.body().isEmpty() ? "{}" : response.body()));
    }

    /** Set-up calls: a cold function on a busy machine may time out once; retried, and any other failure stops the run. */
    private JsonNode postOk(String path, Object body, String token) throws Exception {
        for (int attempt = 1; ; attempt++) {
            Response response = post(path, body, token);
            if (response.status / 100 == 2) {
                return response.json;
            }
            if (response.status < 500 || attempt == 5) {
                throw new IllegalStateException(path + ": " + response.status + " " + response.body);
            }
            System.out.println("[bench] " + path + " answered " + response.status + ", retrying");
        }
    }

    private Response postText(String path, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(rest.resolve(path))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body(), null);
    }

    private JsonNode get(String path, String token) throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(rest.resolve(path)).header("Authorization",
                "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    /** One subscriber's socket: the arrival time of each event id, and how often each arrived. */
    static final class Subscriber implements WebSocket.Listener {
        private final Map<String, Long> firstArrival = new ConcurrentHashMap<>();
        private final Map<String, Long> notifications = new ConcurrentHashMap<>();
        private final AtomicInteger duplicates = new AtomicInteger();
        private final StringBuilder text = new StringBuilder();
        private final CountDownLatch subscribed = new CountDownLatch(1);
        private WebSocket socket;

        static Subscriber connect(HttpClient http, URI uri, String strategyId) throws Exception {
            Subscriber subscriber = new Subscriber();
            subscriber.socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30))
                    .buildAsync(uri, subscriber).get(60, TimeUnit.SECONDS);
            subscriber.socket.sendText("{\"action\":\"subscribe_signals\",\"strategyId\":\"" + strategyId + "\"}", true)
                    .get(30, TimeUnit.SECONDS);
            if (!subscriber.subscribed.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no subscribed answer");
            }
            return subscriber;
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
                } else if (message.contains("\"event\":\"notification\"")) {
                    // the in-app notification of an event: its id is the event id
                    int from = message.indexOf("\"id\":\"") + 6;
                    notifications.putIfAbsent(message.substring(from, message.indexOf('"', from)), now);
                } else if (message.contains("\"eventId\":\"")) {
                    int from = message.indexOf("\"eventId\":\"") + 11;
                    String eventId = message.substring(from, message.indexOf('"', from));
                    if (firstArrival.putIfAbsent(eventId, now) != null) {
                        duplicates.incrementAndGet();
                    }
                }
            }
            webSocket.request(1);
            return null;
        }

        Long await(String eventId, long deadlineNanos) throws InterruptedException {
            return awaitIn(firstArrival, eventId, deadlineNanos);
        }

        Long awaitNotification(String eventId, long deadlineNanos) throws InterruptedException {
            return awaitIn(notifications, eventId, deadlineNanos);
        }

        private static Long awaitIn(Map<String, Long> arrivals, String eventId, long deadlineNanos)
                throws InterruptedException {
            while (System.nanoTime() < deadlineNanos) {
                Long at = arrivals.get(eventId);
                if (at != null) {
                    return at;
                }
                Thread.sleep(1);
            }
            return null;
        }

        void reset() {
            firstArrival.clear();
            notifications.clear();
            duplicates.set(0);
        }

        int distinct() {
            return firstArrival.size();
        }

        int duplicates() {
            return duplicates.get();
        }

        void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null);
        }
    }
}
