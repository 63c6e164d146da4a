package com.tradebot.dynamodb.ops;

import com.fasterxml.jackson.core.JsonGenerator;
import com.tradebot.dynamodb.protocol.Request;

import java.io.IOException;

/** One DynamoDB operation: validates its request, runs it and writes the whole response object. */
public interface Operation {
    void execute(Request request, JsonGenerator out) throws IOException;

    /** A top-level request field whose digest the operation needs ({@link Request#fieldDigest()}), or null. */
    default String digestedField() {
        return null;
    }
}
