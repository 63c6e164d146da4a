package com.tradebot.local.messaging.eventsource;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.tradebot.local.lambda.FunctionInvoker;
import com.tradebot.local.messaging.sqs.ProvisionedQueue;
import com.tradebot.local.template.SqsEventSourceDef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * One SQS event source mapping, polling like Lambda's poller: long-poll, gather up to the batch size within the
 * batching window, invoke the function with an SQSEvent, then delete what succeeded. A thrown error deletes nothing,
 * so the messages come back after the visibility timeout and ElasticMQ's redrive policy moves them to the
 * dead-letter queue after maxReceiveCount receives.
 *
 * <p>Batches are processed one at a time per mapping unless the mapping sets {@code ScalingConfig.MaximumConcurrency}:
 * then that many pollers receive and invoke side by side, as Lambda's pollers do (a backlog of delivery batches is not
 * worked off one invocation after the other). On a FIFO queue that is how many message groups are worked on at
 * once (Lambda scales FIFO mappings by active groups): ElasticMQ, like SQS, hands out no message of a group while an
 * earlier one of it is in flight, so each group still runs one batch at a time, in order.
 */
public final class SqsEventSourcePoller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SqsEventSourcePoller.class);
    /**
     * Lambda long-polls for 20 s; polls are kept to 1 s so that a poller notices {@link #stop} soon. ElasticMQ
     * answers a long poll as soon as a message arrives, so delivery latency is the same.
     */
    private static final int POLL_WAIT_SECONDS = 1;
    private static final int SQS_MAX_RECEIVE = 10;
    private static final Duration ERROR_BACKOFF = Duration.ofMillis(500);
    private static final Duration CLOSE_TIMEOUT = Duration.ofMinutes(1);

    private final SqsEventSourceDef spec;
    private final ProvisionedQueue queue;
    private final SqsClient sqs;
    private final FunctionInvoker invoker;
    private final SqsEventMapper mapper;
    private final List<Thread> threads = new ArrayList<>();
    /**
     * Read-held by each poller while its batch is invoked and deleted, so that closing (the write lock) waits for
     * those and not for idle polls.
     */
    private final ReentrantReadWriteLock processing = new ReentrantReadWriteLock();
    private volatile boolean running = true;

    private SqsEventSourcePoller(SqsEventSourceDef spec, ProvisionedQueue queue, SqsClient sqs,
                                 FunctionInvoker invoker, String region) {
        this.spec = spec;
        this.queue = queue;
        this.sqs = sqs;
        this.invoker = invoker;
        this.mapper = new SqsEventMapper(queue.arn(), region);
        int pollers = Math.max(1, spec.maximumConcurrency());
        for (int i = 0; i < pollers; i++) {
            Thread thread = new Thread(this::pollUntilClosed,
                    "sqs-poller-" + spec.functionLogicalId() + "-" + queue.spec().queueName() + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
    }

    /** Validates the mapping as Lambda does and starts polling. */
    public static SqsEventSourcePoller start(SqsEventSourceDef spec, ProvisionedQueue queue, SqsClient sqs,
                                             FunctionInvoker invoker, String region) {
        validate(spec, queue);
        SqsEventSourcePoller poller = new SqsEventSourcePoller(spec, queue, sqs, invoker, region);
        poller.threads.forEach(Thread::start);
        return poller;
    }

    /** The checks Lambda makes when an event source mapping is created. */
    public static void validate(SqsEventSourceDef spec, ProvisionedQueue queue) {
        int maxBatch = queue.fifo() ? 10 : 10_000;
        if (spec.batchSize() < 1 || spec.batchSize() > maxBatch) {
            throw new IllegalArgumentException("Event source of " + spec.functionLogicalId() + " on "
                    + spec.queueLogicalId() + ": BatchSize must be 1.." + maxBatch);
        }
        if (spec.maximumBatchingWindowSeconds() < 0 || spec.maximumBatchingWindowSeconds() > 300
                || (queue.fifo() && spec.maximumBatchingWindowSeconds() > 0)) {
            throw new IllegalArgumentException("Event source of " + spec.functionLogicalId() + " on "
                    + spec.queueLogicalId() + ": MaximumBatchingWindowInSeconds must be 0..300, and 0 for FIFO");
        }
        if (spec.maximumConcurrency() < 1 || spec.maximumConcurrency() > 1000) {
            throw new IllegalArgumentException("Event source of " + spec.functionLogicalId() + " on "
                    + spec.queueLogicalId() + ": ScalingConfig.MaximumConcurrency must be 2..1000");
        }
        if (spec.batchSize() > 10 && spec.maximumBatchingWindowSeconds() == 0) {
            throw new IllegalArgumentException("Event source of " + spec.functionLogicalId() + " on "
                    + spec.queueLogicalId() + ": a BatchSize over 10 needs MaximumBatchingWindowInSeconds of 1 or more");
        }
    }

    private void pollUntilClosed() {
        while (running) {
            try {
                List<Message> batch = gatherBatch();
                if (!batch.isEmpty()) {
                    processUnlessStopped(batch);
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warn("Polling {} for {} failed: {}", queue.arn(), spec.functionLogicalId(), e.toString());
                sleepQuietly(ERROR_BACKOFF);
            }
        }
    }

    private List<Message> gatherBatch() {
        List<Message> batch = new ArrayList<>(receive(spec.batchSize(), POLL_WAIT_SECONDS));
        if (batch.isEmpty()) {
            return batch;
        }
        if (spec.maximumBatchingWindowSeconds() == 0) {
            // ElasticMQ answers a waiting long poll with the first message of a SendMessageBatch, where SQS hands out
            // what the batch stored; one more receive without waiting takes the rest that is already visible (one
            // invocation for a dispatcher's ten delivery batches, not one for the first and one for the nine others)
            if (batch.size() < spec.batchSize()) {
                batch.addAll(receive(spec.batchSize() - batch.size(), 0));
            }
            return batch;
        }
        long windowEnds = System.nanoTime() + TimeUnit.SECONDS.toNanos(spec.maximumBatchingWindowSeconds());
        while (running && batch.size() < spec.batchSize()) {
            long remainingNanos = windowEnds - System.nanoTime();
            if (remainingNanos <= 0) {
                break;
            }
            int waitSeconds = (int) Math.max(1, TimeUnit.NANOSECONDS.toSeconds(remainingNanos));
            batch.addAll(receive(spec.batchSize() - batch.size(), waitSeconds));
        }
        return batch;
    }

    private List<Message> receive(int wanted, int waitSeconds) {
        return sqs.receiveMessage(b -> b.queueUrl(queue.url())
                        .maxNumberOfMessages(Math.min(wanted, SQS_MAX_RECEIVE))
                        .waitTimeSeconds(waitSeconds)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                        .messageAttributeNames("All"))
                .messages();
    }

    private void processUnlessStopped(List<Message> batch) {
        processing.readLock().lock();
        try {
            // Received while closing: left in the queue, visible again after the visibility timeout.
            if (running) {
                process(batch);
            }
        } finally {
            processing.readLock().unlock();
        }
    }

    private void process(List<Message> batch) {
        SQSEvent event = mapper.toEvent(batch);
        Object output;
        try {
            output = invoker.invoke(spec.functionLogicalId(), event);
        } catch (FunctionInvoker.FunctionError e) {
            LOG.warn("{} failed on a batch of {} from {}: {}: {}", spec.functionLogicalId(), batch.size(),
                    queue.arn(), e.errorType(), e.getMessage());
            return;
        } catch (RuntimeException e) {
            LOG.warn("{} could not be invoked for a batch of {} from {}", spec.functionLogicalId(), batch.size(),
                    queue.arn(), e);
            return;
        }
        Set<String> failed = spec.reportBatchItemFailures()
                ? BatchItemFailures.failedMessageIds(output, messageIds(batch))
                : Set.of();
        delete(succeeded(batch, failed, queue.fifo()));
    }

    /**
     * Every message not reported failed; in a FIFO queue a failure also keeps back the later messages of its
     * message group, so that the group is retried in order.
     */
    static List<Message> succeeded(List<Message> batch, Set<String> failed, boolean fifo) {
        Set<String> blockedGroups = new HashSet<>();
        List<Message> succeeded = new ArrayList<>();
        for (Message message : batch) {
            String group = fifo ? message.attributesAsStrings().get("MessageGroupId") : null;
            if (failed.contains(message.messageId())) {
                if (group != null) {
                    blockedGroups.add(group);
                }
            } else if (group == null || !blockedGroups.contains(group)) {
                succeeded.add(message);
            }
        }
        return succeeded;
    }

    private void delete(List<Message> messages) {
        for (int from = 0; from < messages.size(); from += SQS_MAX_RECEIVE) {
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            List<Message> chunk = messages.subList(from, Math.min(messages.size(), from + SQS_MAX_RECEIVE));
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(DeleteMessageBatchRequestEntry.builder()
                        .id(Integer.toString(i))
                        .receiptHandle(chunk.get(i).receiptHandle())
                        .build());
            }
            DeleteMessageBatchResponse response = sqs.deleteMessageBatch(b -> b.queueUrl(queue.url()).entries(entries));
            response.failed().forEach(failure -> LOG.warn("Deleting a processed message from {} failed: {} {}",
                    queue.arn(), failure.code(), failure.message()));
        }
    }

    private static Set<String> messageIds(List<Message> batch) {
        Set<String> ids = new LinkedHashSet<>();
        batch.forEach(message -> ids.add(message.messageId()));
        return ids;
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks the poller to stop after its current poll or batch, without waiting. */
    public void stop() {
        running = false;
    }

    /**
     * Stops polling; a batch being processed finishes (and its deletes are made) before this returns. A poll still
     * waiting for messages is not waited for: what it may still receive is left in the queue.
     */
    @Override
    public void close() {
        stop();
        try {
            if (!processing.writeLock().tryLock(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Poller {} still busy with a batch after {}", threads.get(0).getName(), CLOSE_TIMEOUT);
                return;
            }
            processing.writeLock().unlock();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public SqsEventSourceDef spec() {
        return spec;
    }
}
