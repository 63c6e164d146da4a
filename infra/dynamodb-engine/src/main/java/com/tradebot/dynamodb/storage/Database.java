package com.tradebot.dynamodb.storage;

import com.tradebot.dynamodb.DynamoDbException;
import com.tradebot.dynamodb.table.TableDefinition;
import com.tradebot.dynamodb.value.AttributeValue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * All tables. Reads go straight to the in-memory ordered maps; every write runs under one write lock, is
 * validated completely before anything changes, then applied to memory; when durable, its changes are committed to
 * the file by {@link GroupCommit} after the lock is released, and it returns only once they are. One lock makes
 * single-item writes linearizable and transactions serializable; a write holds it for microseconds.
 */
public final class Database implements AutoCloseable {
    private final Map<String, TableData> tables = new ConcurrentHashMap<>();
    private final ReentrantLock writeLock = new ReentrantLock();
    /**
     * How long a contended acquire spins before it parks: a write holds the lock for a microsecond or two, so a
     * holder that is running releases it within that; one that is still holding it after this long has most likely
     * been preempted, and spinning on would only burn the core it needs. Bounded by time, not by a count of PAUSE
     * instructions, whose cost varies from ~10 to ~140 cycles between processors (~50 ns each on this project's).
     */
    private static final long LOCK_SPIN_NANOS = 3_000;
    private final Persistence persistence;
    private final GroupCommit commits;
    /** Odd while a write's changes are being applied to memory; lets single-item reads avoid seeing half a transaction. */
    private volatile long applyVersion;

    private Database(Persistence persistence) {
        this.persistence = persistence;
        this.commits = new GroupCommit(persistence);
        for (Persistence.StoredTable stored : persistence.load()) {
            TableData table = new TableData(stored.definition());
            for (Map<String, AttributeValue> item : stored.items()) {
                table.apply(table.keyOf(item), null, item);
            }
            tables.put(stored.definition().name(), table);
        }
    }

    public static Database inMemory() {
        return new Database(Persistence.NONE);
    }

    /** Opens (or creates) a durable database in the directory. */
    public static Database open(Path directory) {
        return new Database(new MvStorePersistence(directory));
    }

    /** The table, or ResourceNotFoundException as the item operations report it. */
    public TableData table(String name) {
        TableData table = tables.get(name);
        if (table == null) {
            throw DynamoDbException.resourceNotFound("Requested resource not found");
        }
        return table;
    }

    public TableData findTable(String name) {
        return tables.get(name);
    }

    public List<String> tableNames() {
        List<String> names = new ArrayList<>(tables.keySet());
        Collections.sort(names);
        return names;
    }

    public TableData createTable(TableDefinition definition) {
        return durably(() -> {
            if (tables.containsKey(definition.name())) {
                throw DynamoDbException.resourceInUse("Table already exists: " + definition.name());
            }
            TableData table = new TableData(definition);
            commits.submit(p -> p.saveTable(definition));
            tables.put(definition.name(), table);
            return table;
        });
    }

    public TableData deleteTable(String name) {
        return durably(() -> {
            TableData table = tables.get(name);
            if (table == null) {
                throw DynamoDbException.resourceNotFound("Requested resource not found: Table: " + name + " not found");
            }
            TableDefinition dropped = table.definition();
            commits.submit(p -> p.dropTable(dropped));
            tables.remove(name);
            return table;
        });
    }

    /** Changes a table's definition (TTL, indexes, billing); the change function validates and may throw. */
    public TableData redefine(String name, UnaryOperator<TableDefinition> change) {
        return durably(() -> {
            TableData table = tables.get(name);
            if (table == null) {
                throw DynamoDbException.resourceNotFound("Requested resource not found: Table: " + name + " not found");
            }
            TableDefinition updated = change.apply(table.definition());
            commits.submit(p -> p.saveTable(updated));
            table.redefine(updated);
            return table;
        });
    }

    /**
     * Runs a write: the work reads current state and records its changes in the batch; if it returns normally
     * the changes are applied and committed together, if it throws nothing changes.
     */
    public <T> T write(Function<WriteBatch, T> work) {
        return durably(() -> {
            WriteBatch batch = new WriteBatch();
            T result = work.apply(batch);
            if (!batch.isEmpty()) {
                applyVersion++;
                try {
                    batch.applyToMemory();
                } finally {
                    applyVersion++;
                }
                if (persistence.durable()) {
                    commits.submit(batch::persistTo);
                }
            }
            return result;
        });
    }

    /**
     * Returns once every change applied so far is durable. The engine calls it before answering any request, so a
     * response never reflects a write that a killed process could still lose (a no-op in memory).
     */
    public void awaitDurable() {
        commits.awaitApplied();
    }

    /** Runs an action under the write lock, then waits (outside it) until what it and those before it queued is durable. */
    private <T> T durably(java.util.function.Supplier<T> action) {
        T result = locked(action);
        commits.awaitApplied();
        return result;
    }

    /**
     * Runs a short read so that it sees either all or none of any write's changes (a seqlock: retried when a write
     * was being applied meanwhile). Used by GetItem, which DynamoDB makes serializable with transactions.
     */
    public <T> T consistentRead(java.util.function.Supplier<T> read) {
        while (true) {
            long before = applyVersion;
            if ((before & 1) == 0) {
                T result = read.get();
                if (applyVersion == before) {
                    return result;
                }
            }
            Thread.onSpinWait();
        }
    }

    /** Runs a read under the write lock, so that it sees no write half-applied (TransactGetItems). */
    public <T> T isolatedRead(java.util.function.Supplier<T> read) {
        return locked(read::get);
    }

    private <T> T locked(java.util.function.Supplier<T> action) {
        acquireWriteLock();
        try {
            return action.get();
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * A write holds the lock for a microsecond or two, far less than parking and waking a thread costs (a futex
     * call and two context switches each way); so a contended acquire spins briefly, then offers its core once
     * (a preempted holder may be waiting for it), and only then parks. The lock and what it protects are unchanged:
     * this only changes how a waiter waits.
     */
    private void acquireWriteLock() {
        if (writeLock.tryLock()) {
            return;
        }
        long start = System.nanoTime();
        do {
            for (int i = 0; i < 4; i++) {
                Thread.onSpinWait();
            }
            if (!writeLock.isLocked() && writeLock.tryLock()) {
                return;
            }
        } while (System.nanoTime() - start < LOCK_SPIN_NANOS);
        Thread.yield();
        if (writeLock.tryLock()) {
            return;
        }
        writeLock.lock();
    }

    @Override
    public void close() {
        commits.awaitApplied();
        writeLock.lock();
        try {
            persistence.close();
        } finally {
            writeLock.unlock();
        }
    }
}
