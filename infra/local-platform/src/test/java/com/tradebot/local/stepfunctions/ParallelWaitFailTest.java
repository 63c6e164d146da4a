package com.tradebot.local.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradebot.local.stepfunctions.asl.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ParallelWaitFailTest {
    private final RecordingSleeper sleeper = new RecordingSleeper(Instant.parse("2026-01-01T10:00:00Z"));
    private final StateMachine machine = Machines.load("parallel-wait-fail");

    @Test
    void parallelBranchesFeedWaitsAndSucceed() {
        TestFunctions functions = new TestFunctions().with("CheckSymbol",
                event -> Json.object().put("ok", event.get("symbol").asText().endsWith("USDT")));

        ExecutionResult result = machine.execute(
                "{\"symbol\":\"BTCUSDT\",\"marketOpen\":\"2026-01-01T10:01:05Z\",\"backoff\":7}",
                functions.taskInvoker(), sleeper.options());

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.output().get("checks")).isEqualTo(Machines.json("{'symbolOk':true,'quota':5}"));
        // 5 s, then until 10:01:05 (the fake clock is at 10:00:05), then 7 s from SecondsPath
        assertThat(sleeper.delays).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(7));
    }

    @Test
    void timestampInThePastDoesNotWaitAndFailStateEndsTheExecution() {
        TestFunctions functions = new TestFunctions().with("CheckSymbol", event -> Json.object().put("ok", false));

        ExecutionResult result = machine.execute(
                "{\"symbol\":\"XX\",\"marketOpen\":\"2025-01-01T00:00:00Z\",\"backoff\":0}",
                functions.taskInvoker(), sleeper.options());

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("Backtest.InvalidSymbol");
        assertThat(result.cause()).isEqualTo("The symbol is not traded");
        assertThat(sleeper.delays).containsExactly(Duration.ofSeconds(5), Duration.ZERO, Duration.ZERO);
    }

    @Test
    void branchesRunConcurrentlyAndAFailedBranchFailsTheParallel() throws InterruptedException {
        CountDownLatch bothStarted = new CountDownLatch(2);
        TestFunctions functions = new TestFunctions()
                .with("Left", event -> {
                    bothStarted.countDown();
                    // Only returns when the other branch runs at the same time.
                    return bothStarted.await(5, TimeUnit.SECONDS) ? "left" : "alone";
                })
                .with("Right", event -> {
                    bothStarted.countDown();
                    return bothStarted.await(5, TimeUnit.SECONDS) ? "right" : "alone";
                })
                .with("Broken", event -> {
                    throw new UnsupportedOperationException("not yet");
                });
        String template = """
                {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
                  {"StartAt":"L","States":{"L":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:%s","End":true}}},
                  {"StartAt":"R","States":{"R":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:%s","End":true}}}]}}}""";

        ExecutionResult concurrent = new StateMachine(template.formatted("Left", "Right"))
                .execute("{}", functions.taskInvoker(), sleeper.options());
        ExecutionResult failed = new StateMachine(template.formatted("Left", "Broken"))
                .execute("{}", functions.taskInvoker(), sleeper.options());

        assertThat(concurrent.output()).isEqualTo(Machines.json("['left','right']"));
        assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(failed.error()).isEqualTo("java.lang.UnsupportedOperationException");
    }

    @Test
    void failPathsReadErrorAndCauseFromTheInput() {
        StateMachine failing = new StateMachine("""
                {"StartAt":"F","States":{"F":{"Type":"Fail","ErrorPath":"$.code",
                  "CausePath":"States.Format('Order {} rejected: {}', $.id, $.why)"}}}""");

        ExecutionResult result = failing.execute("{\"code\":\"Order.Rejected\",\"id\":42,\"why\":\"no funds\"}",
                new TestFunctions().taskInvoker(), sleeper.options());

        assertThat(result.error()).isEqualTo("Order.Rejected");
        assertThat(result.cause()).isEqualTo("Order 42 rejected: no funds");
    }
}
