package com.tradebot.dynamodb.ops;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.dynamodb.DynamoDbException;
import com.tradebot.dynamodb.protocol.Request;
import com.tradebot.dynamodb.storage.Database;
import com.tradebot.dynamodb.storage.TableData;
import com.tradebot.dynamodb.table.IndexDefinition;
import com.tradebot.dynamodb.table.TableDefinition;
import com.tradebot.dynamodb.table.TableDefinitionJson;
import com.tradebot.dynamodb.table.TableDefinitionParser;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Billing changes and global secondary index creation (backfilled at once) and deletion. */
public final class UpdateTable implements Operation {
    private static final String INVALID = "One or more parameter values were invalid: ";
    private static final List<String> BILLING_MODES = List.of("PROVISIONED", "PAY_PER_REQUEST");

    private final Database database;

    public UpdateTable(Database database) {
        this.database = database;
    }

    @Override
    public void execute(Request request, JsonGenerator out) throws IOException {
        String tableName = request.tableName("TableName");
        String billing = request.enumValue("BillingMode", BILLING_MODES);
        Request throughput = request.nested("ProvisionedThroughput");
        JsonNode updates = request.array("GlobalSecondaryIndexUpdates");
        if (billing == null && throughput == null && (updates == null || updates.isEmpty())
                && !request.has("StreamSpecification") && !request.has("SSESpecification")
                && !request.has("DeletionProtectionEnabled")) {
            throw DynamoDbException.validation("At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, "
                    + "GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required");
        }
        Map<String, String> newTypes = new LinkedHashMap<>();
        JsonNode definitions = request.array("AttributeDefinitions");
        if (definitions != null) {
            for (JsonNode d : definitions) {
                Request def = request.wrap(d, "AttributeDefinitions.member");
                newTypes.put(def.requiredString("AttributeName"), def.requiredString("AttributeType"));
            }
        }
        TableData table = database.redefine(tableName, current -> {
            TableDefinition updated = current;
            String mode = billing != null ? billing : current.billingMode();
            if (billing != null || throughput != null) {
                if (throughput != null && TableDefinition.PAY_PER_REQUEST.equals(mode)) {
                    throw DynamoDbException.validation(INVALID + "Neither ReadCapacityUnits nor WriteCapacityUnits can be "
                            + "specified when BillingMode is PAY_PER_REQUEST");
                }
                if (TableDefinition.PROVISIONED.equals(mode) && throughput == null
                        && !TableDefinition.PROVISIONED.equals(current.billingMode())) {
                    throw DynamoDbException.validation(INVALID
                            + "ProvisionedThroughput must be specified when BillingMode is PROVISIONED");
                }
                long read = throughput == null ? current.readCapacity() : positive(throughput, "ReadCapacityUnits");
                long write = throughput == null ? current.writeCapacity() : positive(throughput, "WriteCapacityUnits");
                if (TableDefinition.PAY_PER_REQUEST.equals(mode)) {
                    read = 0;
                    write = 0;
                }
                updated = updated.withBilling(mode, read, write);
            }
            if (updates != null && !updates.isEmpty()) {
                updated = applyIndexUpdates(request, updated, updates, newTypes);
            }
            return updated;
        });
        out.writeStartObject();
        out.writeFieldName("TableDescription");
        TableDefinitionJson.writeDescription(out, table.definition(), "ACTIVE", new TableStats(table));
        out.writeEndObject();
    }

    private static long positive(Request throughput, String field) {
        Long value = throughput.longValue(field);
        if (value == null || value < 1) {
            throw throughput.constraint(field, value, "Member must have value greater than or equal to 1");
        }
        return value;
    }

    private static TableDefinition applyIndexUpdates(Request request, TableDefinition current, JsonNode updates,
                                                     Map<String, String> newTypes) {
        Map<String, String> types = new LinkedHashMap<>(current.attributeTypes());
        for (Map.Entry<String, String> e : newTypes.entrySet()) {
            String existing = types.get(e.getKey());
            if (existing != null && !existing.equals(e.getValue())) {
                throw DynamoDbException.validation(INVALID + "Cannot change the type of attribute " + e.getKey());
            }
            types.put(e.getKey(), e.getValue());
        }
        List<IndexDefinition> globals = new ArrayList<>(current.globalIndexes());
        Set<String> touched = new HashSet<>();
        for (JsonNode node : updates) {
            Request update = request.wrap(node, "GlobalSecondaryIndexUpdates.member");
            Request create = update.nested("Create");
            Request delete = update.nested("Delete");
            Request change = update.nested("Update");
            if (create == null && delete == null && change == null) {
                throw DynamoDbException.validation(INVALID + "One of GlobalSecondaryIndexUpdate.Update, "
                        + "GlobalSecondaryIndexUpdate.Create, GlobalSecondaryIndexUpdate.Delete must not be null");
            }
            Request action = create != null ? create : delete != null ? delete : change;
            String indexName = action.requiredString("IndexName");
            if (!touched.add(indexName)) {
                throw DynamoDbException.validation(INVALID + "Only one global secondary index update per index is "
                        + "allowed simultaneously. Index: " + indexName);
            }
            if (create != null) {
                if (current.index(indexName) != null) {
                    throw DynamoDbException.validation(INVALID + "Index already exists: " + indexName);
                }
                globals.add(TableDefinitionParser.index(create, types, true, current.billingMode()));
            } else {
                IndexDefinition existing = current.index(indexName);
                if (existing == null || !existing.global()) {
                    throw DynamoDbException.resourceNotFound("Requested resource not found: Index: " + indexName
                            + " not found for table: " + current.name());
                }
                if (delete != null) {
                    globals.remove(existing);
                }
            }
        }
        // attribute definitions hold exactly the key attributes in use
        Set<String> used = new HashSet<>();
        used.add(current.keys().hashName());
        if (current.keys().hasRange()) {
            used.add(current.keys().rangeName());
        }
        for (IndexDefinition index : globals) {
            used.add(index.keys().hashName());
            if (index.keys().hasRange()) {
                used.add(index.keys().rangeName());
            }
        }
        for (IndexDefinition index : current.localIndexes()) {
            used.add(index.keys().rangeName());
        }
        types.keySet().retainAll(used);
        return current.withGlobalIndexes(globals, types);
    }
}
