package com.tradebot.local.messaging.sns;

import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.server.handlers.form.FormData;
import io.undertow.server.handlers.form.FormDataParser;
import io.undertow.server.handlers.form.FormParserFactory;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.Options;

/**
 * The SNS endpoint: the Query-protocol subset our code uses (Publish, PublishBatch, ListTopics,
 * GetTopicAttributes), served by Undertow on loopback with TCP_NODELAY.
 */
public final class SnsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SnsServer.class);
    private static final String HOST = "127.0.0.1";
    private static final int MAX_BATCH_ENTRIES = 10;

    private final SnsPublisher publisher;
    private final FormParserFactory forms = FormParserFactory.builder()
            .withDefaultCharset(StandardCharsets.UTF_8.name())
            .build();
    private final Undertow undertow;
    private final int port;
    private volatile boolean outage;

    private SnsServer(SnsPublisher publisher, int requestedPort) {
        this.publisher = publisher;
        this.undertow = Undertow.builder()
                .addHttpListener(requestedPort, HOST)
                .setIoThreads(1)
                .setWorkerThreads(8)
                .setSocketOption(Options.TCP_NODELAY, true)
                .setHandler(new BlockingHandler(this::handle))
                .build();
        try {
            undertow.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException("SNS endpoint could not listen on " + HOST + ":" + requestedPort + ": "
                    + e.getMessage(), e);
        }
        this.port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
        publisher.endpoint(endpoint().toString());
    }

    /** Starts on {@code port}, or on a free port when it is 0. */
    public static SnsServer start(int port, SnsPublisher publisher) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("SNS port must be 0..65535, got " + port);
        }
        return new SnsServer(publisher, port);
    }

    public URI endpoint() {
        return URI.create("http://" + HOST + ":" + port);
    }

    /**
     * Answers every request with 503 ServiceUnavailable while {@code on} (tests of what publishers do when SNS is
     * down; the SDK retries 503s and then gives up, as against a failing regional endpoint).
     */
    public void outage(boolean on) {
        outage = on;
    }

    @Override
    public void close() {
        undertow.stop();
    }

    private void handle(HttpServerExchange exchange) throws Exception {
        String requestId = UUID.randomUUID().toString();
        try {
            if (outage) {
                throw new SnsException(503, "ServiceUnavailable", "Service is unavailable (simulated outage)");
            }
            SnsQueryRequest request = new SnsQueryRequest(parameters(exchange));
            String action = request.action();
            if (action == null || action.isEmpty()) {
                throw new SnsException(400, "MissingAction", "Missing Action");
            }
            String body = switch (action) {
                case "Publish" -> SnsXml.publish(
                        publisher.publish(topicArnOf(request), request.publishEntry()), requestId);
                case "PublishBatch" -> publishBatch(request, requestId);
                case "ListTopics" -> SnsXml.listTopics(publisher.topics(), requestId);
                case "GetTopicAttributes" -> SnsXml.topicAttributes(
                        attributesOf(publisher.topic(request.get("TopicArn"))), requestId);
                default -> throw new SnsException(400, "InvalidAction",
                        "The action " + action + " is not valid for this web service.");
            };
            send(exchange, 200, body);
        } catch (SnsException e) {
            send(exchange, e.httpStatus(), SnsXml.error(e, requestId));
        } catch (RuntimeException e) {
            LOG.error("SNS request {} failed", requestId, e);
            send(exchange, 500, SnsXml.error(new SnsException(500, "InternalError", "Internal error"), requestId));
        }
    }

    private static String topicArnOf(SnsQueryRequest request) {
        if (request.get("TopicArn") == null && (request.get("TargetArn") != null || request.get("PhoneNumber") != null)) {
            throw SnsException.invalidParameter("only TopicArn targets are supported locally");
        }
        return request.get("TopicArn");
    }

    private String publishBatch(SnsQueryRequest request, String requestId) {
        String topicArn = request.get("TopicArn");
        publisher.topic(topicArn);
        List<PublishEntry> entries = request.batchEntries();
        if (entries.isEmpty()) {
            throw new SnsException(400, "EmptyBatchRequest", "The batch request doesn't contain any entries.");
        }
        if (entries.size() > MAX_BATCH_ENTRIES) {
            throw new SnsException(400, "TooManyEntriesInBatchRequest",
                    "The batch request contains more entries than permissible.");
        }
        Set<String> ids = new HashSet<>();
        for (PublishEntry entry : entries) {
            if (!entry.batchEntryId().matches("[A-Za-z0-9_-]{1,80}")) {
                throw new SnsException(400, "InvalidBatchEntryId", "The Id of a batch entry in a batch request "
                        + "doesn't abide by the specification.");
            }
            if (!ids.add(entry.batchEntryId())) {
                throw new SnsException(400, "BatchEntryIdsNotDistinct",
                        "Two or more batch entries in the request have the same Id.");
            }
        }
        Map<String, PublishResult> successful = new LinkedHashMap<>();
        List<SnsXml.BatchFailure> failed = new ArrayList<>();
        for (int member = 1; member <= entries.size(); member++) {
            PublishEntry entry = entries.get(member - 1);
            try {
                successful.put(entry.batchEntryId(),
                        publisher.publish(topicArn, entry.withAttributes(request.attributes(member))));
            } catch (SnsException e) {
                failed.add(new SnsXml.BatchFailure(entry.batchEntryId(), e.code(), e.getMessage(),
                        e.httpStatus() < 500));
            }
        }
        return SnsXml.publishBatch(successful, failed, requestId);
    }

    private static Map<String, String> attributesOf(SnsTopic topic) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("TopicArn", topic.arn());
        attributes.put("Owner", topic.arn().split(":")[4]);
        attributes.put("DisplayName", "");
        attributes.put("SubscriptionsConfirmed", Integer.toString(topic.subscriptions().size()));
        attributes.put("SubscriptionsPending", "0");
        attributes.put("SubscriptionsDeleted", "0");
        if (topic.fifo()) {
            attributes.put("FifoTopic", "true");
        }
        return attributes;
    }

    private Map<String, String> parameters(HttpServerExchange exchange) throws Exception {
        Map<String, String> parameters = new HashMap<>();
        exchange.getQueryParameters().forEach((name, values) -> parameters.put(name, values.getFirst()));
        if (Methods.POST.equals(exchange.getRequestMethod())) {
            FormDataParser parser = forms.createParser(exchange);
            if (parser == null) {
                throw new SnsException(400, "MalformedQueryString",
                        "Expected an application/x-www-form-urlencoded body");
            }
            FormData form = parser.parseBlocking();
            for (String name : form) {
                FormData.FormValue value = form.getFirst(name);
                parameters.put(name, value.getValue());
            }
        }
        return parameters;
    }

    private static void send(HttpServerExchange exchange, int status, String xml) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/xml");
        exchange.getResponseSender().send(xml, StandardCharsets.UTF_8);
    }
}
