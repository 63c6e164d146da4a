package com.tradebot.dynamodb;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ConcurrencyTest extends EngineTestSupport {

    @Test
    void concurrentAddsAreNeverLost() throws Exception {
        String table = createTable("pk", null, null);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 250; i++) {
                        dynamo.updateItem(r -> r.tableName(table).key(Map.of("pk", s("counter")))
                                .updateExpression("ADD hits :one").expressionAttributeValues(Map.of(":one", n(1))));
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(dynamo.getItem(r -> r.tableName(table).key(Map.of("pk", s("counter")))).item().get("hits").n())
                .isEqualTo("2000");
    }

    @Test
    void concurrentConditionalTransfersConserveTheTotalAndNeverGoNegative() throws Exception {
        String table = createTable("pk", null, null);
        int accounts = 5;
        for (int a = 0; a < accounts; a++) {
            int id = a;
            dynamo.putItem(r -> r.tableName(table).item(Map.of("pk", s("acct" + id), "balance", n(100))));
        }
        AtomicInteger committed = new AtomicInteger();
        AtomicInteger cancelled = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(9);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int i = 0; i < 60; i++) {
                        int from = random.nextInt(accounts);
                        int to = (from + 1 + random.nextInt(accounts - 1)) % accounts;
                        AttributeValue amount = n(1 + random.nextInt(60));
                        TransactWriteItem debit = TransactWriteItem.builder().update(Update.builder().tableName(table)
                                .key(Map.of("pk", s("acct" + from))).updateExpression("SET balance = balance - :a")
                                .conditionExpression("balance >= :a").expressionAttributeValues(Map.of(":a", amount))
                                .build()).build();
                        TransactWriteItem credit = TransactWriteItem.builder().update(Update.builder().tableName(table)
                                .key(Map.of("pk", s("acct" + to))).updateExpression("SET balance = balance + :a")
                                .expressionAttributeValues(Map.of(":a", amount)).build()).build();
                        try {
                            dynamo.transactWriteItems(r -> r.transactItems(debit, credit));
                            committed.incrementAndGet();
                        } catch (TransactionCanceledException e) {
                            cancelled.incrementAndGet();
                        }
                    }
                }));
            }
            // a reader sees every transaction whole: the total over all accounts never changes
            java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
            Future<Integer> reader = pool.submit(() -> {
                int reads = 0;
                while (writing.get() || reads == 0) {
                    List<TransactGetItem> gets = new ArrayList<>();
                    for (int a = 0; a < accounts; a++) {
                        int id = a;
                        gets.add(TransactGetItem.builder().get(g -> g.tableName(table).key(Map.of("pk", s("acct" + id)))).build());
                    }
                    long sum = 0;
                    for (var response : dynamo.transactGetItems(r -> r.transactItems(gets)).responses()) {
                        sum += Long.parseLong(response.item().get("balance").n());
                    }
                    assertThat(sum).isEqualTo(accounts * 100L);
                    reads++;
                }
                return reads;
            });
            for (Future<?> f : futures) {
                f.get();
            }
            writing.set(false);
            assertThat(reader.get()).isPositive();
        } finally {
            pool.shutdownNow();
        }
        long total = 0;
        for (Map<String, AttributeValue> item : dynamo.scan(r -> r.tableName(table)).items()) {
            long balance = Long.parseLong(item.get("balance").n());
            assertThat(balance).isNotNegative();
            total += balance;
        }
        assertThat(total).isEqualTo(accounts * 100L);
        assertThat(committed.get() + cancelled.get()).isEqualTo(480);
        assertThat(committed.get()).isPositive();
    }
}
