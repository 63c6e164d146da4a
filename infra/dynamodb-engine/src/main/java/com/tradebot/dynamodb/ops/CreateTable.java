package com.tradebot.dynamodb.ops;

import com.fasterxml.jackson.core.JsonGenerator;
import com.tradebot.dynamodb.protocol.Request;
import com.tradebot.dynamodb.storage.Database;
import com.tradebot.dynamodb.storage.TableData;
import com.tradebot.dynamodb.table.TableDefinitionJson;
import com.tradebot.dynamodb.table.TableDefinitionParser;

import java.io.IOException;

/** Tables are ACTIVE as soon as they are created. */
public final class CreateTable implements Operation {
    private final Database database;

    public CreateTable(Database database) {
        this.database = database;
    }

    @Override
    public void execute(Request request, JsonGenerator out) throws IOException {
        TableData table = database.createTable(TableDefinitionParser.parseCreate(request));
        out.writeStartObject();
        out.writeFieldName("TableDescription");
        TableDefinitionJson.writeDescription(out, table.definition(), "ACTIVE", TableDefinitionJson.EMPTY);
        out.writeEndObject();
    }
}
