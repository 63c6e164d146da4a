package com.tradebot.bench.run;

import com.tradebot.bench.server.ServerProcess;
import com.tradebot.bench.workload.Operation;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Runs one operation from N client threads for a fixed time and measures it. */
public final class CellRunner {
    private static final long HIGHEST_LATENCY_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final int SIGNIFICANT_DIGITS = 3;

    private final Duration warmup;
    private final Duration measured;

    public CellRunner(Duration warmup, Duration measured) {
        this.warmup = warmup;
        this.measured = measured;
    }

    /** Unrecorded calls, so the client's JIT-compiled paths are hot before the first measured cell. */
    public void warmUp(DynamoDbClient client, Operation operation, int threads, boolean checkAnswers) {
        drive(client, operation, threads, warmup, checkAnswers, new AtomicLong());
    }

    public CellResult run(ServerProcess server, DynamoDbClient client, Operation operation, int threads, boolean checkAnswers) {
        AtomicLong iterations = new AtomicLong();
        if (!warmup.isZero()) {
            drive(client, operation, threads, warmup, checkAnswers, iterations);
        }
        double load = loadAverage();
        long serverCpuBefore = server.cpuNanos();
        long clientCpuBefore = processCpuNanos();
        long start = System.nanoTime();
        Drive result = drive(client, operation, threads, measured, checkAnswers, iterations);
        long elapsed = System.nanoTime() - start;
        long serverCpu = server.cpuNanos() - serverCpuBefore;
        long clientCpu = processCpuNanos() - clientCpuBefore;

        long calls = result.latencies.getTotalCount() + result.errors;
        return new CellResult(server.name(), operation, threads,
                result.latencies.getTotalCount(), result.errors, result.firstError,
                elapsed / 1e9,
                result.latencies.getValueAtPercentile(50) / 1e3,
                result.latencies.getValueAtPercentile(99) / 1e3,
                calls == 0 ? 0 : serverCpu / 1e3 / calls,
                calls == 0 ? 0 : clientCpu / 1e3 / calls,
                load);
    }

    private record Drive(Histogram latencies, long errors, String firstError) {
    }

    private static Drive drive(DynamoDbClient client, Operation operation, int threads, Duration duration,
                               boolean checkAnswers, AtomicLong iterations) {
        long deadline = System.nanoTime() + duration.toNanos();
        List<Histogram> perThread = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Histogram histogram = new Histogram(HIGHEST_LATENCY_NANOS, SIGNIFICANT_DIGITS);
            perThread.add(histogram);
            int threadIndex = t;
            Thread worker = new Thread(() -> {
                while (System.nanoTime() < deadline) {
                    long begin = System.nanoTime();
                    try {
                        operation.invoke(client, threadIndex, iterations.getAndIncrement(), checkAnswers);
                        histogram.recordValue(Math.min(HIGHEST_LATENCY_NANOS, System.nanoTime() - begin));
                    } catch (RuntimeException e) {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, e.getClass().getSimpleName() + ": " + e.getMessage());
                    }
                }
            }, "bench-client-" + t);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        Histogram all = new Histogram(HIGHEST_LATENCY_NANOS, SIGNIFICANT_DIGITS);
        perThread.forEach(all::add);
        return new Drive(all, errors.get(), firstError.get());
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    public static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
