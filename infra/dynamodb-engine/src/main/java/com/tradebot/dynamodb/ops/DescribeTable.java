package com.tradebot.dynamodb.ops;

import com.fasterxml.jackson.core.JsonGenerator;
import com.tradebot.dynamodb.DynamoDbException;
import com.tradebot.dynamodb.protocol.Request;
import com.tradebot.dynamodb.storage.Database;
import com.tradebot.dynamodb.storage.TableData;
import com.tradebot.dynamodb.table.TableDefinitionJson;

import java.io.IOException;

public final class DescribeTable implements Operation {
    private final Database database;

    public DescribeTable(Database database) {
        this.database = database;
    }

    static TableData existing(Database database, String name) {
        TableData table = database.findTable(name);
        if (table == null) {
            throw DynamoDbException.resourceNotFound("Requested resource not found: Table: " + name + " not found");
        }
        return table;
    }

    @Override
    public void execute(Request request, JsonGenerator out) throws IOException {
        TableData table = existing(database, request.tableName("TableName"));
        out.writeStartObject();
        out.writeFieldName("Table");
        TableDefinitionJson.writeDescription(out, table.definition(), "ACTIVE", new TableStats(table));
        out.writeEndObject();
    }
}
