package com.tradebot.local.messaging.eventsource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.tradebot.local.messaging.LocalAws;
import com.tradebot.local.messaging.LocalMessaging;
import com.tradebot.local.messaging.MessagingSpec;
import com.tradebot.local.messaging.Specs;
import com.tradebot.local.messaging.TestInvoker;
import com.tradebot.local.template.SqsEventSourceDef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code ScalingConfig.MaximumConcurrency} on the local platform: that many batches are invoked at once (a slow
 * invocation does not hold up the next batch), never more; without it, one at a time. On a FIFO queue, as on Lambda,
 * message groups run side by side while each group stays in order, one batch of it at a time.
 */
class SqsEventSourceConcurrencyTest {
    private LocalMessaging messaging;
    private SqsClient sqs;

    @AfterEach
    void stop() {
        if (sqs != null) {
            sqs.close();
        }
        if (messaging != null) {
            messaging.close();
        }
    }

    /** Holds every invocation until released; records how many ran at the same time. */
    private static final class BlockingFunction implements RequestHandler<SQSEvent, Void> {
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final AtomicInteger messages = new AtomicInteger();
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public Void handleRequest(SQSEvent event, com.amazonaws.services.lambda.runtime.Context context) {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            messages.addAndGet(event.getRecords().size());
            running.decrementAndGet();
            return null;
        }
    }

    private BlockingFunction run(int maximumConcurrency) {
        BlockingFunction function = new BlockingFunction();
        messaging = LocalMessaging.start(0, 0, new MessagingSpec(List.of(Specs.standardQueue("Deliveries", 30)),
                List.of(), List.of(), List.of(new SqsEventSourceDef("Worker", "Deliveries", 1, 0, false, true,
                        maximumConcurrency)), List.of()), new TestInvoker().register("Worker", function));
        sqs = LocalAws.sqsClient(messaging.sqsEndpoint());
        String url = messaging.queueUrl("Deliveries");
        for (int i = 0; i < 5; i++) {
            String body = "batch-" + i;
            sqs.sendMessage(b -> b.queueUrl(url).messageBody(body));
        }
        return function;
    }

    @Test
    void upToMaximumConcurrencyBatchesRunSideBySide() {
        BlockingFunction function = run(3);
        await().atMost(Duration.ofSeconds(15)).until(() -> function.running.get() == 3);
        function.release.countDown();
        await().atMost(Duration.ofSeconds(15)).until(() -> function.messages.get() == 5);
        assertThat(function.mostAtOnce.get()).isEqualTo(3);
    }

    @Test
    void withoutScalingConfigOneBatchAtATime() throws Exception {
        BlockingFunction function = run(1);
        await().atMost(Duration.ofSeconds(15)).until(() -> function.running.get() == 1);
        Thread.sleep(1500); // a second poller, if there were one, would have received and invoked by now
        assertThat(function.running.get()).isEqualTo(1);
        function.release.countDown();
        await().atMost(Duration.ofSeconds(15)).until(() -> function.messages.get() == 5);
        assertThat(function.mostAtOnce.get()).isEqualTo(1);
    }

    /** Records, per message group, the order of bodies handled and whether a group ever ran twice at once. */
    private static final class GroupRecordingFunction implements RequestHandler<SQSEvent, Void> {
        final List<String> handled = Collections.synchronizedList(new ArrayList<>());
        final Set<String> runningGroups = Collections.synchronizedSet(new HashSet<>());
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final AtomicInteger sameGroupTwiceAtOnce = new AtomicInteger();

        @Override
        public Void handleRequest(SQSEvent event, com.amazonaws.services.lambda.runtime.Context context) {
            String group = event.getRecords().get(0).getAttributes().get("MessageGroupId");
            if (!runningGroups.add(group)) {
                sameGroupTwiceAtOnce.incrementAndGet();
            }
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            event.getRecords().forEach(r -> handled.add(r.getBody()));
            running.decrementAndGet();
            runningGroups.remove(group);
            return null;
        }
    }

    @Test
    void onAFifoQueueGroupsRunSideBySideAndEachGroupInOrder() {
        GroupRecordingFunction function = new GroupRecordingFunction();
        messaging = LocalMessaging.start(0, 0, new MessagingSpec(List.of(Specs.fifoQueue("Executions", 30)),
                List.of(), List.of(), List.of(new SqsEventSourceDef("Executor", "Executions", 1, 0, false, true, 3)),
                List.of()), new TestInvoker().register("Executor", function));
        sqs = LocalAws.sqsClient(messaging.sqsEndpoint());
        String url = messaging.queueUrl("Executions");
        for (int i = 1; i <= 4; i++) {
            for (String group : List.of("a", "b", "c", "d")) {
                String body = group + i;
                sqs.sendMessage(b -> b.queueUrl(url).messageGroupId(group).messageDeduplicationId(body)
                        .messageBody(body));
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> function.handled.size() == 16);
        assertThat(function.sameGroupTwiceAtOnce.get()).isZero();
        assertThat(function.mostAtOnce.get()).isBetween(2, 3);
        for (String group : List.of("a", "b", "c", "d")) {
            assertThat(function.handled.stream().filter(body -> body.startsWith(group)))
                    .containsExactly(group + 1, group + 2, group + 3, group + 4);
        }
    }
}
