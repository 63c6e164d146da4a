package com.tradebot.bench.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tradebot.marketdata.CandleRepository;
import com.tradebot.marketdata.Dataset;
import com.tradebot.marketdata.DatasetKey;
import com.tradebot.marketdata.MarketDataService;
import com.tradebot.marketdata.importer.ImportCommand;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * A 9-month 5-minute backtest (78,840 bars) end to end through the packaged jar's API: the platform runs as a child
 * {@code java -jar} process; a synthetic random walk is imported as a Binance kline CSV straight into its DynamoDB
 * port (as {@code scripts/import-candles} does); then {@code POST /api/backtest/run} for RSI_MACD over the whole
 * period, timed from the POST until {@code GET /api/backtest/{id}} shows SUCCEEDED (polled every 10 ms, so the
 * platform runs with the per-IP API rate limit lifted), repeated.
 * With {@code --jar label=path} given more than once, every jar runs at the same time on its own ports and the runs
 * alternate between them (A, B, A, B, ...), so a load that drifts on a shared machine hits both alike.
 * The first run of each jar includes cold functions; the median and p90 of the later runs are the figures.
 */
public final class NineMonthBacktestBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BARS = 78_840; // 273.75 days of 5m bars
    private final HttpClient http = HttpClient.newHttpClient();

    /** One platform under test. */
    private final class Platform {
        final String label;
        final Process process;
        final Path log;
        final URI rest;
        final int base;
        String token;
        Map<String, Object> body;
        final List<Double> times = new ArrayList<>();
        int trades;
        int bars;
        double importSec;

        Platform(String label, String jar, int base, Path dir) throws Exception {
            this.label = label;
            this.base = base;
            this.log = dir.resolve("platform-" + label + ".log");
            this.rest = URI.create("http://127.0.0.1:" + base);
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString()));
            // e.g. BENCH_PLATFORM_JVM_ARGS=-XX:StartFlightRecording=filename=/tmp/p.jfr to profile the platform
            String extra = System.getenv("BENCH_PLATFORM_JVM_ARGS");
            if (extra != null && !extra.isBlank()) {
                command.addAll(List.of(extra.trim().replace("{label}", label).split("\\s+")));
            }
            command.addAll(List.of("-jar", jar, "--api-port", Integer.toString(base),
                    "--ws-port", Integer.toString(base + 1), "--dynamodb-port", Integer.toString(base + 2),
                    "--sqs-port", Integer.toString(base + 3), "--sns-port", Integer.toString(base + 4),
                    "--sfn-port", Integer.toString(base + 5), "--parameter", "ApiRateLimitPerMinute=10000000"));
            this.process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        }

        Dataset prepare(byte[] csv) throws Exception {
            waitReady(log, process);
            MarketDataService store = new MarketDataService(new CandleRepository(
                    ImportCommand.client("http://127.0.0.1:" + (base + 2)), "tradebot-local-main"));
            long i0 = System.nanoTime();
            Dataset d = store.importFile(DatasetKey.of("binance", "BTC/USDT", "5m"),
                    MarketDataService.Format.BINANCE_CSV, csv);
            importSec = (System.nanoTime() - i0) / 1e9;
            System.out.printf(Locale.ROOT, "[%s] imported %s: %d bars %s .. %s in %.2f s%n", label, d.key(), d.bars(),
                    d.from(), d.to(), importSec);
            token = post(rest, "/api/auth/register", Map.of("email", "bench-9m-" + System.nanoTime() + "@example.com",
                    "password", "Bench-pass-12345", "name", "Bench"), null).get("accessToken").asText();
            body = Map.of("strategy", "RSI_MACD", "exchange", "binance", "symbol", "BTC/USDT",
                    "timeframe", "5m", "startDate", d.from().toString(), "endDate", d.to().plusSeconds(300).toString());
            return d;
        }

        void runOnce(int r) throws Exception {
            long t0 = System.nanoTime();
            String id = post(rest, "/api/backtest/run", body, token).get("id").asText();
            JsonNode job;
            do {
                Thread.sleep(10);
                job = get(rest, "/api/backtest/" + id, token);
            } while (job.get("status").asText().equals("RUNNING"));
            double sec = (System.nanoTime() - t0) / 1e9;
            if (!job.get("status").asText().equals("SUCCEEDED")) {
                throw new IllegalStateException("job failed: " + job);
            }
            bars = job.at("/result/bars").asInt();
            trades = job.at("/result/metrics/totalTrades").asInt();
            times.add(sec);
            System.out.printf(Locale.ROOT, "[%s] run %d: %.3f s (%d bars, %d trades)%n", label, r + 1, sec, bars, trades);
        }

        double quantile(double q) {
            List<Double> warm = new ArrayList<>(times.subList(1, times.size()));
            warm.sort(Double::compare);
            return warm.get(Math.min(warm.size() - 1, (int) Math.ceil(q * warm.size()) - 1));
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    public static void main(String[] args) throws Exception {
        int base = BacktestBenchmark.intOption(args, "--base-port", 13500);
        int repeats = BacktestBenchmark.intOption(args, "--repeats", 6);
        Map<String, String> jars = new java.util.LinkedHashMap<>();
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--jar")) {
                String[] labelled = args[i + 1].split("=", 2);
                jars.put(labelled.length == 2 ? labelled[0] : "jar" + (jars.size() + 1),
                        labelled.length == 2 ? labelled[1] : labelled[0]);
            }
        }
        if (jars.isEmpty()) {
            jars.put("this", "infra/local-platform/target/tradebot-local.jar");
        }
        new NineMonthBacktestBenchmark().run(base, repeats, jars);
    }

    private void run(int base, int repeats, Map<String, String> jars) throws Exception {
        Path data = Files.createTempDirectory("tradebot-bench-9m");
        String loadBefore = BacktestBenchmark.loadAverage();
        List<Platform> platforms = new ArrayList<>();
        try {
            int port = base;
            for (Map.Entry<String, String> jar : jars.entrySet()) {
                platforms.add(new Platform(jar.getKey(), jar.getValue(), port, data));
                port += 10;
            }
            byte[] csv = csv(BARS).getBytes(StandardCharsets.UTF_8);
            Dataset d = null;
            for (Platform p : platforms) {
                d = p.prepare(csv);
            }
            String loadStart = BacktestBenchmark.loadAverage();
            List<String> loads = new ArrayList<>();
            for (int r = 0; r < repeats; r++) {
                for (Platform p : platforms) {
                    p.runOnce(r);
                }
                loads.add(BacktestBenchmark.loadAverage().split(" ")[0]);
            }
            StringBuilder md = new StringBuilder("# 9-month 5m backtest end to end through the packaged jar's API — "
                    + LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME) + "\n\n"
                    + "Machine: " + Runtime.getRuntime().availableProcessors() + " cores; load average before start "
                    + loadBefore + ", before the runs " + loadStart + ", after " + BacktestBenchmark.loadAverage()
                    + "; 1-minute load after each round: " + String.join(", ", loads) + "\n\n"
                    + String.format(Locale.ROOT, "Data: %d synthetic 5m bars (%s .. %s), RSI_MACD over the whole "
                    + "period. Jars run side by side, runs alternating.%n%n", d.bars(), d.from(), d.to()));
            md.append("| run |");
            platforms.forEach(p -> md.append(' ').append(p.label).append(" |"));
            md.append("\n|---|");
            platforms.forEach(p -> md.append("---|"));
            md.append('\n');
            for (int r = 0; r < repeats; r++) {
                md.append("| ").append(r + 1).append(r == 0 ? " (cold)" : "").append(" |");
                for (Platform p : platforms) {
                    md.append(String.format(Locale.ROOT, " %.3f s |", p.times.get(r)));
                }
                md.append('\n');
            }
            md.append('\n');
            for (Platform p : platforms) {
                md.append(String.format(Locale.ROOT, "- **%s** (`%s`): median %.3f s, p90 %.3f s, best %.3f s of %d warm "
                        + "runs; %d bars, %d trades; import %.2f s%n", p.label, jars.get(p.label), p.quantile(0.5),
                        p.quantile(0.9), p.quantile(0.0001), p.times.size() - 1, p.bars, p.trades, p.importSec));
            }
            if (platforms.size() > 1) {
                Platform a = platforms.get(0);
                for (Platform b : platforms.subList(1, platforms.size())) {
                    md.append(String.format(Locale.ROOT, "- median %s / %s = %.2f×%n", b.label, a.label,
                            b.quantile(0.5) / a.quantile(0.5)));
                }
            }
            md.append("\nTarget: < 1 s.\n");
            Path out = Path.of("bench/results/backtest-9m-"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm")) + ".md");
            Files.writeString(out, md.toString());
            System.out.println(md);
            System.out.println("written to " + out);
        } finally {
            for (Platform p : platforms) {
                p.stop();
            }
        }
    }

    /** A Binance kline CSV (data.binance.vision layout) of a seeded geometric random walk, 5m bars from 2024-01-01. */
    static String csv(int n) {
        Random random = new Random(9);
        StringBuilder sb = new StringBuilder(n * 120);
        double price = 40_000;
        long start = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
        for (int i = 0; i < n; i++) {
            double open = price;
            double close = open * Math.exp(random.nextGaussian() * 0.003);
            double high = Math.max(open, close) * (1 + Math.abs(random.nextGaussian()) * 0.001);
            double low = Math.min(open, close) * (1 - Math.abs(random.nextGaussian()) * 0.001);
            long t = start + i * 300_000L;
            sb.append(t).append(',').append(String.format(Locale.ROOT, "%.2f,%.2f,%.2f,%.2f,%.4f", open, high, low, close,
                    1 + random.nextDouble() * 10)).append(',').append(t + 299_999).append(",0,0,0,0,0\n");
            price = close;
        }
        return sb.toString();
    }

    private JsonNode post(URI rest, String path, Object body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(rest.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(path + ": " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private JsonNode get(URI rest, String path, String token) throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(rest.resolve(path)).header("Authorization",
                "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
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
}
