package com.tradebot.functions.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.tradebot.common.Json;
import com.tradebot.health.AwsHealthProbes;
import com.tradebot.ops.DeadLetterMonitor;
import com.tradebot.testing.LocalDynamoDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobHandlersTest {

    @Test
    @SuppressWarnings("unchecked")
    void selfCheckTaskReportsAReachableTable() throws Exception {
        Map<String, Object> input = Json.MAPPER.readValue(Files.readString(Path.of("../../events/stepfunctions/self-check-task.json")), Map.class);
        SelfCheckHandler handler = new SelfCheckHandler(List.of(
                AwsHealthProbes.dynamoDbTable(LocalDynamoDb.client(), LocalDynamoDb.newMainTable())));
        Map<String, Object> result = handler.handleRequest(input, null);
        assertThat(result).containsEntry("check", "dynamodb").containsEntry("status", "ok");
    }

    @Test
    void selfCheckRaisesTheRetryableErrorWhenTheDependencyIsDown() {
        SelfCheckHandler handler = new SelfCheckHandler(List.of(
                AwsHealthProbes.dynamoDbTable(LocalDynamoDb.client(), "missing-table")));
        assertThatThrownBy(() -> handler.handleRequest(Map.of("check", "dynamodb"), null))
                .isInstanceOf(DependencyUnavailableException.class)
                .hasMessageContaining("dynamodb is unavailable");
        assertThatThrownBy(() -> handler.handleRequest(Map.of("check", "redis"), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deadLetterMonitorReportsOnlyQueuesHoldingMessages() {
        ScheduledEvent event = EventLoader.loadScheduledEvent("../../events/schedule/dead-letter-monitor.json");
        Map<String, Long> depths = Map.of("q1", 0L, "q2", 3L);
        DeadLetterMonitorHandler handler = new DeadLetterMonitorHandler(new DeadLetterMonitor(List.of("q1", "q2"), depths::get));
        assertThat(handler.handleRequest(event, null)).containsExactly(Map.entry("q2", 3L));
    }
}
