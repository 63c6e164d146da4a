package com.tradebot.dynamodb.table;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.dynamodb.protocol.Request;

import java.io.IOException;
import java.math.BigDecimal;

/** Writes a table's DescribeTable form and its stored (persisted) form, and reads the stored form back. */
public final class TableDefinitionJson {
    private TableDefinitionJson() {
    }

    /** Item counts and sizes shown in a description. */
    public interface Stats {
        long itemCount(String indexName);

        long sizeBytes(String indexName);
    }

    public static final Stats EMPTY = new Stats() {
        public long itemCount(String indexName) {
            return 0;
        }

        public long sizeBytes(String indexName) {
            return 0;
        }
    };

    /** The TableDescription structure (its field, e.g. "Table" or "TableDescription", is written by the caller). */
    /**
     * DeleteTable's answer: DynamoDB describes the table being deleted by name, status, throughput, size and
     * identity only, without CreationDateTime, KeySchema, AttributeDefinitions or indexes (API reference,
     * DeleteTable example response).
     */
    public static void writeDeletedDescription(JsonGenerator g, TableDefinition def, Stats stats) throws IOException {
        g.writeStartObject();
        g.writeStringField("TableName", def.name());
        g.writeStringField("TableStatus", "DELETING");
        writeThroughput(g, def.readCapacity(), def.writeCapacity());
        g.writeNumberField("TableSizeBytes", stats.sizeBytes(null));
        g.writeNumberField("ItemCount", stats.itemCount(null));
        g.writeStringField("TableArn", def.arn());
        g.writeStringField("TableId", def.tableId());
        if (TableDefinition.PAY_PER_REQUEST.equals(def.billingMode())) {
            g.writeObjectFieldStart("BillingModeSummary");
            g.writeStringField("BillingMode", TableDefinition.PAY_PER_REQUEST);
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    public static void writeDescription(JsonGenerator g, TableDefinition def, String status, Stats stats) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("AttributeDefinitions");
        for (var e : def.attributeTypes().entrySet()) {
            g.writeStartObject();
            g.writeStringField("AttributeName", e.getKey());
            g.writeStringField("AttributeType", e.getValue());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("TableName", def.name());
        writeKeySchema(g, def.keys());
        g.writeStringField("TableStatus", status);
        g.writeFieldName("CreationDateTime");
        g.writeNumber(BigDecimal.valueOf(def.creationMillis(), 3));
        writeThroughput(g, def.readCapacity(), def.writeCapacity());
        g.writeNumberField("TableSizeBytes", stats.sizeBytes(null));
        g.writeNumberField("ItemCount", stats.itemCount(null));
        g.writeStringField("TableArn", def.arn());
        g.writeStringField("TableId", def.tableId());
        if (TableDefinition.PAY_PER_REQUEST.equals(def.billingMode())) {
            g.writeObjectFieldStart("BillingModeSummary");
            g.writeStringField("BillingMode", TableDefinition.PAY_PER_REQUEST);
            g.writeFieldName("LastUpdateToPayPerRequestDateTime");
            g.writeNumber(BigDecimal.valueOf(def.creationMillis(), 3));
            g.writeEndObject();
        }
        if (!def.localIndexes().isEmpty()) {
            g.writeArrayFieldStart("LocalSecondaryIndexes");
            for (IndexDefinition index : def.localIndexes()) {
                writeIndex(g, def, index, stats);
            }
            g.writeEndArray();
        }
        if (!def.globalIndexes().isEmpty()) {
            g.writeArrayFieldStart("GlobalSecondaryIndexes");
            for (IndexDefinition index : def.globalIndexes()) {
                writeIndex(g, def, index, stats);
            }
            g.writeEndArray();
        }
        g.writeBooleanField("DeletionProtectionEnabled", false);
        g.writeEndObject();
    }

    private static void writeIndex(JsonGenerator g, TableDefinition def, IndexDefinition index, Stats stats) throws IOException {
        g.writeStartObject();
        g.writeStringField("IndexName", index.name());
        writeKeySchema(g, index.keys());
        writeProjection(g, index.projection());
        if (index.global()) {
            g.writeStringField("IndexStatus", "ACTIVE");
            writeThroughput(g, index.readCapacity(), index.writeCapacity());
        }
        g.writeNumberField("IndexSizeBytes", stats.sizeBytes(index.name()));
        g.writeNumberField("ItemCount", stats.itemCount(index.name()));
        g.writeStringField("IndexArn", def.arn() + "/index/" + index.name());
        g.writeEndObject();
    }

    private static void writeThroughput(JsonGenerator g, long read, long write) throws IOException {
        g.writeObjectFieldStart("ProvisionedThroughput");
        g.writeNumberField("NumberOfDecreasesToday", 0);
        g.writeNumberField("ReadCapacityUnits", read);
        g.writeNumberField("WriteCapacityUnits", write);
        g.writeEndObject();
    }

    private static void writeKeySchema(JsonGenerator g, KeySchema keys) throws IOException {
        g.writeArrayFieldStart("KeySchema");
        g.writeStartObject();
        g.writeStringField("AttributeName", keys.hashName());
        g.writeStringField("KeyType", "HASH");
        g.writeEndObject();
        if (keys.hasRange()) {
            g.writeStartObject();
            g.writeStringField("AttributeName", keys.rangeName());
            g.writeStringField("KeyType", "RANGE");
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeProjection(JsonGenerator g, Projection projection) throws IOException {
        g.writeObjectFieldStart("Projection");
        g.writeStringField("ProjectionType", projection.type());
        if (projection.nonKeyAttributes() != null) {
            g.writeArrayFieldStart("NonKeyAttributes");
            for (String attr : projection.nonKeyAttributes()) {
                g.writeString(attr);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    /** The stored form: a CreateTable request plus identity, creation time and TTL. */
    public static void writeStored(JsonGenerator g, TableDefinition def) throws IOException {
        g.writeStartObject();
        g.writeStringField("TableName", def.name());
        g.writeStringField("TableId", def.tableId());
        g.writeNumberField("CreationMillis", def.creationMillis());
        g.writeArrayFieldStart("AttributeDefinitions");
        for (var e : def.attributeTypes().entrySet()) {
            g.writeStartObject();
            g.writeStringField("AttributeName", e.getKey());
            g.writeStringField("AttributeType", e.getValue());
            g.writeEndObject();
        }
        g.writeEndArray();
        writeKeySchema(g, def.keys());
        g.writeStringField("BillingMode", def.billingMode());
        if (TableDefinition.PROVISIONED.equals(def.billingMode())) {
            writeStoredThroughput(g, def.readCapacity(), def.writeCapacity());
        }
        writeStoredIndexes(g, "LocalSecondaryIndexes", def.localIndexes(), def);
        writeStoredIndexes(g, "GlobalSecondaryIndexes", def.globalIndexes(), def);
        if (def.timeToLive().attributeName() != null) {
            g.writeObjectFieldStart("TimeToLive");
            g.writeStringField("AttributeName", def.timeToLive().attributeName());
            g.writeBooleanField("Enabled", def.timeToLive().enabled());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void writeStoredIndexes(JsonGenerator g, String field, java.util.List<IndexDefinition> indexes,
                                           TableDefinition def) throws IOException {
        if (indexes.isEmpty()) {
            return;
        }
        g.writeArrayFieldStart(field);
        for (IndexDefinition index : indexes) {
            g.writeStartObject();
            g.writeStringField("IndexName", index.name());
            writeKeySchema(g, index.keys());
            writeProjection(g, index.projection());
            if (index.global() && TableDefinition.PROVISIONED.equals(def.billingMode())) {
                writeStoredThroughput(g, index.readCapacity(), index.writeCapacity());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeStoredThroughput(JsonGenerator g, long read, long write) throws IOException {
        g.writeObjectFieldStart("ProvisionedThroughput");
        g.writeNumberField("ReadCapacityUnits", read);
        g.writeNumberField("WriteCapacityUnits", write);
        g.writeEndObject();
    }

    public static TableDefinition readStored(JsonNode node) {
        Request request = new Request(node);
        TableDefinition parsed = TableDefinitionParser.parseCreate(request);
        TimeToLive ttl = TimeToLive.DISABLED;
        Request ttlNode = request.nested("TimeToLive");
        if (ttlNode != null) {
            ttl = new TimeToLive(ttlNode.string("AttributeName"), ttlNode.bool("Enabled", false));
        }
        return new TableDefinition(parsed.name(), request.string("TableId"), request.longValue("CreationMillis"),
                parsed.keys(), parsed.attributeTypes(), parsed.billingMode(), parsed.readCapacity(),
                parsed.writeCapacity(), parsed.globalIndexes(), parsed.localIndexes(), ttl);
    }
}
