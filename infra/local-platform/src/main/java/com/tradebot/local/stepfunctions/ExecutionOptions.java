package com.tradebot.local.stepfunctions;

import java.time.Clock;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * How a run is timed and named. Immutable; the {@code with...} methods return changed copies.
 *
 * @param sleeper                  performs Wait and Retry delays
 * @param clock                    gives "now" for Wait Timestamp and the context object's times
 * @param timeScale                multiplies real durations that do not go through the sleeper (Task timeouts)
 * @param unboundedMapConcurrency  threads for a Map whose MaxConcurrency is 0 (unbounded on AWS)
 * @param stopRequested            checked between states and before retries: true ends the run as ABORTED even
 *                                 when handler code swallowed the thread interrupt
 */
public record ExecutionOptions(Sleeper sleeper, Clock clock, double timeScale, String stateMachineArn,
                               String stateMachineName, String executionArn, String executionName, String roleArn,
                               int unboundedMapConcurrency, ExecutionListener listener,
                               BooleanSupplier stopRequested) {
    public static final String ACCOUNT = "123456789012";
    public static final String REGION = "us-east-1";

    public ExecutionOptions {
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(stopRequested, "stopRequested");
        if (timeScale <= 0) {
            throw new IllegalArgumentException("timeScale must be positive");
        }
        if (unboundedMapConcurrency <= 0) {
            throw new IllegalArgumentException("unboundedMapConcurrency must be positive");
        }
    }

    /** Real time, a made-up local machine and execution name. */
    public static ExecutionOptions defaults() {
        String machineArn = "arn:aws:states:" + REGION + ":" + ACCOUNT + ":stateMachine:LocalMachine";
        return new ExecutionOptions(Sleeper.real(1.0), Clock.systemUTC(), 1.0, machineArn, "LocalMachine",
                "arn:aws:states:" + REGION + ":" + ACCOUNT + ":execution:LocalMachine:local", "local",
                "arn:aws:iam::" + ACCOUNT + ":role/LocalStepFunctionsRole", 40, ExecutionListener.NONE, () -> false);
    }

    public ExecutionOptions withSleeper(Sleeper value) {
        return new ExecutionOptions(value, clock, timeScale, stateMachineArn, stateMachineName, executionArn,
                executionName, roleArn, unboundedMapConcurrency, listener, stopRequested);
    }

    public ExecutionOptions withClock(Clock value) {
        return new ExecutionOptions(sleeper, value, timeScale, stateMachineArn, stateMachineName, executionArn,
                executionName, roleArn, unboundedMapConcurrency, listener, stopRequested);
    }

    /** Scales Task timeouts and, when the sleeper is the real one, waits too. */
    public ExecutionOptions withTimeScale(double value) {
        return new ExecutionOptions(Sleeper.real(value), clock, value, stateMachineArn, stateMachineName, executionArn,
                executionName, roleArn, unboundedMapConcurrency, listener, stopRequested);
    }

    public ExecutionOptions withExecution(String machineArn, String machineName, String arn, String name) {
        return new ExecutionOptions(sleeper, clock, timeScale, machineArn, machineName, arn, name, roleArn,
                unboundedMapConcurrency, listener, stopRequested);
    }

    public ExecutionOptions withUnboundedMapConcurrency(int value) {
        return new ExecutionOptions(sleeper, clock, timeScale, stateMachineArn, stateMachineName, executionArn,
                executionName, roleArn, value, listener, stopRequested);
    }

    public ExecutionOptions withListener(ExecutionListener value) {
        return new ExecutionOptions(sleeper, clock, timeScale, stateMachineArn, stateMachineName, executionArn,
                executionName, roleArn, unboundedMapConcurrency, value, stopRequested);
    }

    public ExecutionOptions withStopRequested(BooleanSupplier value) {
        return new ExecutionOptions(sleeper, clock, timeScale, stateMachineArn, stateMachineName, executionArn,
                executionName, roleArn, unboundedMapConcurrency, listener, value);
    }
}
