package com.tradebot.dynamodb.ops;

import com.fasterxml.jackson.core.JsonGenerator;
import com.tradebot.dynamodb.protocol.Request;
import com.tradebot.dynamodb.storage.Database;

import java.io.IOException;
import java.util.List;

public final class ListTables implements Operation {
    private final Database database;

    public ListTables(Database database) {
        this.database = database;
    }

    @Override
    public void execute(Request request, JsonGenerator out) throws IOException {
        Integer limit = request.integer("Limit");
        if (limit != null && (limit < 1 || limit > 100)) {
            throw request.constraint("Limit", limit, limit < 1 ? "Member must have value greater than or equal to 1"
                    : "Member must have value less than or equal to 100");
        }
        String startAfter = request.string("ExclusiveStartTableName");
        if (startAfter != null) {
            request.checkName("ExclusiveStartTableName", startAfter);
        }
        int max = limit == null ? 100 : limit;
        List<String> names = database.tableNames();
        out.writeStartObject();
        out.writeArrayFieldStart("TableNames");
        int written = 0;
        String last = null;
        boolean more = false;
        for (String name : names) {
            if (startAfter != null && name.compareTo(startAfter) <= 0) {
                continue;
            }
            if (written == max) {
                more = true;
                break;
            }
            out.writeString(name);
            last = name;
            written++;
        }
        out.writeEndArray();
        if (more) {
            out.writeStringField("LastEvaluatedTableName", last);
        }
        out.writeEndObject();
    }
}
