package com.tradebot.health;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Health probes that reach the real services through the AWS SDK. */
public final class AwsHealthProbes {
    private AwsHealthProbes() {
    }

    public static HealthProbe dynamoDbTable(DynamoDbClient dynamoDb, String tableName) {
        return new HealthProbe() {
            public String name() {
                return "dynamodb";
            }

            public void check() {
                dynamoDb.describeTable(b -> b.tableName(tableName));
            }
        };
    }

    public static HealthProbe sqsQueue(SqsClient sqs, String queueUrl) {
        return new HealthProbe() {
            public String name() {
                return "sqs";
            }

            public void check() {
                sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
            }
        };
    }
}
