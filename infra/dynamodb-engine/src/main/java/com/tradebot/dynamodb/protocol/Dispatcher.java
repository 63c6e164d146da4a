package com.tradebot.dynamodb.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.dynamodb.ConditionalCheckFailedException;
import com.tradebot.dynamodb.DynamoDbException;
import com.tradebot.dynamodb.TransactionCanceledException;
import com.tradebot.dynamodb.ops.Operation;
import com.tradebot.dynamodb.value.AttributeValueJson;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Parses a request body, runs the named operation and renders its answer or its error in DynamoDB's JSON form. */
public final class Dispatcher {
    private static final JsonFactory FACTORY = Json.FACTORY;
    private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());

    private final Map<String, Operation> operations;

    /**
     * The answer is written into a per-thread buffer and copied out once at its final size, by a per-thread generator
     * kept from one answer to the next (creating and closing one per request was half of the dispatcher's own CPU for a
     * PutItem in a profile, more than its {@code {}} costs to write). Answers are consecutive root values to it, without
     * a separator; a generator left inside an unfinished value (an operation that threw midway) is dropped.
     */
    private static final ThreadLocal<ThreadOutput> OUTPUT = ThreadLocal.withInitial(ThreadOutput::new);

    private static final class ThreadOutput {
        final ReusableOutput out = new ReusableOutput();
        private JsonGenerator generator;

        JsonGenerator generator() throws IOException {
            if (generator == null) {
                generator = FACTORY.createGenerator(out);
                generator.setRootValueSeparator(null);
            }
            return generator;
        }

        /** The answer written since {@link #start()}, or null (and the generator dropped) if it is unfinished. */
        byte[] finish() throws IOException {
            generator.flush();
            if (!generator.getOutputContext().inRoot()) {
                generator.close(); // ends what is open, as closing each request's generator used to
                generator = null;
            }
            return out.toByteArray();
        }

        void start() {
            out.reset();
        }

        void drop() {
            generator = null;
        }
    }

    private static final class ReusableOutput extends ByteArrayOutputStream {
        private static final int KEEP_AT_MOST = 64 * 1024;

        ReusableOutput() {
            super(1024);
        }

        @Override
        public synchronized void reset() {
            if (buf.length > KEEP_AT_MOST) {
                buf = new byte[1024]; // a large answer's buffer is not kept for the thread's lifetime
            }
            super.reset();
        }
    }

    public Dispatcher(Map<String, Operation> operations) {
        this.operations = Map.copyOf(operations);
    }

    public boolean knows(String operation) {
        return operations.containsKey(operation);
    }

    public Response handle(String operationName, byte[] body) {
        ThreadOutput output = OUTPUT.get();
        output.start();
        try {
            Operation operation = operationName == null ? null : operations.get(operationName);
            if (operation == null) {
                throw DynamoDbException.unknownOperation();
            }
            Request request = parse(body, operation.digestedField());
            JsonGenerator g = output.generator();
            boolean answered = false;
            try {
                operation.execute(request, g);
                answered = true;
            } finally {
                if (!answered) {
                    output.drop(); // it may hold part of an answer that will not be sent
                }
            }
            return new Response(200, output.finish());
        } catch (DynamoDbException e) {
            return error(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            // a bug, not bad input: report it as DynamoDB would, and keep the trace for whoever runs the engine
            LOG.log(System.Logger.Level.ERROR, "Unexpected failure in " + operationName, e);
            return error(DynamoDbException.internal("Internal server error"));
        }
    }

    private static Request parse(byte[] body, String digestedField) {
        if (body == null || body.length == 0) {
            return new Request(Json.object());
        }
        Json.Parsed parsed;
        try {
            parsed = Json.parseRequest(body, digestedField);
        } catch (JsonProcessingException e) {
            throw DynamoDbException.serialization("Malformed JSON in the request body");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonNode node = parsed.node();
        if (node == null || node.isMissingNode()) {
            return new Request(Json.object());
        }
        if (!node.isObject()) {
            throw DynamoDbException.serialization("Start of list found where not expected");
        }
        return new Request(node, parsed.fieldDigest());
    }

    /** The error body: __type and message, plus Item or CancellationReasons where DynamoDB sends them. */
    public static Response error(DynamoDbException e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("__type", e.wireType());
            if (e.getMessage() != null) {
                g.writeStringField("message", e.getMessage());
            }
            if (e instanceof ConditionalCheckFailedException failed && failed.item() != null) {
                g.writeFieldName("Item");
                AttributeValueJson.writeItem(g, failed.item());
            }
            if (e instanceof TransactionCanceledException cancelled) {
                g.writeArrayFieldStart("CancellationReasons");
                for (TransactionCanceledException.Reason reason : cancelled.reasons()) {
                    g.writeStartObject();
                    g.writeStringField("Code", reason.code());
                    if (reason.message() != null) {
                        g.writeStringField("Message", reason.message());
                    }
                    if (reason.item() != null) {
                        g.writeFieldName("Item");
                        AttributeValueJson.writeItem(g, reason.item());
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        } catch (IOException io) {
            throw new UncheckedIOException(io);
        }
        return new Response(e.status(), out.toByteArray());
    }
}
