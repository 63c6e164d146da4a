package com.tradebot.functions.jobs;

import com.tradebot.common.AwsClients;
import com.tradebot.common.Env;
import com.tradebot.functions.edge.EdgeHandler;
import com.tradebot.health.AwsHealthProbes;
import com.tradebot.health.HealthProbe;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Step Functions task: checks one dependency named by {@code {"check":"dynamodb"|"sqs"}}. It throws
 * {@link DependencyUnavailableException} when the dependency is down so the state machine can retry or catch it.
 */
public final class SelfCheckHandler extends EdgeHandler<Map<String, Object>, Map<String, Object>> {
    private final List<HealthProbe> probes;

    public SelfCheckHandler() {
        this(List.of(AwsHealthProbes.dynamoDbTable(AwsClients.dynamoDb(), Env.require("TABLE_NAME")),
                AwsHealthProbes.sqsQueue(AwsClients.sqs(), Env.require("HEALTH_QUEUE_URL"))));
    }

    public SelfCheckHandler(List<HealthProbe> probes) {
        this.probes = List.copyOf(probes);
    }

    @Override
    protected Map<String, Object> handle(Map<String, Object> input, Invocation invocation) {
        Object name = input == null ? null : input.get("check");
        HealthProbe probe = probes.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown check: " + name));
        long start = System.nanoTime();
        try {
            probe.check();
        } catch (Exception e) {
            throw new DependencyUnavailableException(probe.name() + " is unavailable: " + e.getMessage());
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("check", probe.name());
        result.put("status", "ok");
        result.put("latencyMs", (System.nanoTime() - start) / 1_000_000);
        return result;
    }
}
