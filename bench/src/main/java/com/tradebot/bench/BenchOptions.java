package com.tradebot.bench;

import com.tradebot.bench.server.ServerLaunchers;
import com.tradebot.bench.workload.HttpClientKind;
import com.tradebot.bench.workload.Operation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Command-line options of {@link EngineBenchmark}; every default is printed by {@code --help}. */
public record BenchOptions(
        Duration warmup,
        Duration measured,
        List<Integer> threadCounts,
        List<Operation> operations,
        Set<String> servers,
        HttpClientKind httpClient,
        Path nodeDir,
        Path resultsDir,
        boolean extras,
        long memoryItems,
        Duration memoryTimeLimit,
        long reopenMegabytes,
        int reopenItemBytes) {

    static final String USAGE = """
            EngineBenchmark [options]
              --seconds N            measured seconds per cell (default 10)
              --warmup N             warm-up seconds per cell (default 3)
              --threads 1,4          client thread counts (default 1,4)
              --ops put,get,query,transact   operations (default all)
              --servers engine,dynalite,do-nothing,do-nothing-undertow,engine-baseline   servers (default all;
                                     engine-baseline runs only with -Dbench.baselineClasspath=<another build's classpath>)
              --http apache5|url-connection   the SDK's HTTP client for every server (default apache5)
              --node-dir DIR         folder whose package.json pins dynalite (default bench/node)
              --results-dir DIR      where <date>.md is written (default bench/results)
              --no-extras            skip start-up, memory and reopen measurements
              --memory-items N       items loaded for the memory figure (default 1000000)
              --memory-max-seconds N stop loading after this long and scale (default 180)
              --reopen-mb N          size of the data directory to reopen (default 200; 1024 for 1 GB)
              --reopen-item-bytes N  payload bytes per item of that directory (default 1000)
            """;

    public static BenchOptions parse(String[] args) {
        Duration warmup = Duration.ofSeconds(3);
        Duration measured = Duration.ofSeconds(10);
        List<Integer> threads = List.of(1, 4);
        List<Operation> operations = List.of(Operation.values());
        Set<String> servers = Set.copyOf(ServerLaunchers.ALL);
        HttpClientKind httpClient = HttpClientKind.APACHE5;
        Path nodeDir = defaultFolder("node");
        Path resultsDir = defaultFolder("results");
        boolean extras = true;
        long memoryItems = 1_000_000;
        Duration memoryLimit = Duration.ofSeconds(180);
        long reopenMegabytes = 200;
        int reopenItemBytes = 1000;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--no-extras")) {
                extras = false;
                continue;
            }
            if (option.equals("--help") || option.equals("-h")) {
                throw new IllegalArgumentException("usage");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--seconds" -> measured = seconds(option, value);
                case "--warmup" -> warmup = seconds(option, value);
                case "--threads" -> threads = Arrays.stream(value.split(",")).map(v -> positive(option, v)).map(Long::intValue).toList();
                case "--ops" -> operations = Arrays.stream(value.split(",")).map(Operation::parse).distinct().toList();
                case "--servers" -> servers = Arrays.stream(value.split(",")).map(String::trim).collect(Collectors.toSet());
                case "--http" -> httpClient = HttpClientKind.parse(value);
                case "--node-dir" -> nodeDir = Path.of(value);
                case "--results-dir" -> resultsDir = Path.of(value);
                case "--memory-items" -> memoryItems = positive(option, value);
                case "--memory-max-seconds" -> memoryLimit = seconds(option, value);
                case "--reopen-mb" -> reopenMegabytes = positive(option, value);
                case "--reopen-item-bytes" -> reopenItemBytes = (int) positive(option, value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        List<String> unknown = new ArrayList<>(servers);
        unknown.removeAll(ServerLaunchers.ALL);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown servers " + unknown + " (one of " + ServerLaunchers.ALL + ")");
        }
        return new BenchOptions(warmup, measured, threads, operations, servers, httpClient, nodeDir, resultsDir, extras,
                memoryItems, memoryLimit, reopenMegabytes, reopenItemBytes);
    }

    /** Resolves bench/X from the repository root, or X when run from bench/ itself. */
    private static Path defaultFolder(String name) {
        Path fromRoot = Path.of("bench", name);
        return Files.isDirectory(Path.of("bench")) ? fromRoot : Path.of(name);
    }

    private static Duration seconds(String option, String value) {
        try {
            double seconds = Double.parseDouble(value);
            if (seconds < 0) {
                throw new IllegalArgumentException(option + " must not be negative: " + value);
            }
            return Duration.ofMillis(Math.round(seconds * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number of seconds, got '" + value + "'");
        }
    }

    private static long positive(String option, String value) {
        try {
            long number = Long.parseLong(value.trim());
            if (number <= 0) {
                throw new IllegalArgumentException(option + " must be positive: " + value);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, got '" + value + "'");
        }
    }
}
