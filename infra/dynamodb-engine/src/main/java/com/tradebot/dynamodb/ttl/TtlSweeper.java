package com.tradebot.dynamodb.ttl;

import com.tradebot.dynamodb.storage.Database;
import com.tradebot.dynamodb.storage.IndexKey;
import com.tradebot.dynamodb.storage.Slot;
import com.tradebot.dynamodb.storage.TableData;
import com.tradebot.dynamodb.value.AttributeValue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Deletes expired items in the background, as DynamoDB's TTL does: an item expires when its TTL attribute is a
 * number of epoch seconds in the past, but not more than five years in the past. Until a sweep runs, expired items
 * are still returned (as in DynamoDB).
 */
public final class TtlSweeper implements AutoCloseable {
    private static final long FIVE_YEARS_SECONDS = 5L * 365 * 24 * 3600;
    private static final int DELETES_PER_WRITE = 100;

    private final Database database;
    private final Supplier<Instant> clock;
    private final ScheduledExecutorService scheduler;

    public TtlSweeper(Database database, Duration interval, Supplier<Instant> clock) {
        this.database = database;
        this.clock = clock;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dynamodb-ttl-sweeper");
            t.setDaemon(true);
            return t;
        });
        long millis = Math.max(1, interval.toMillis());
        scheduler.scheduleWithFixedDelay(this::sweepSafely, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void sweepSafely() {
        try {
            sweep();
        } catch (RuntimeException e) {
            // a table dropped mid-sweep, for instance; the next sweep starts afresh
            if (!(e instanceof com.tradebot.dynamodb.DynamoDbException)) {
                System.getLogger(TtlSweeper.class.getName()).log(System.Logger.Level.ERROR, "TTL sweep failed", e);
            }
        }
    }

    /** One pass over every table with TTL enabled; returns how many items were deleted. */
    public int sweep() {
        long now = clock.get().getEpochSecond();
        int deleted = 0;
        for (String name : database.tableNames()) {
            TableData table = database.findTable(name);
            if (table == null || !table.definition().timeToLive().enabled()) {
                continue;
            }
            String attribute = table.definition().timeToLive().attributeName();
            List<IndexKey> expired = new ArrayList<>();
            for (Map.Entry<IndexKey, Slot> e : table.items().entrySet()) {
                if (isExpired(e.getValue().item(), attribute, now)) {
                    expired.add(e.getKey());
                }
            }
            for (int from = 0; from < expired.size(); from += DELETES_PER_WRITE) {
                List<IndexKey> chunk = expired.subList(from, Math.min(expired.size(), from + DELETES_PER_WRITE));
                deleted += database.write(batch -> {
                    TableData current = database.findTable(name);
                    if (current != table) {
                        return 0;
                    }
                    int count = 0;
                    for (IndexKey key : chunk) {
                        Map<String, AttributeValue> item = current.get(key);
                        // re-checked under the lock: the item may have been updated since it was seen
                        if (item != null && isExpired(item, attribute, now)) {
                            batch.put(current, key, item, null);
                            count++;
                        }
                    }
                    return count;
                });
            }
        }
        return deleted;
    }

    static boolean isExpired(Map<String, AttributeValue> item, String attribute, long nowSeconds) {
        if (!(item.get(attribute) instanceof AttributeValue.N n)) {
            return false;
        }
        BigDecimal expiry = n.value();
        return expiry.compareTo(BigDecimal.valueOf(nowSeconds)) <= 0
                && expiry.compareTo(BigDecimal.valueOf(nowSeconds - FIVE_YEARS_SECONDS)) >= 0;
    }


    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
