package com.tradebot.bench.extra;

import com.tradebot.bench.BenchOptions;
import com.tradebot.bench.report.ExtraFigure;
import com.tradebot.bench.server.ServerLaunchers;
import com.tradebot.bench.server.ServerProcess;
import com.tradebot.bench.workload.BenchClients;
import com.tradebot.bench.workload.BenchTable;
import com.tradebot.dynamodb.DynamoDbEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Start-up time, memory per million items and reopen time of a data directory, all of the engine. */
public final class EngineExtras {
    private static final int STARTS = 5;
    /** With the keys, a number and the attribute names this makes an item of about 100 bytes. */
    private static final int SMALL_PAYLOAD_CHARS = 64;
    private static final double START_TARGET_SECONDS = 0.5;
    private static final long MEGABYTE = 1024 * 1024;
    private static final Duration REOPEN_TIMEOUT = Duration.ofMinutes(15);

    /** Held here because java.util.logging keeps loggers weakly; the in-process engine's start banners are noise. */
    private static final List<Logger> QUIETED = List.of(Logger.getLogger("io.undertow"), Logger.getLogger("org.xnio"));

    private EngineExtras() {
    }

    public static List<ExtraFigure> measure(BenchOptions options) {
        QUIETED.forEach(logger -> logger.setLevel(Level.WARNING));
        List<ExtraFigure> figures = new ArrayList<>();
        guarded(figures, "start-up, child JVM", () -> figures.addAll(processStartup()));
        guarded(figures, "start-up, in-process", () -> figures.addAll(InProcessStartup.measure(STARTS)));
        guarded(figures, "memory per million items", () -> figures.add(memoryPerMillion(options)));
        guarded(figures, "reopen", () -> figures.addAll(reopen(options)));
        return figures;
    }

    private interface Measurement {
        void run() throws Exception;
    }

    /** One failing measurement is reported in the table and does not cost the others. */
    private static void guarded(List<ExtraFigure> figures, String name, Measurement measurement) {
        System.out.println("measuring " + name + " ...");
        try {
            measurement.run();
        } catch (Exception | LinkageError e) {
            System.err.println(name + " failed: " + e);
            figures.add(ExtraFigure.untargeted(name, "**failed**: " + e.toString().replace('|', '/').replace('\n', ' ')));
        }
    }

    private static List<ExtraFigure> processStartup() throws IOException {
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i < STARTS; i++) {
            try (ServerProcess engine = ServerLaunchers.startEngine(null)) {
                seconds.add(engine.startupTime().toNanos() / 1e9);
            }
        }
        double median = median(seconds);
        return List.of(ExtraFigure.targeted(
                "start-up in memory, child JVM: process start to ready line (median of " + STARTS + ")",
                String.format(Locale.ROOT, "%.3f s (min %.3f s)", median, seconds.stream().min(Double::compare).orElseThrow()),
                "< 0.5 s", median < START_TARGET_SECONDS));
    }

    /** Loads small items into an in-process, in-memory engine and compares the heap after a full GC. */
    private static ExtraFigure memoryPerMillion(BenchOptions options) {
        DynamoDbEngine engine = DynamoDbEngine.builder().dataDir(null).startInProcess();
        try {
            EmbeddedLoader loader = new EmbeddedLoader(engine);
            loader.createBenchTable();
            long before = heapUsedAfterGc();
            long start = System.nanoTime();
            long loaded = loader.load("mem#", SMALL_PAYLOAD_CHARS, options.memoryItems(),
                    start + options.memoryTimeLimit().toNanos(), () -> false);
            double loadSeconds = (System.nanoTime() - start) / 1e9;
            long after = heapUsedAfterGc();
            double bytesPerItem = (after - before) / (double) loaded;
            return ExtraFigure.untargeted(
                    String.format(Locale.ROOT, "heap per million ~100-byte items, in memory (%,d items loaded through handle(\"BatchWriteItem\") in %.0f s)",
                            loaded, loadSeconds),
                    String.format(Locale.ROOT, "%.0f MiB (%.0f bytes/item; heap after GC %d → %d MiB)",
                            bytesPerItem * 1_000_000 / MEGABYTE, bytesPerItem, before / MEGABYTE, after / MEGABYTE));
        } finally {
            engine.close();
        }
    }

    private static long heapUsedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** Fills a data directory to the asked size, closes it, then times a fresh process and an in-process start reopening it. */
    private static List<ExtraFigure> reopen(BenchOptions options) throws IOException {
        Path dataDir = Files.createTempDirectory("engine-bench-reopen");
        try {
            long targetBytes = options.reopenMegabytes() * MEGABYTE;
            long buildStart = System.nanoTime();
            long written;
            DynamoDbEngine builder = DynamoDbEngine.builder().dataDir(dataDir).startInProcess();
            try {
                EmbeddedLoader loader = new EmbeddedLoader(builder);
                loader.createBenchTable();
                AtomicLong lastCheck = new AtomicLong(System.nanoTime());
                AtomicLong lastSize = new AtomicLong();
                written = loader.load("reopen#", options.reopenItemBytes(), Long.MAX_VALUE, Long.MAX_VALUE,
                        () -> reachedSize(dataDir, targetBytes, lastCheck, lastSize));
            } finally {
                builder.close();
            }
            double buildSeconds = (System.nanoTime() - buildStart) / 1e9;
            long size = directorySize(dataDir);

            long readyNanos;
            long firstReadNanos;
            long start = System.nanoTime();
            try (ServerProcess engine = ServerLaunchers.startEngine(dataDir, REOPEN_TIMEOUT);
                 DynamoDbClient client = BenchClients.dynamoDb(engine.endpoint(), options.httpClient())) {
                readyNanos = engine.startupTime().toNanos();
                boolean found = client.getItem(get -> get.tableName(BenchTable.NAME)
                        .key(BenchTable.key("reopen#" + (written - 1), "0"))).hasItem();
                firstReadNanos = System.nanoTime() - start;
                if (!found) {
                    throw new IllegalStateException("the reopened directory lost the last item written");
                }
            }
            long inProcessStart = System.nanoTime();
            DynamoDbEngine reopened = DynamoDbEngine.builder().port(0).dataDir(dataDir).start();
            long inProcessNanos = System.nanoTime() - inProcessStart;
            reopened.close();

            String what = String.format(Locale.ROOT, "reopen of a %.0f MiB data directory (%,d items of ~%d bytes, built in %.0f s)",
                    size / (double) MEGABYTE, written, options.reopenItemBytes(), buildSeconds);
            return List.of(
                    ExtraFigure.untargeted(what + ", child JVM: process start to ready line",
                            String.format(Locale.ROOT, "%.2f s", readyNanos / 1e9)),
                    ExtraFigure.untargeted(what + ", child JVM: process start to first GetItem answered",
                            String.format(Locale.ROOT, "%.2f s", firstReadNanos / 1e9)),
                    ExtraFigure.untargeted(what + ", in-process start() (warm JVM, page cache warm)",
                            String.format(Locale.ROOT, "%.2f s", inProcessNanos / 1e9)));
        } finally {
            deleteTree(dataDir);
        }
    }

    /** Walking the directory costs time, so its size is checked at most twice a second. */
    private static boolean reachedSize(Path dir, long targetBytes, AtomicLong lastCheck, AtomicLong lastSize) {
        long now = System.nanoTime();
        long previous = lastCheck.get();
        if (now - previous > 500_000_000L && lastCheck.compareAndSet(previous, now)) {
            try {
                lastSize.set(directorySize(dir));
            } catch (UncheckedIOException fileVanishedDuringWalk) {
                lastCheck.set(previous); // check again on the next call
            }
        }
        return lastSize.get() >= targetBytes;
    }

    static long directorySize(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    return 0; // a file the engine just removed (compaction)
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
