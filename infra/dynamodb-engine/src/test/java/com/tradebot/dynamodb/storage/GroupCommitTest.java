package com.tradebot.dynamodb.storage;

import com.tradebot.dynamodb.DynamoDbException;
import com.tradebot.dynamodb.table.TableDefinition;
import com.tradebot.dynamodb.value.AttributeValue;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The commit protocol of durable mode: writers queued while a commit runs share the next commit, none returns
 * before the commit that holds its changes, changes reach the store in the order they were applied, and a failed
 * commit fails the writers instead of acknowledging them.
 */
class GroupCommitTest {

    /** Records what reaches the store; its first commit can be held to let writers queue up behind it. */
    private static final class RecordingStore implements Persistence {
        final List<String> written = Collections.synchronizedList(new ArrayList<>());
        final List<List<String>> commits = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch firstCommitEntered = new CountDownLatch(1);
        final CountDownLatch releaseFirstCommit = new CountDownLatch(1);
        volatile RuntimeException failNextCommit;
        private int committed;

        void write(String change) {
            written.add(change);
        }

        @Override
        public void commit() {
            if (commits.isEmpty()) {
                firstCommitEntered.countDown();
                await(releaseFirstCommit);
            }
            RuntimeException failure = failNextCommit;
            if (failure != null) {
                throw failure;
            }
            synchronized (written) {
                commits.add(List.copyOf(written.subList(committed, written.size())));
                committed = written.size();
            }
        }

        public List<StoredTable> load() {
            return List.of();
        }

        public void saveTable(TableDefinition definition) {
        }

        public void dropTable(TableDefinition definition) {
        }

        public void putItem(TableDefinition table, Map<String, AttributeValue> key, Map<String, AttributeValue> item) {
        }

        public void deleteItem(TableDefinition table, Map<String, AttributeValue> key) {
        }

        public void close() {
        }
    }

    @Test
    void writersQueuedDuringACommitShareTheNextAndNoneReturnsBeforeItsCommit() throws Exception {
        RecordingStore store = new RecordingStore();
        GroupCommit commits = new GroupCommit(store);
        long first = commits.submit(p -> store.write("w0"));
        CompletableFuture<Void> firstWriter = CompletableFuture.runAsync(() -> commits.awaitDurable(first));
        assertThat(store.firstCommitEntered.await(10, TimeUnit.SECONDS)).isTrue();

        List<CompletableFuture<Void>> waiting = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            String change = "w" + i;
            long sequence = commits.submit(p -> store.write(change)); // in apply order, as under the database's lock
            waiting.add(CompletableFuture.runAsync(() -> commits.awaitDurable(sequence)));
        }
        Thread.sleep(200);
        assertThat(firstWriter).isNotDone();
        assertThat(waiting).noneMatch(CompletableFuture::isDone);

        store.releaseFirstCommit.countDown();
        firstWriter.get(10, TimeUnit.SECONDS);
        CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        assertThat(store.commits).containsExactly(List.of("w0"), List.of("w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8"));
        commits.awaitApplied(); // nothing left: no further commit
        assertThat(store.commits).hasSize(2);
    }

    @Test
    void aFailedCommitFailsItsWritersAndEveryLaterOne() {
        RecordingStore store = new RecordingStore();
        store.releaseFirstCommit.countDown();
        GroupCommit commits = new GroupCommit(store);
        commits.awaitDurable(commits.submit(p -> store.write("ok")));

        store.failNextCommit = new IllegalStateException("disk full");
        long failed = commits.submit(p -> store.write("lost"));
        assertThatThrownBy(() -> commits.awaitDurable(failed)).isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("disk full");
        store.failNextCommit = null;
        long later = commits.submit(p -> store.write("later"));
        assertThatThrownBy(() -> commits.awaitDurable(later)).isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("durable copy of the database failed");
        assertThat(store.commits).containsExactly(List.of("ok"));
    }

    @Test
    void inMemoryModeQueuesNothing() {
        GroupCommit commits = new GroupCommit(Persistence.NONE);
        assertThat(commits.submit(p -> {
            throw new AssertionError("in memory, nothing is persisted");
        })).isZero();
        commits.awaitApplied();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
