package com.tradebot.bench.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Fills the bench table through BatchWriteItem from several client threads. */
public final class ParallelLoader {
    private static final int BATCH = 25;
    private static final char[] LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();

    private ParallelLoader() {
    }

    /**
     * Writes items 0..count-1 made by {@code itemAt} until all are written, the deadline passes or
     * {@code stop} says so; returns how many were written (always whole batches).
     */
    public static long load(DynamoDbClient client, int threads, long count, long deadlineNanos,
                            BooleanSupplier stop, LongFunction<Map<String, AttributeValue>> itemAt) {
        AtomicLong nextBatch = new AtomicLong();
        AtomicLong written = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        List<RuntimeException> failures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try {
                    while (System.nanoTime() < deadlineNanos && !stop.getAsBoolean()) {
                        long first = nextBatch.getAndIncrement() * BATCH;
                        if (first >= count) {
                            return;
                        }
                        List<Map<String, AttributeValue>> items = new ArrayList<>(BATCH);
                        for (long i = first; i < Math.min(count, first + BATCH); i++) {
                            items.add(itemAt.apply(i));
                        }
                        BenchTable.batchWrite(client, BenchTable.NAME, items);
                        written.addAndGet(items.size());
                    }
                } catch (RuntimeException e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }, "bench-loader-" + t);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while loading", e);
            }
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        return written.get();
    }

    /** Random letters, so a store that compresses cannot shrink the data below its real size. */
    public static String randomText(int length) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] text = new char[length];
        for (int i = 0; i < length; i++) {
            text[i] = LETTERS[random.nextInt(LETTERS.length)];
        }
        return new String(text);
    }
}
