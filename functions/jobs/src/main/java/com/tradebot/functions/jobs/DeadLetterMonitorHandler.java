package com.tradebot.functions.jobs;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.tradebot.common.AwsClients;
import com.tradebot.common.Env;
import com.tradebot.functions.edge.ScheduledHandler;
import com.tradebot.ops.DeadLetterMonitor;
import java.util.Arrays;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Scheduled: logs an error for every dead-letter queue that holds messages; returns the counts. */
public final class DeadLetterMonitorHandler extends ScheduledHandler<Map<String, Long>> {
    private static final Logger LOG = LogManager.getLogger(DeadLetterMonitorHandler.class);

    private final DeadLetterMonitor monitor;

    public DeadLetterMonitorHandler() {
        this(monitorFor(AwsClients.sqs(), Env.require("DEAD_LETTER_QUEUE_URLS")));
    }

    public DeadLetterMonitorHandler(DeadLetterMonitor monitor) {
        this.monitor = monitor;
    }

    static DeadLetterMonitor monitorFor(SqsClient sqs, String commaSeparatedUrls) {
        return new DeadLetterMonitor(Arrays.stream(commaSeparatedUrls.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList(),
                url -> Long.parseLong(sqs.getQueueAttributes(b -> b.queueUrl(url)
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                        .attributes().getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")));
    }

    @Override
    protected Map<String, Long> run(ScheduledEvent event) {
        Map<String, Long> waiting = monitor.nonEmptyQueues();
        waiting.forEach((url, depth) -> LOG.error("Dead-letter queue {} holds {} message(s)", url, depth));
        return waiting;
    }
}
