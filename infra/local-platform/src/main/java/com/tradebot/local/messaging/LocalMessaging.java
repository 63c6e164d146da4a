package com.tradebot.local.messaging;

import com.tradebot.local.lambda.FunctionInvoker;
import com.tradebot.local.messaging.eventsource.SqsEventSourcePoller;
import com.tradebot.local.messaging.schedule.ScheduleRunner;
import com.tradebot.local.messaging.sns.SnsPublisher;
import com.tradebot.local.messaging.sns.SnsServer;
import com.tradebot.local.messaging.sns.SnsTopic;
import com.tradebot.local.messaging.sns.SnsTopics;
import com.tradebot.local.messaging.sqs.ElasticMqServer;
import com.tradebot.local.messaging.sqs.ProvisionedQueue;
import com.tradebot.local.messaging.sqs.QueueProvisioner;
import com.tradebot.local.template.SqsEventSourceDef;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The template's messaging on one machine: ElasticMQ for SQS (queues, DLQs, redrive), a local SNS endpoint that
 * fans out to queue subscriptions, Lambda-like SQS pollers and EventBridge-like schedules.
 */
public final class LocalMessaging implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalMessaging.class);

    private final List<AutoCloseable> closeInReverse = new ArrayList<>();
    private final List<SqsEventSourceDef> eventSources = new ArrayList<>();
    private final List<SqsEventSourcePoller> pollers = new ArrayList<>();
    private FunctionInvoker invoker;
    private LazySqsClient sqs;
    private boolean closed;
    private ElasticMqServer elasticMq;
    private SnsServer sns;
    private Map<String, ProvisionedQueue> queues = Map.of();
    private Map<String, SnsTopic> topics = Map.of();
    private ScheduleRunner schedules;

    private LocalMessaging() {
    }

    /**
     * Starts ElasticMQ and the SNS endpoint, creates every queue, wires topics to queues, and starts the enabled
     * event sources and schedules.
     *
     * @param sqsPort SQS port, 0 for a free one
     * @param snsPort SNS port, 0 for a free one
     * @throws IllegalArgumentException when the spec is inconsistent (unknown queue, bad expression, ...)
     */
    public static LocalMessaging start(int sqsPort, int snsPort, MessagingSpec spec, FunctionInvoker invoker) {
        LocalMessaging messaging = startWithoutEventSources(ElasticMqServer.startAsync(sqsPort), snsPort, spec,
                invoker);
        messaging.startEventSources();
        return messaging;
    }

    /**
     * As {@link #start(int, int, MessagingSpec, FunctionInvoker)}, with ElasticMQ already booting (see
     * {@link ElasticMqServer#startAsync}) and the event sources checked but not yet polling: the platform starts them
     * with {@link #startEventSources()} once it is ready (their SDK client is built then). Messages sent before wait
     * in their queues. The server ElasticMQ yields is closed with this messaging, or on failure.
     */
    public static LocalMessaging startWithoutEventSources(CompletableFuture<ElasticMqServer> elasticMqBoot,
            int snsPort, MessagingSpec spec, FunctionInvoker invoker) {
        LocalMessaging messaging = new LocalMessaging();
        try {
            messaging.startAll(elasticMqBoot, snsPort, spec, invoker, Clock.systemUTC());
            return messaging;
        } catch (RuntimeException e) {
            messaging.close();
            elasticMqBoot.thenAccept(server -> {
                if (messaging.elasticMq == null) {
                    server.close();
                }
            });
            throw e;
        }
    }

    private void startAll(CompletableFuture<ElasticMqServer> elasticMqBoot, int snsPort, MessagingSpec spec,
            FunctionInvoker invoker, Clock clock) {
        long started = System.nanoTime();
        this.invoker = invoker;
        elasticMq = closeLater(joinBoot(elasticMqBoot));
        long elasticMqReady = System.nanoTime();
        sqs = closeLater(new LazySqsClient(elasticMq.endpoint()));

        queues = new QueueProvisioner(elasticMq.endpoint()).createAll(spec.queues());
        long queuesReady = System.nanoTime();
        topics = SnsTopics.fromSpecs(spec.topics(), spec.subscriptions(), queues);
        sns = closeLater(SnsServer.start(snsPort, new SnsPublisher(topics.values(), sqs, clock)));
        long snsReady = System.nanoTime();

        for (SqsEventSourceDef source : spec.eventSources()) {
            ProvisionedQueue queue = queues.get(source.queueLogicalId());
            if (queue == null) {
                throw new IllegalArgumentException("Event source of " + source.functionLogicalId()
                        + " names unknown queue " + source.queueLogicalId());
            }
            if (source.enabled()) {
                SqsEventSourcePoller.validate(source, queue);
                eventSources.add(source);
            }
        }
        schedules = closeLater(new ScheduleRunner(spec.schedules(), invoker, clock));
        LOG.info("Messaging ready in {} ms (ElasticMQ on {} booted in {} ms alongside the rest), {} queues in {} ms,"
                        + " SNS on {} in {} ms, {} event sources and {} schedules in {} ms", millisSince(started),
                elasticMq.endpoint(), elasticMq.startupTime().toMillis(), queues.size(),
                (queuesReady - elasticMqReady) / 1_000_000, sns.endpoint(), (snsReady - queuesReady) / 1_000_000,
                eventSources.size(), spec.schedules().size(), millisSince(snsReady));
    }

    /** Starts polling the enabled event sources (once; later calls do nothing). */
    public synchronized void startEventSources() {
        if (closed || !pollers.isEmpty() || eventSources.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        SqsClient client = sqs.get();
        for (SqsEventSourceDef source : eventSources) {
            pollers.add(SqsEventSourcePoller.start(source, queues.get(source.queueLogicalId()), client, invoker,
                    LocalAws.REGION.id()));
        }
        LOG.info("{} SQS event sources polling after {} ms", pollers.size(), millisSince(started));
    }

    private <T extends AutoCloseable> T closeLater(T resource) {
        closeInReverse.add(resource);
        return resource;
    }

    private static ElasticMqServer joinBoot(CompletableFuture<ElasticMqServer> booting) {
        try {
            return booting.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static long millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }

    public URI sqsEndpoint() {
        return elasticMq.endpoint();
    }

    public URI snsEndpoint() {
        return sns.endpoint();
    }

    /** How long ElasticMQ took to start. */
    public Duration sqsStartupTime() {
        return elasticMq.startupTime();
    }

    /** @throws NoSuchElementException when the template has no such queue */
    public String queueUrl(String queueLogicalId) {
        return queue(queueLogicalId).url();
    }

    /** @throws NoSuchElementException when the template has no such queue */
    public String queueArn(String queueLogicalId) {
        return queue(queueLogicalId).arn();
    }

    /** @throws NoSuchElementException when the template has no such topic */
    public String topicArn(String topicLogicalId) {
        SnsTopic topic = topics.get(topicLogicalId);
        if (topic == null) {
            throw new NoSuchElementException("No topic with logical id " + topicLogicalId);
        }
        return topic.arn();
    }

    /** Makes the SNS endpoint answer 503 to everything while {@code on} (a test's SNS outage). */
    public void snsOutage(boolean on) {
        sns.outage(on);
    }

    /**
     * Invokes the schedule's function now, on this thread, with the event the schedule sends (disabled schedules
     * too: this is a manual trigger).
     *
     * @throws NoSuchElementException when there is no schedule of that name
     * @throws IllegalStateException  when the function failed
     */
    public void fireSchedule(String name) {
        schedules.fire(name);
    }

    private ProvisionedQueue queue(String logicalId) {
        ProvisionedQueue queue = queues.get(logicalId);
        if (queue == null) {
            throw new NoSuchElementException("No queue with logical id " + logicalId);
        }
        return queue;
    }

    /** Stops schedules and pollers (letting running invocations finish), then the SNS endpoint and ElasticMQ. */
    @Override
    public synchronized void close() {
        closed = true;
        pollers.forEach(SqsEventSourcePoller::stop); // all at once, so their last polls end together
        pollers.forEach(poller -> {
            try {
                poller.close();
            } catch (Exception e) {
                LOG.warn("Closing a poller failed", e);
            }
        });
        pollers.clear();
        for (int i = closeInReverse.size() - 1; i >= 0; i--) {
            try {
                closeInReverse.get(i).close();
            } catch (Exception e) {
                LOG.warn("Closing {} failed", closeInReverse.get(i).getClass().getSimpleName(), e);
            }
        }
        closeInReverse.clear();
    }
}
