package com.tradebot.dynamodb.ops;

/** Fixed answers that clients (SDK endpoint discovery, the CLI, dynamodb-admin) ask for. */
public final class ServiceInfo {
    private ServiceInfo() {
    }

    public static Operation describeEndpoints() {
        return (request, out) -> {
            out.writeStartObject();
            out.writeArrayFieldStart("Endpoints");
            out.writeStartObject();
            out.writeStringField("Address", "dynamodb.us-east-1.amazonaws.com");
            out.writeNumberField("CachePeriodInMinutes", 1440);
            out.writeEndObject();
            out.writeEndArray();
            out.writeEndObject();
        };
    }

    public static Operation describeLimits() {
        return (request, out) -> {
            out.writeStartObject();
            out.writeNumberField("AccountMaxReadCapacityUnits", 80000);
            out.writeNumberField("AccountMaxWriteCapacityUnits", 80000);
            out.writeNumberField("TableMaxReadCapacityUnits", 40000);
            out.writeNumberField("TableMaxWriteCapacityUnits", 40000);
            out.writeEndObject();
        };
    }

    /** Tags are not kept: every table has none. */
    public static Operation listTagsOfResource() {
        return (request, out) -> {
            request.requiredString("ResourceArn");
            out.writeStartObject();
            out.writeArrayFieldStart("Tags");
            out.writeEndArray();
            out.writeEndObject();
        };
    }
}
