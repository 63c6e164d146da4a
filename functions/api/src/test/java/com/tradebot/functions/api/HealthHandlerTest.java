package com.tradebot.functions.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.common.Json;
import com.tradebot.health.AwsHealthProbes;
import com.tradebot.health.HealthProbe;
import com.tradebot.health.HealthService;
import com.tradebot.testing.LocalDynamoDb;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The health route against the real engine: a present table is healthy, a missing one is reported as down. */
class HealthHandlerTest {
    private static HealthHandler handlerFor(String tableName) {
        HealthProbe dynamo = AwsHealthProbes.dynamoDbTable(LocalDynamoDb.client(), tableName);
        return new HealthHandler(new HealthService(List.of(dynamo), "1.2.3", Clock.systemUTC()));
    }

    @Test
    void reportsOkWithVersionWhenTheTableIsReachable() {
        APIGatewayProxyResponseEvent response = handlerFor(LocalDynamoDb.newMainTable())
                .handleRequest(EventLoader.loadApiGatewayRestEvent("../../events/api/health.json"), null);
        JsonNode body = Json.readTree(response.getBody());
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(body.get("status").asText()).isEqualTo("ok");
        assertThat(body.get("version").asText()).isEqualTo("1.2.3");
        assertThat(body.at("/checks/dynamodb/status").asText()).isEqualTo("ok");
    }

    @Test
    void reports503WhenADependencyIsDown() {
        APIGatewayProxyResponseEvent response = handlerFor("no-such-table")
                .handleRequest(EventLoader.loadApiGatewayRestEvent("../../events/api/health.json"), null);
        JsonNode body = Json.readTree(response.getBody());
        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(body.get("status").asText()).isEqualTo("degraded");
        assertThat(body.at("/checks/dynamodb/error").asText()).contains("ResourceNotFoundException");
    }

    @Test
    void snapStartPrimingRunsTheHealthCheckOnce() throws Exception {
        AtomicInteger checks = new AtomicInteger();
        HealthProbe counting = new HealthProbe() {
            public String name() {
                return "counting";
            }

            public void check() {
                checks.incrementAndGet();
            }
        };
        new HealthHandler(new HealthService(List.of(counting), "1", Clock.systemUTC())).beforeCheckpoint(null);
        assertThat(checks).hasValue(1);
    }
}
