package com.tradebot.functions.edge;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;

/**
 * Base of SQS-triggered functions (event source with {@code FunctionResponseTypes: [ReportBatchItemFailures]}):
 * each message is handled on its own, with its id and correlation id in the log context, and the messages that
 * threw are returned as partial batch failures, so only they are retried (and reach the DLQ after maxReceiveCount).
 * On a FIFO queue the first failure also fails every later message of the batch, to keep the group's order.
 */
public abstract class SqsBatchHandler extends EdgeHandler<SQSEvent, SQSBatchResponse> {
    /** Message attribute that carries the correlation id from the producer. */
    public static final String CORRELATION_ATTRIBUTE = "correlationId";
    private static final Logger LOG = LogManager.getLogger(SqsBatchHandler.class);

    /** Handles one message; throwing marks it failed (it is retried, the rest of the batch is not). */
    protected abstract void handleMessage(SQSEvent.SQSMessage message) throws Exception;

    @Override
    protected final SQSBatchResponse handle(SQSEvent event, Invocation invocation) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        String invocationCorrelation = ThreadContext.get(CORRELATION_ID);
        boolean failRest = false;
        for (SQSEvent.SQSMessage message : records) {
            if (failRest) {
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                continue;
            }
            logContext("messageId", message.getMessageId());
            String correlation = plainId(correlationOf(message));
            logContext(CORRELATION_ID, correlation != null ? correlation : invocationCorrelation);
            try {
                handleMessage(message);
            } catch (Exception e) {
                LOG.error("Message {} failed; it will be retried", message.getMessageId(), e);
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                failRest = isFifo(message);
            } finally {
                logContext("messageId", null);
                logContext(CORRELATION_ID, invocationCorrelation);
            }
        }
        return new SQSBatchResponse(failures);
    }

    private static String correlationOf(SQSEvent.SQSMessage message) {
        var attributes = message.getMessageAttributes();
        var attribute = attributes == null ? null : attributes.get(CORRELATION_ATTRIBUTE);
        return attribute == null ? null : attribute.getStringValue();
    }

    private static boolean isFifo(SQSEvent.SQSMessage message) {
        return message.getEventSourceArn() != null && message.getEventSourceArn().endsWith(".fifo");
    }
}
