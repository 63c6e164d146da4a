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
 * The first run includes cold functions; the median of the later runs is the figure.
 */
public final class NineMonthBacktestBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BARS = 78_840; // 273.75 days of 5m bars
    private final HttpClient http = HttpClient.newHttpClient();
    private URI rest;

    public static void main(String[] args) throws Exception {
        int base = BacktestBenchmark.intOption(args, "--base-port", 13500);
        int repeats = BacktestBenchmark.intOption(args, "--repeats", 6);
        new NineMonthBacktestBenchmark().run(base, repeats);
    }

    private void run(int base, int repeats) throws Exception {
        Path data = Files.createTempDirectory("tradebot-bench-9m");
        Path log = data.resolve("platform.log");
        String load = BacktestBenchmark.loadAverage();
        Process platform = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                "infra/local-platform/target/tradebot-local.jar", "--api-port", Integer.toString(base),
                "--ws-port", Integer.toString(base + 1), "--dynamodb-port", Integer.toString(base + 2),
                "--sqs-port", Integer.toString(base + 3), "--sns-port", Integer.toString(base + 4),
                "--sfn-port", Integer.toString(base + 5), "--parameter", "ApiRateLimitPerMinute=10000000")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            waitReady(log, platform);
            rest = URI.create("http://127.0.0.1:" + base);
            Path csv = data.resolve("BTCUSDT-5m-2024.csv");
            Files.writeString(csv, csv(BARS));
            MarketDataService store = new MarketDataService(new CandleRepository(
                    ImportCommand.client("http://127.0.0.1:" + (base + 2)), "tradebot-local-main"));
            long i0 = System.nanoTime();
            Dataset d = store.importFile(DatasetKey.of("binance", "BTC/USDT", "5m"), MarketDataService.Format.BINANCE_CSV,
                    Files.readAllBytes(csv));
            double importSec = (System.nanoTime() - i0) / 1e9;
            System.out.printf(Locale.ROOT, "imported %s: %d bars %s .. %s in %.2f s%n", d.key(), d.bars(), d.from(), d.to(), importSec);
            String token = post("/api/auth/register", Map.of("email", "bench-9m-" + System.nanoTime() + "@example.com",
                    "password", "Bench-pass-12345", "name", "Bench"), null).get("accessToken").asText();
            Map<String, Object> body = Map.of("strategy", "RSI_MACD", "exchange", "binance", "symbol", "BTC/USDT",
                    "timeframe", "5m", "startDate", d.from().toString(), "endDate", d.to().plusSeconds(300).toString());
            List<Double> times = new ArrayList<>();
            int trades = 0;
            int bars = 0;
            for (int r = 0; r < repeats; r++) {
                long t0 = System.nanoTime();
                String id = post("/api/backtest/run", body, token).get("id").asText();
                JsonNode job;
                do {
                    Thread.sleep(10);
                    job = get("/api/backtest/" + id, token);
                } while (job.get("status").asText().equals("RUNNING"));
                double sec = (System.nanoTime() - t0) / 1e9;
                if (!job.get("status").asText().equals("SUCCEEDED")) {
                    throw new IllegalStateException("job failed: " + job);
                }
                bars = job.at("/result/bars").asInt();
                trades = job.at("/result/metrics/totalTrades").asInt();
                times.add(sec);
                System.out.printf(Locale.ROOT, "run %d: %.3f s (%d bars, %d trades)%n", r + 1, sec, bars, trades);
            }
            List<Double> warm = new ArrayList<>(times.subList(1, times.size()));
            warm.sort(Double::compare);
            double median = warm.get(warm.size() / 2);
            String md = "# 9-month 5m backtest end to end through the packaged jar's API — "
                    + LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME) + "\n\n"
                    + "Machine: " + Runtime.getRuntime().availableProcessors() + " cores; load average before " + load
                    + ", after " + BacktestBenchmark.loadAverage() + "\n\n"
                    + String.format(Locale.ROOT, "Data: %d synthetic 5m bars (%s .. %s) imported in %.2f s.%n%n", d.bars(),
                    d.from(), d.to(), importSec)
                    + "| run | POST /api/backtest/run → SUCCEEDED |\n|---|---|\n"
                    + String.join("", times.stream().map(t -> String.format(Locale.ROOT, "| | %.3f s |%n", t)).toList())
                    + String.format(Locale.ROOT, "%nMedian after the first (cold) run: **%.3f s** for %d bars, %d trades "
                    + "(target < 1 s).%n", median, bars, trades);
            Path out = Path.of("bench/results/backtest-9m-"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm")) + ".md");
            Files.writeString(out, md);
            System.out.println(md);
            System.out.println("written to " + out);
        } finally {
            platform.destroy();
            if (!platform.waitFor(30, TimeUnit.SECONDS)) {
                platform.destroyForcibly();
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

    private JsonNode post(String path, Object body, String token) throws Exception {
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

    private JsonNode get(String path, String token) throws Exception {
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
