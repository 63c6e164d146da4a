package com.tradebot.dynamodb.storage;

import com.tradebot.dynamodb.DynamoDbException;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Group commit of the durable copy. A write applies its changes to memory under the database's lock and hands their
 * durable form to {@link #submit} (still under that lock, so the queue is in apply order); it then waits in
 * {@link #awaitDurable} outside the lock. Whoever finds no commit running becomes the committer: it writes every
 * change queued so far to the store and commits once, for itself and every writer that queued meanwhile. One
 * MVStore commit per write cost a fifth of the platform's CPU when a worker writes a notification row per recipient;
 * with writers side by side a commit now covers several of them, and it runs beside other writes instead of holding
 * the database's lock.
 *
 * <p>Nothing is acknowledged before it is durable: writes wait for their own sequence number, and every response
 * (reads too, see {@link #awaitApplied}) waits until all it could have seen is committed, so no client ever sees a
 * write that a killed process could lose. Changes reach the store whole and in order, one committer at a time, so a
 * transaction is never half on disk. A failed commit stops the durable copy: later writes fail rather than be
 * acknowledged without it.
 */
final class GroupCommit {
    private record Pending(long sequence, Consumer<Persistence> changes) {
    }

    private final Persistence persistence;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock committer = new ReentrantLock();
    /** Written under the database's write lock only. */
    private volatile long appliedSequence;
    private volatile long durableSequence;
    private volatile RuntimeException failure;

    GroupCommit(Persistence persistence) {
        this.persistence = persistence;
    }

    /** Queues changes already applied to memory; call under the database's write lock. Returns their sequence. */
    long submit(Consumer<Persistence> changes) {
        if (!persistence.durable()) {
            return 0;
        }
        long sequence = appliedSequence + 1;
        queue.add(new Pending(sequence, changes));
        appliedSequence = sequence;
        return sequence;
    }

    /** Waits until everything applied to memory so far is durable (a response may reflect any of it). */
    void awaitApplied() {
        awaitDurable(appliedSequence);
    }

    /** Returns once the changes with this sequence number (and all before them) are committed. */
    void awaitDurable(long sequence) {
        if (durableSequence >= sequence) {
            return;
        }
        committer.lock();
        try {
            if (failure != null) {
                throw DynamoDbException.internal("The durable copy of the database failed: " + failure.getMessage());
            }
            if (durableSequence >= sequence) {
                return; // another writer's commit took ours along
            }
            long last = durableSequence;
            try {
                for (Pending pending = queue.poll(); pending != null; pending = queue.poll()) {
                    pending.changes().accept(persistence);
                    last = pending.sequence();
                }
                persistence.commit();
            } catch (RuntimeException e) {
                failure = e;
                throw DynamoDbException.internal("The durable copy of the database failed: " + e.getMessage());
            }
            durableSequence = last;
        } finally {
            committer.unlock();
        }
    }
}
