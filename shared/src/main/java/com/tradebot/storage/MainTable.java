package com.tradebot.storage;

import com.tradebot.common.AwsClients;
import com.tradebot.common.Env;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The single table and the client that reaches it: what every repository is built from. */
public record MainTable(DynamoDbClient client, String name) {
    public static final String NAME_VARIABLE = "TABLE_NAME";

    /** Reads {@code TABLE_NAME}; the client honours the local platform's endpoint. */
    public static MainTable fromEnvironment() {
        return new MainTable(AwsClients.dynamoDb(), Env.require(NAME_VARIABLE));
    }
}
