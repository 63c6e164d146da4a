package com.tradebot.local.stepfunctions.asl;

import com.tradebot.local.stepfunctions.StatesException;

/** The predefined error names of the Amazon States Language. */
public final class StatesErrors {
    public static final String ALL = "States.ALL";
    public static final String TASK_FAILED = "States.TaskFailed";
    public static final String TIMEOUT = "States.Timeout";
    public static final String RUNTIME = "States.Runtime";
    public static final String DATA_LIMIT_EXCEEDED = "States.DataLimitExceeded";
    public static final String NO_CHOICE_MATCHED = "States.NoChoiceMatched";
    public static final String INTRINSIC_FAILURE = "States.IntrinsicFailure";
    public static final String PARAMETER_PATH_FAILURE = "States.ParameterPathFailure";
    public static final String RESULT_PATH_MATCH_FAILURE = "States.ResultPathMatchFailure";
    public static final String EXCEED_TOLERATED_FAILURE_THRESHOLD = "States.ExceedToleratedFailureThreshold";

    private StatesErrors() {
    }

    public static StatesException runtime(String cause) {
        return new StatesException(RUNTIME, cause);
    }

    public static StatesException intrinsic(String cause) {
        return new StatesException(INTRINSIC_FAILURE, cause);
    }

    /**
     * Whether a Retry/Catch ErrorEquals list matches an error. As on AWS, States.Runtime is terminal (never retried
     * nor caught), States.ALL does not match States.DataLimitExceeded, and States.TaskFailed matches everything but
     * States.Timeout.
     */
    public static boolean matches(Iterable<String> errorEquals, String error) {
        if (RUNTIME.equals(error)) {
            return false;
        }
        for (String name : errorEquals) {
            if (name.equals(error)
                    || (ALL.equals(name) && !DATA_LIMIT_EXCEEDED.equals(error))
                    || (TASK_FAILED.equals(name) && !TIMEOUT.equals(error) && !DATA_LIMIT_EXCEEDED.equals(error))) {
                return true;
            }
        }
        return false;
    }
}
