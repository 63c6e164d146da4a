package com.tradebot.functions.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.tradebot.functions.http.ApiHandler;
import com.tradebot.functions.http.ApiResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.ThreadContext;
import org.junit.jupiter.api.Test;

/** The shared edge: log context per invocation and per message, partial batch failures, priming. */
class EdgeHandlersTest {

    /** Fails the messages whose body says so and records the log context each message was handled in. */
    static final class Recording extends SqsBatchHandler {
        final List<String> seen = new ArrayList<>();

        @Override
        protected void handleMessage(SQSEvent.SQSMessage message) {
            seen.add(ThreadContext.get("messageId") + "|" + ThreadContext.get(CORRELATION_ID) + "|"
                    + ThreadContext.get(REQUEST_ID));
            if (message.getBody().contains("EXIT")) {
                throw new IllegalStateException("cannot handle this one");
            }
        }
    }

    private static SQSEvent batch() {
        return EventLoader.loadSQSEvent("../../events/sqs/batch.json");
    }

    @Test
    void onlyTheFailedMessagesOfABatchAreReportedForRetry() {
        Recording handler = new Recording();
        SQSBatchResponse response = handler.handleRequest(batch(), null);
        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("2e1424d4-f796-459a-8184-9c92662be6da");
        assertThat(handler.seen).hasSize(2);
        assertThat(handler.seen.get(0)).startsWith("059f36b4-87a3-44ab-83d2-661975830a7d|");
        assertThat(ThreadContext.get(EdgeHandler.REQUEST_ID)).isNull();
        assertThat(ThreadContext.get("messageId")).isNull();
    }

    @Test
    void onAFifoQueueTheFirstFailureAlsoFailsTheRestOfTheBatchToKeepOrder() {
        SQSEvent event = batch();
        SQSEvent.SQSMessage first = event.getRecords().get(0);
        SQSEvent.SQSMessage second = event.getRecords().get(1);
        event.setRecords(List.of(second, first));
        event.getRecords().forEach(m -> m.setEventSourceArn(m.getEventSourceArn() + ".fifo"));
        Recording handler = new Recording();
        SQSBatchResponse response = handler.handleRequest(event, null);
        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(second.getMessageId(), first.getMessageId());
        assertThat(handler.seen).hasSize(1);
    }

    @Test
    void aMessageCarriesItsProducersCorrelationIdIntoTheLogContext() {
        SQSEvent event = batch();
        SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
        attribute.setDataType("String");
        attribute.setStringValue("corr-42");
        event.getRecords().get(0).setMessageAttributes(Map.of("correlationId", attribute));
        Recording handler = new Recording();
        handler.handleRequest(event, null);
        assertThat(handler.seen.get(0)).contains("|corr-42|");
        assertThat(handler.seen.get(1)).doesNotContain("corr-42");
    }

    @Test
    void scheduledRunsLogWithTheEventIdAsCorrelationId() {
        ScheduledEvent event = EventLoader.loadScheduledEvent("../../events/schedule/dead-letter-monitor.json");
        ScheduledHandler<String> handler = new ScheduledHandler<>() {
            @Override
            protected String run(ScheduledEvent e) {
                return ThreadContext.get(CORRELATION_ID);
            }
        };
        assertThat(handler.handleRequest(event, null)).isEqualTo(event.getId()).isNotBlank();
    }

    @Test
    void webSocketFailuresAre500AndTheConnectionIdCorrelates() {
        APIGatewayV2WebSocketEvent event = EventLoader.loadEvent("../../events/websocket/message-ping.json",
                APIGatewayV2WebSocketEvent.class);
        List<String> correlation = new ArrayList<>();
        WebSocketHandler failing = new WebSocketHandler() {
            @Override
            protected int handle(WebSocketRequest request) {
                correlation.add(ThreadContext.get(CORRELATION_ID));
                throw new IllegalStateException("boom");
            }
        };
        assertThat(failing.handleRequest(event, null).getStatusCode()).isEqualTo(500);
        assertThat(correlation).containsExactly(event.getRequestContext().getConnectionId());
    }

    @Test
    void restCallersMayPassAPlainCorrelationIdElseTheGatewayRequestIdIsUsed() {
        ApiHandler handler = new ApiHandler() {
            {
                route("GET", "/health", request -> ApiResponse.ok(Map.of("correlation", ThreadContext.get(CORRELATION_ID))));
            }
        };
        var event = EventLoader.loadApiGatewayRestEvent("../../events/api/health.json");
        assertThat(handler.handleRequest(event, null).getBody()).contains(event.getRequestContext().getRequestId());
        event.setHeaders(Map.of("x-correlation-id", "trace-7"));
        assertThat(handler.handleRequest(event, null).getBody()).contains("\"trace-7\"");
        event.setHeaders(Map.of("X-Correlation-Id", "forged\n{\"level\":\"ERROR\"}"));
        assertThat(handler.handleRequest(event, null).getBody()).contains(event.getRequestContext().getRequestId());
    }

    @Test
    void primingRegisteredInTheConstructorRunsBeforeTheCheckpointAndItsFailuresDoNotStopIt() {
        AtomicInteger primed = new AtomicInteger();
        ApiHandler handler = new ApiHandler() {
            {
                route("GET", "/x", request -> ApiResponse.noContent());
                primeWith(() -> {
                    throw new IllegalStateException("table not there yet");
                });
                primeWith(primed::incrementAndGet);
            }
        };
        handler.beforeCheckpoint(null);
        assertThat(primed).hasValue(1);
    }
}
