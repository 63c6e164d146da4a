package com.tradebot.functions.api;

import com.tradebot.common.AwsClients;
import com.tradebot.common.Env;
import com.tradebot.functions.http.ApiHandler;
import com.tradebot.functions.http.ApiResponse;
import com.tradebot.health.AwsHealthProbes;
import com.tradebot.health.HealthReport;
import com.tradebot.health.HealthService;
import java.time.Clock;
import java.util.List;

/** {@code GET /health}: DynamoDB and SQS reachability and the deployed version; 503 when a dependency is down. */
public final class HealthHandler extends ApiHandler {
    private final HealthService health;

    public HealthHandler() {
        this(new HealthService(List.of(
                AwsHealthProbes.dynamoDbTable(AwsClients.dynamoDb(), Env.require("TABLE_NAME")),
                AwsHealthProbes.sqsQueue(AwsClients.sqs(), Env.require("HEALTH_QUEUE_URL"))),
                Env.get("APP_VERSION", versionFromManifest()), Clock.systemUTC()));
    }

    public HealthHandler(HealthService health) {
        this.health = health;
        route("GET", "/health", request -> {
            HealthReport report = this.health.check();
            return ApiResponse.of(report.healthy() ? 200 : 503, report).header("Cache-Control", "no-store");
        });
        // loads and connects the DynamoDB and SQS clients before the snapshot; the outcome does not matter
        primeWith(this.health::check);
    }

    private static String versionFromManifest() {
        String version = HealthHandler.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
