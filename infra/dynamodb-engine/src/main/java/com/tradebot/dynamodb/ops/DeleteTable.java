package com.tradebot.dynamodb.ops;

import com.fasterxml.jackson.core.JsonGenerator;
import com.tradebot.dynamodb.protocol.Request;
import com.tradebot.dynamodb.storage.Database;
import com.tradebot.dynamodb.storage.TableData;
import com.tradebot.dynamodb.table.TableDefinitionJson;

import java.io.IOException;

/** Deletes at once; the answer describes the table as DELETING, as DynamoDB does. */
public final class DeleteTable implements Operation {
    private final Database database;

    public DeleteTable(Database database) {
        this.database = database;
    }

    @Override
    public void execute(Request request, JsonGenerator out) throws IOException {
        TableData table = database.deleteTable(request.tableName("TableName"));
        out.writeStartObject();
        out.writeFieldName("TableDescription");
        TableDefinitionJson.writeDeletedDescription(out, table.definition(), new TableStats(table));
        out.writeEndObject();
    }
}
