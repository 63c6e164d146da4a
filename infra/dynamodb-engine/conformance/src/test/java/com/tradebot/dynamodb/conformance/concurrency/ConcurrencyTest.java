package com.tradebot.dynamodb.conformance.concurrency;

import static com.tradebot.dynamodb.conformance.support.Values.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.tradebot.dynamodb.conformance.support.ConformanceTest;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Atomicity under contention: no lost updates, conserved totals, no negative balances. */
class ConcurrencyTest extends ConformanceTest {
    private static final int THREADS = 8;
    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);

    @AfterEach
    void stop() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    private static <T> List<T> all(List<Future<T>> futures) throws Exception {
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get(60, TimeUnit.SECONDS));
        }
        return results;
    }

    @Test
    void concurrentAddsAreNeverLost() throws Exception {
        String table = createTable("pk", ScalarAttributeType.S);
        Map<String, AttributeValue> key = item("pk", s("counter"));
        List<Future<Void>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 250; i++) {
                    db.updateItem(r -> r.tableName(table).key(key).updateExpression("ADD #c :one")
                            .expressionAttributeNames(names("#c", "count")).expressionAttributeValues(Map.of(":one", n(1))));
                }
                return null;
            }));
        }
        all(futures);
        assertThat(get(table, key).get("count")).isEqualTo(n(2000));
    }

    @Test
    void concurrentConditionalCreatesHaveExactlyOneWinner() throws Exception {
        String table = createTable("pk", ScalarAttributeType.S);
        AtomicInteger winners = new AtomicInteger();
        List<Future<Void>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                for (int round = 0; round < 25; round++) {
                    int r0 = round;
                    try {
                        db.putItem(r -> r.tableName(table).item(item("pk", s("slot" + r0), "owner", n(thread)))
                                .conditionExpression("attribute_not_exists(pk)"));
                        winners.incrementAndGet();
                    } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException expected) {
                        // another thread created it first
                    }
                }
                return null;
            }));
        }
        all(futures);
        assertThat(winners.get()).isEqualTo(25);
        assertThat(scanAll(table)).hasSize(25);
    }

    @Test
    @Tag("beyond-dynalite")
    void transfersConserveTheTotalAndNeverGoNegative() throws Exception {
        String table = createTable("pk", ScalarAttributeType.S);
        int accounts = 5;
        long initial = 100;
        for (int a = 0; a < accounts; a++) {
            put(table, item("pk", s("acct" + a), "balance", n(initial)));
        }
        AtomicInteger committed = new AtomicInteger();
        AtomicBoolean transfersRunning = new AtomicBoolean(true);

        // a reader takes transactional snapshots while transfers run: each must show the full total
        Future<Integer> reader = pool.submit(readSnapshots(table, accounts, accounts * initial, transfersRunning));

        List<Future<Void>> transfers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Random random = new Random(t);
            transfers.add(pool.submit(() -> {
                for (int i = 0; i < 40; i++) {
                    int from = random.nextInt(accounts);
                    int to = (from + 1 + random.nextInt(accounts - 1)) % accounts;
                    long amount = 1 + random.nextInt(60);
                    if (transfer(table, "acct" + from, "acct" + to, amount)) {
                        committed.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        all(transfers);
        transfersRunning.set(false);
        int snapshots = reader.get(60, TimeUnit.SECONDS);

        long total = 0;
        for (int a = 0; a < accounts; a++) {
            long balance = Long.parseLong(get(table, item("pk", s("acct" + a))).get("balance").n());
            assertThat(balance).as("acct%d", a).isGreaterThanOrEqualTo(0);
            total += balance;
        }
        assertThat(total).isEqualTo(accounts * initial);
        assertThat(committed.get()).isPositive();
        assertThat(snapshots).isPositive();
    }

    /** True when committed; false when cancelled because the balance was short or another transaction conflicted. */
    private boolean transfer(String table, String from, String to, long amount) {
        try {
            db.transactWriteItems(r -> r.transactItems(
                    TransactWriteItem.builder().update(u -> u.tableName(table).key(item("pk", s(from)))
                            .updateExpression("SET balance = balance - :amt").conditionExpression("balance >= :amt")
                            .expressionAttributeValues(Map.of(":amt", n(amount)))).build(),
                    TransactWriteItem.builder().update(u -> u.tableName(table).key(item("pk", s(to)))
                            .updateExpression("SET balance = balance + :amt")
                            .expressionAttributeValues(Map.of(":amt", n(amount)))).build()));
            return true;
        } catch (TransactionCanceledException cancelled) {
            assertThat(cancelled.cancellationReasons()).extracting(CancellationReason::code)
                    .allMatch(code -> List.of("None", "ConditionalCheckFailed", "TransactionConflict").contains(code));
            return false;
        }
    }

    private Callable<Integer> readSnapshots(String table, int accounts, long expectedTotal, AtomicBoolean running) {
        return () -> {
            List<TransactGetItem> gets = new ArrayList<>();
            for (int a = 0; a < accounts; a++) {
                int account = a;
                gets.add(TransactGetItem.builder().get(g -> g.tableName(table).key(item("pk", s("acct" + account)))).build());
            }
            int snapshots = 0;
            while (running.get()) {
                try {
                    long total = db.transactGetItems(r -> r.transactItems(gets)).responses().stream()
                            .mapToLong(response -> Long.parseLong(response.item().get("balance").n())).sum();
                    assertThat(total).as("transactional snapshot total").isEqualTo(expectedTotal);
                    snapshots++;
                } catch (TransactionCanceledException conflict) {
                    // a read that collides with a write in flight may be cancelled; that is allowed
                }
            }
            return snapshots;
        };
    }
}
