package com.tradebot.storage;

import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** The two item idioms every repository repeats: a strongly consistent get-or-empty and a conditional write. */
public final class Items {
    private Items() {
    }

    /** The item under {@code key}, read strongly consistent; empty when there is none. */
    public static Optional<Map<String, AttributeValue>> get(DynamoDbClient dynamoDb, String table,
                                                            Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /**
     * Runs a conditional Put/Update/Delete; false when its condition did not hold (nothing was written).
     * Other failures propagate.
     */
    public static boolean conditionally(Runnable conditionalWrite) {
        try {
            conditionalWrite.run();
            return true;
        } catch (ConditionalCheckFailedException conditionNotMet) {
            return false;
        }
    }
}
