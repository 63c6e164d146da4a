package com.tradebot.local.messaging;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The account and region the local platform pretends to be, and SDK clients pointed at its endpoints. */
public final class LocalAws {

    public static final String ACCOUNT_ID = "000000000000";
    public static final Region REGION = Region.US_EAST_1;

    private LocalAws() {
    }

    /** Local servers do not check signatures, but the SDK needs some credentials to sign with. */
    public static StaticCredentialsProvider dummyCredentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    }

    public static SqsClient sqsClient(URI endpoint) {
        return SqsClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(dummyCredentials())
                // Named explicitly: the SDK refuses to choose when several HTTP clients are on the classpath.
                .httpClientBuilder(Apache5HttpClient.builder())
                .build();
    }

    public static String topicArn(String topicName) {
        return "arn:aws:sns:" + REGION.id() + ":" + ACCOUNT_ID + ":" + topicName;
    }

    public static String ruleArn(String ruleName) {
        return "arn:aws:events:" + REGION.id() + ":" + ACCOUNT_ID + ":rule/" + ruleName;
    }
}
