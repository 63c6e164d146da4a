package com.tradebot.local.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradebot.local.stepfunctions.asl.Json;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryCatchTest {
    private final RecordingSleeper sleeper = new RecordingSleeper(Instant.parse("2026-01-01T00:00:00Z"));
    private final StateMachine machine = Machines.load("retry-catch");

    @Test
    void retriesWithExponentialBackoffThenSucceeds() {
        AtomicInteger attempts = new AtomicInteger();
        TestFunctions functions = new TestFunctions().with("LoadCandles", event -> {
            if (attempts.incrementAndGet() <= 3) {
                throw new IllegalStateException("exchange busy");
            }
            return List.of(1, 2, 3);
        });

        ExecutionResult result = machine.execute("{\"symbol\":\"BTCUSDT\"}", functions.taskInvoker(), sleeper.options());

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.output()).isEqualTo(Machines.json("{'symbol':'BTCUSDT','candles':[1,2,3]}"));
        assertThat(sleeper.delaySeconds()).containsExactly(1L, 2L, 4L);
    }

    @Test
    void exhaustedRetrierGoesToCatchAllAndFailState() {
        TestFunctions functions = new TestFunctions().with("LoadCandles", event -> {
            throw new IllegalStateException("exchange down");
        });

        ExecutionResult result = machine.execute("{}", functions.taskInvoker(), sleeper.options());

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("java.lang.IllegalStateException");
        assertThat(Json.parse(result.cause()).get("errorMessage").asText()).isEqualTo("exchange down");
        assertThat(sleeper.delaySeconds()).containsExactly(1L, 2L, 4L); // first matching retrier only
    }

    @Test
    void maxDelaySecondsCapsTheBackoff() {
        AtomicInteger attempts = new AtomicInteger();
        TestFunctions functions = new TestFunctions().with("LoadCandles", event -> {
            if (attempts.incrementAndGet() <= 5) {
                throw new java.io.IOException("socket reset");
            }
            return "ok";
        });

        ExecutionResult result = machine.execute("{}", functions.taskInvoker(), sleeper.options());

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(sleeper.delaySeconds()).containsExactly(3L, 9L, 20L, 20L, 20L);
    }

    @Test
    void catchByExceptionNameMergesErrorIntoInput() {
        TestFunctions functions = new TestFunctions().with("LoadCandles", event -> {
            throw new TestFunctions.PriceFeedUnavailable("no feed for XYZ");
        });

        ExecutionResult result = machine.execute("{\"symbol\":\"XYZ\"}", functions.taskInvoker(), sleeper.options());

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.output().get("symbol").asText()).isEqualTo("XYZ");
        assertThat(result.output().get("candles").asText()).isEqualTo("cached");
        assertThat(result.output().at("/error/Error").asText())
                .isEqualTo("com.tradebot.local.stepfunctions.TestFunctions$PriceFeedUnavailable");
        assertThat(Json.parse(result.output().at("/error/Cause").asText()).get("errorMessage").asText())
                .isEqualTo("no feed for XYZ");
        // PriceFeedUnavailable is also a States.TaskFailed, so the second retrier ran first.
        assertThat(sleeper.delaySeconds()).containsExactly(3L, 9L, 20L, 20L, 20L);
    }

    @Test
    void retryDelayWithFullJitterStaysWithinTheBackoff() {
        var retrier = Machines.json("{'ErrorEquals':['States.ALL'],'IntervalSeconds':2,'BackoffRate':2,"
                + "'JitterStrategy':'FULL'}");
        for (int attempt = 0; attempt < 20; attempt++) {
            assertThat(Interpreter.retryDelay(retrier, 2).toMillis()).isBetween(0L, 8000L);
        }
    }

    @Test
    void taskTimeoutRaisesStatesTimeoutWhichTaskFailedDoesNotMatch() throws InterruptedException {
        CountDownLatch interrupted = new CountDownLatch(1);
        TestFunctions functions = new TestFunctions().with("Slow", event -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return "too late";
        });
        ExecutionOptions fast = sleeper.options().withTimeScale(0.01).withSleeper(sleeper); // 2 s timeout -> 20 ms

        ExecutionResult result = Machines.load("task-timeout").execute("{\"a\":1}", functions.taskInvoker(), fast);

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.output()).isEqualTo(Machines.json("{'timedOut':true,'input':{'a':1}}"));
        assertThat(interrupted.await(5, TimeUnit.SECONDS)).as("the timed-out handler is interrupted").isTrue();
    }

    @Test
    void statesRuntimeIsNeitherRetriedNorCaughtByStatesAll() {
        TestFunctions functions = new TestFunctions().with("F", event -> "never called");
        StateMachine runtimeError = new StateMachine("""
                {"StartAt":"A","States":{
                  "A":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:F","InputPath":"$.missing",
                       "Retry":[{"ErrorEquals":["States.ALL"]}],"Catch":[{"ErrorEquals":["States.ALL"],"Next":"B"}],"End":true},
                  "B":{"Type":"Succeed"}}}""");

        ExecutionResult result = runtimeError.execute("{}", functions.taskInvoker(), sleeper.options());

        assertThat(result.error()).isEqualTo("States.Runtime");
        assertThat(sleeper.delays).isEmpty();
        assertThat(functions.calls).isEmpty();
    }

    @Test
    void parallelAndMapStatesRetryAndCatchToo() {
        AtomicInteger calls = new AtomicInteger();
        TestFunctions functions = new TestFunctions()
                .with("Flaky", event -> {
                    if (calls.incrementAndGet() <= 2) {
                        throw new IllegalStateException("try again");
                    }
                    return "steady";
                })
                .with("Broken", event -> {
                    throw new ArithmeticException("division by zero");
                });
        StateMachine machine = new StateMachine("""
                {"StartAt":"P","States":{
                  "P":{"Type":"Parallel","ResultPath":"$.parallel","Next":"M",
                       "Retry":[{"ErrorEquals":["java.lang.IllegalStateException"],"IntervalSeconds":2,"MaxAttempts":2}],
                       "Branches":[{"StartAt":"F","States":{"F":{"Type":"Task",
                         "Resource":"arn:aws:lambda:us-east-1:123456789012:function:Flaky","End":true}}}]},
                  "M":{"Type":"Map","ItemsPath":"$.items","ResultPath":"$.mapped","End":true,
                       "Catch":[{"ErrorEquals":["java.lang.ArithmeticException"],"ResultPath":"$.mapError","Next":"Done"}],
                       "ItemProcessor":{"StartAt":"B","States":{"B":{"Type":"Task",
                         "Resource":"arn:aws:lambda:us-east-1:123456789012:function:Broken","End":true}}}},
                  "Done":{"Type":"Succeed"}}}""");

        ExecutionResult result = machine.execute("{\"items\":[1]}", functions.taskInvoker(), sleeper.options());

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.output().get("parallel")).isEqualTo(Machines.json("['steady']"));
        assertThat(result.output().at("/mapError/Error").asText()).isEqualTo("java.lang.ArithmeticException");
        assertThat(result.output().has("mapped")).isFalse();
        assertThat(sleeper.delaySeconds()).containsExactly(2L, 4L);
    }

    @Test
    void stopRequestEndsTheRunEvenWhenAHandlerIgnoresIt() {
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        TestFunctions functions = new TestFunctions()
                .with("First", event -> {
                    stop.set(true); // StopExecution arrives while this handler runs, and it returns normally anyway
                    return "done";
                })
                .with("SideEffect", event -> "must not run");
        StateMachine machine = new StateMachine("""
                {"StartAt":"A","States":{
                  "A":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:First","Next":"B"},
                  "B":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:SideEffect","End":true}}}""");

        ExecutionResult result = machine.execute("{}", functions.taskInvoker(),
                sleeper.options().withStopRequested(stop::get));

        assertThat(result.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(functions.calls).containsExactly("First");
        assertThat(Thread.interrupted()).as("execute() re-sets the interrupt flag").isTrue();
    }
}
