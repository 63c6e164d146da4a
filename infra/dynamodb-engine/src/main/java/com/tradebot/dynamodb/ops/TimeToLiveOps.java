package com.tradebot.dynamodb.ops;

import com.fasterxml.jackson.core.JsonGenerator;
import com.tradebot.dynamodb.DynamoDbException;
import com.tradebot.dynamodb.protocol.Request;
import com.tradebot.dynamodb.storage.Database;
import com.tradebot.dynamodb.table.TimeToLive;

import java.io.IOException;

/** UpdateTimeToLive and DescribeTimeToLive. */
public final class TimeToLiveOps {
    private TimeToLiveOps() {
    }

    public static Operation update(Database database) {
        return (request, out) -> {
            String tableName = request.tableName("TableName");
            Request spec = request.nested("TimeToLiveSpecification");
            if (spec == null) {
                throw request.constraint("TimeToLiveSpecification", null, "Member must not be null");
            }
            String attribute = spec.requiredString("AttributeName");
            if (attribute.isEmpty() || attribute.length() > 255) {
                throw spec.constraint("AttributeName", attribute, attribute.isEmpty()
                        ? "Member must have length greater than or equal to 1"
                        : "Member must have length less than or equal to 255");
            }
            if (!spec.has("Enabled")) {
                throw spec.constraint("Enabled", null, "Member must not be null");
            }
            boolean enabled = spec.bool("Enabled", false);
            DescribeTable.existing(database, tableName);
            database.redefine(tableName, current -> {
                TimeToLive ttl = current.timeToLive();
                if (enabled && ttl.enabled()) {
                    throw DynamoDbException.validation("TimeToLive is already enabled");
                }
                if (!enabled && !ttl.enabled()) {
                    throw DynamoDbException.validation("TimeToLive is already disabled");
                }
                if (!enabled && !attribute.equals(ttl.attributeName())) {
                    throw DynamoDbException.validation("TimeToLive is active on a different AttributeName: current "
                            + "AttributeName is " + ttl.attributeName());
                }
                return current.withTimeToLive(new TimeToLive(attribute, enabled));
            });
            out.writeStartObject();
            out.writeObjectFieldStart("TimeToLiveSpecification");
            out.writeStringField("AttributeName", attribute);
            out.writeBooleanField("Enabled", enabled);
            out.writeEndObject();
            out.writeEndObject();
        };
    }

    public static Operation describe(Database database) {
        return (request, out) -> {
            TimeToLive ttl = DescribeTable.existing(database, request.tableName("TableName")).definition().timeToLive();
            out.writeStartObject();
            out.writeObjectFieldStart("TimeToLiveDescription");
            out.writeStringField("TimeToLiveStatus", ttl.enabled() ? "ENABLED" : "DISABLED");
            if (ttl.enabled()) {
                out.writeStringField("AttributeName", ttl.attributeName());
            }
            out.writeEndObject();
            out.writeEndObject();
        };
    }

}
