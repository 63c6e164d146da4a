package com.tradebot.local.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.tradebot.local.stepfunctions.asl.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MapStateTest {
    private final RecordingSleeper sleeper = new RecordingSleeper(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void mapNeverExceedsMaxConcurrencyAndKeepsResultsInItemOrder() {
        AtomicInteger active = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        CountDownLatch firstWave = new CountDownLatch(3);
        TestFunctions functions = new TestFunctions().with("RunSlice", event -> {
            int now = active.incrementAndGet();
            peak.accumulateAndGet(now, Math::max);
            firstWave.countDown();
            firstWave.await(5, TimeUnit.SECONDS); // the first three iterations are active together
            Thread.sleep(10); // stay active so that a fourth concurrent iteration would be seen
            active.decrementAndGet();
            return Json.object().put("index", event.get("index").asInt())
                    .put("pnlCents", event.get("slice").asLong() * 10)
                    .put("symbol", event.get("symbol").asText());
        });
        ArrayNode slices = Json.MAPPER.createArrayNode();
        for (int i = 0; i < 12; i++) {
            slices.add(100 + i);
        }
        JsonNode input = Json.object().put("symbol", "BTCUSDT").set("slices", slices);

        ExecutionResult result = Machines.load("map-concurrency").execute(input, functions.taskInvoker(),
                sleeper.options());

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode results = result.output().get("results");
        assertThat(results).hasSize(12);
        for (int i = 0; i < 12; i++) {
            assertThat(results.get(i).get("index").asInt()).isEqualTo(i);
            assertThat(results.get(i).get("pnlCents").asLong()).isEqualTo((100 + i) * 10L);
            assertThat(results.get(i).get("symbol").asText()).isEqualTo("BTCUSDT");
        }
        assertThat(result.output().get("symbol").asText()).isEqualTo("BTCUSDT");
        assertThat(functions.calls).hasSize(12);
        assertThat(peak.get()).isEqualTo(3);
    }

    @Test
    void emptyItemsGiveAnEmptyResult() {
        ExecutionResult result = Machines.load("map-concurrency").execute("{\"symbol\":\"X\",\"slices\":[]}",
                new TestFunctions().taskInvoker(), sleeper.options());

        assertThat(result.output().get("results")).isEmpty();
    }

    @Test
    void distributedMapBatchesItemsWithBatchInput() {
        List<JsonNode> batches = new java.util.concurrent.CopyOnWriteArrayList<>();
        TestFunctions functions = new TestFunctions().with("Evaluate", event -> {
            batches.add(event);
            return Json.object().put("strategy", event.get("BatchInput").get("strategy").asText())
                    .put("sum", sum(event.get("Items")));
        });

        ExecutionResult result = Machines.load("map-distributed").execute(
                "{\"strategy\":\"ema-cross\",\"parameterSets\":[1,2,3,4,5]}", functions.taskInvoker(), sleeper.options());

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.output()).isEqualTo(Machines.json(
                "[{'strategy':'ema-cross','sum':3},{'strategy':'ema-cross','sum':7},{'strategy':'ema-cross','sum':5}]"));
        assertThat(batches).hasSize(3).allSatisfy(batch -> assertThat(batch.get("Items").size()).isLessThanOrEqualTo(2));
    }

    @Test
    void distributedMapToleratesOneFailedBatchButNotTwo() {
        TestFunctions functions = new TestFunctions().with("Evaluate", event -> {
            for (JsonNode item : event.get("Items")) {
                if (item.asInt() == 13) {
                    throw new IllegalArgumentException("unlucky parameter set");
                }
            }
            return Json.object().put("sum", sum(event.get("Items")));
        });
        StateMachine machine = Machines.load("map-distributed");

        ExecutionResult tolerated = machine.execute("{\"strategy\":\"s\",\"parameterSets\":[1,13,3,4]}",
                functions.taskInvoker(), sleeper.options());
        ExecutionResult exceeded = machine.execute("{\"strategy\":\"s\",\"parameterSets\":[13,1,13,4]}",
                functions.taskInvoker(), sleeper.options());

        assertThat(tolerated.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(tolerated.output().get(0).get("Error").asText()).isEqualTo("java.lang.IllegalArgumentException");
        assertThat(tolerated.output().get(1).get("sum").asInt()).isEqualTo(7);
        assertThat(exceeded.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(exceeded.error()).isEqualTo("States.ExceedToleratedFailureThreshold");
    }

    @Test
    void inlineMapFailsWithTheIterationsErrorAndLegacyFieldsWork() {
        List<Integer> seen = new ArrayList<>();
        TestFunctions functions = new TestFunctions().with("Check", event -> {
            synchronized (seen) {
                seen.add(event.get("value").asInt());
            }
            if (event.get("value").asInt() < 0) {
                throw new TestFunctions.PriceFeedUnavailable("negative price");
            }
            return event.get("value");
        });
        StateMachine machine = Machines.load("map-fails-fast");

        ExecutionResult ok = machine.execute("[1,2,3]", functions.taskInvoker(), sleeper.options());
        ExecutionResult failed = machine.execute("[1,-2,3]", functions.taskInvoker(), sleeper.options());

        assertThat(ok.output()).isEqualTo(Machines.json("[1,2,3]"));
        assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(failed.error()).isEqualTo(TestFunctions.PriceFeedUnavailable.class.getName());
        assertThat(failed.cause()).contains("negative price");
    }

    private static int sum(JsonNode items) {
        int sum = 0;
        for (JsonNode item : items) {
            sum += item.asInt();
        }
        return sum;
    }
}
