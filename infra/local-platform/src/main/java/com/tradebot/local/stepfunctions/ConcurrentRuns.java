package com.tradebot.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs Map iterations and Parallel branches on a pool bounded by the concurrency limit, keeping results in order. */
final class ConcurrentRuns {

    record Outcome(JsonNode value, StatesException failure) {
    }

    private ConcurrentRuns() {
    }

    static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * @param stopOnFirstFailure cancel the others and rethrow the first failure (inline Map, Parallel); otherwise every
     *                           run finishes and failures come back as outcomes (Map with tolerated failures)
     */
    static List<Outcome> runAll(List<Callable<JsonNode>> runs, int limit, boolean stopOnFirstFailure, String name)
            throws StatesException, InterruptedException {
        if (runs.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(limit, runs.size()), daemonThreads(name));
        try {
            ExecutorCompletionService<JsonNode> completion = new ExecutorCompletionService<>(pool);
            List<Future<JsonNode>> futures = new ArrayList<>();
            for (Callable<JsonNode> run : runs) {
                futures.add(completion.submit(run));
            }
            for (int done = 0; done < runs.size(); done++) {
                Future<JsonNode> finished = completion.take();
                if (stopOnFirstFailure) {
                    try {
                        finished.get();
                    } catch (ExecutionException e) {
                        throw unwrap(e);
                    }
                }
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<JsonNode> future : futures) {
                try {
                    outcomes.add(new Outcome(future.get(), null));
                } catch (ExecutionException e) {
                    outcomes.add(new Outcome(null, unwrap(e)));
                }
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The StatesException inside; InterruptedException means the run was stopped. */
    static StatesException unwrap(ExecutionException e) throws InterruptedException {
        Throwable cause = e.getCause();
        if (cause instanceof StatesException statesException) {
            return statesException;
        }
        if (cause instanceof InterruptedException interrupted) {
            throw interrupted;
        }
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        throw new IllegalStateException(cause);
    }
}
