package com.tradebot.auth;

import com.tradebot.common.AwsClients;
import com.tradebot.common.Env;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Operator tool: makes an existing account ADMIN. The API never lets anyone grant ADMIN to themselves, so the first
 * admin is made here, with the operator's own AWS credentials (or against the local platform's DynamoDB port):
 * {@code TABLE_NAME=... [TRADEBOT_DYNAMODB_ENDPOINT=http://127.0.0.1:8000] java -cp ... com.tradebot.auth.GrantAdmin email}.
 */
public final class GrantAdmin {
    private GrantAdmin() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("Usage: GrantAdmin <email>   (reads TABLE_NAME and optional TRADEBOT_DYNAMODB_ENDPOINT)");
            System.exit(2);
        }
        try {
            String userId = grant(AwsClients.dynamoDb(), Env.require("TABLE_NAME"), args[0]);
            System.out.println("User " + userId + " is now ADMIN; new access tokens carry the role.");
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }

    /** @return the user's id */
    public static String grant(DynamoDbClient dynamoDb, String table, String email) {
        String normalised = EmailAddress.normalise(email)
                .orElseThrow(() -> new IllegalArgumentException("Not an email address: " + email));
        UserRepository users = new UserRepository(dynamoDb, table);
        User user = users.findByEmail(normalised)
                .orElseThrow(() -> new IllegalArgumentException("No account for " + normalised));
        users.updateRole(user.id(), Role.ADMIN);
        return user.id();
    }
}
