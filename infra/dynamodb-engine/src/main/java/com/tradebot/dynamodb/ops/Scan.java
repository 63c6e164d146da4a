package com.tradebot.dynamodb.ops;

import com.fasterxml.jackson.core.JsonGenerator;
import com.tradebot.dynamodb.DynamoDbException;
import com.tradebot.dynamodb.expr.ConditionExpression;
import com.tradebot.dynamodb.expr.ExpressionContext;
import com.tradebot.dynamodb.expr.ProjectionExpression;
import com.tradebot.dynamodb.protocol.Request;
import com.tradebot.dynamodb.storage.Database;
import com.tradebot.dynamodb.storage.IndexKey;
import com.tradebot.dynamodb.storage.Slot;
import com.tradebot.dynamodb.value.AttributeValue;

import java.io.IOException;
import java.util.Map;
import java.util.NavigableMap;

public final class Scan implements Operation {
    private static final long TOKEN_SPACE = 1L << 32;

    private final Database database;

    public Scan(Database database) {
        this.database = database;
    }

    static Integer limit(Request request) {
        Integer limit = request.integer("Limit");
        if (limit != null && limit < 1) {
            throw request.constraint("Limit", limit, "Member must have value greater than or equal to 1");
        }
        return limit;
    }

    @Override
    public void execute(Request request, JsonGenerator out) throws IOException {
        String tableName = request.tableName("TableName");
        Integer limit = limit(request);
        Integer segment = request.integer("Segment");
        Integer totalSegments = request.integer("TotalSegments");
        if (segment != null && segment < 0) {
            throw request.constraint("Segment", segment, "Member must have value greater than or equal to 0");
        }
        if (totalSegments != null && (totalSegments < 1 || totalSegments > 1_000_000)) {
            throw request.constraint("TotalSegments", totalSegments, totalSegments < 1
                    ? "Member must have value greater than or equal to 1"
                    : "Member must have value less than or equal to 1000000");
        }
        if (segment != null && totalSegments == null) {
            throw DynamoDbException.validation("The TotalSegments parameter is required but was not present in the "
                    + "request when Segment parameter is present");
        }
        if (segment == null && totalSegments != null) {
            throw DynamoDbException.validation("The Segment parameter is required but was not present in the request "
                    + "when parameter TotalSegments is present");
        }
        if (segment != null && segment >= totalSegments) {
            throw DynamoDbException.validation("The Segment parameter is zero-based and must be less than parameter "
                    + "TotalSegments: Segment: " + segment + " is not less than TotalSegments: " + totalSegments);
        }
        Capacity capacity = new Capacity(request);
        ExpressionContext expressions = Expressions.context(request, "ProjectionExpression", "FilterExpression");
        ConditionExpression filter = Expressions.filter(request, expressions, "ScanFilter");
        ProjectionExpression projection = Expressions.projection(request, expressions);
        expressions.checkAllUsed();
        Map<String, AttributeValue> exclusiveStartKey = request.item("ExclusiveStartKey");

        ReadTarget target = new ReadTarget(database.table(tableName), request, projection, "Scanning");
        IndexKey start = exclusiveStartKey == null ? null : target.startPosition(exclusiveStartKey);
        IndexKey low = null;
        IndexKey high = null;
        NavigableMap<IndexKey, Slot> entries = target.entries;
        if (segment != null) {
            // a segment is a slice of the token space; items are ordered by token first
            low = IndexKey.tokenStart((int) (segment * TOKEN_SPACE / totalSegments));
            IndexKey segmentEnd = segment + 1 < totalSegments
                    ? IndexKey.tokenStart((int) ((segment + 1) * TOKEN_SPACE / totalSegments)) : null;
            if (segmentEnd != null) {
                entries = entries.headMap(segmentEnd, false);
            }
            if (start != null && (start.compareTo(low) < 0 || segmentEnd != null && start.compareTo(segmentEnd) >= 0)) {
                throw DynamoDbException.validation("The provided Exclusive start key does not map to the provided "
                        + "segment: Segment " + segment + " of TotalSegments " + totalSegments);
            }
        }
        NavigableMap<IndexKey, Slot> view = PageReader.range(entries, low, high, start, true);

        out.writeStartObject();
        PageReader.read(target, view, null, filter, limit, capacity, out);
        capacity.writeSingle(out, tableName);
        out.writeEndObject();
    }
}
