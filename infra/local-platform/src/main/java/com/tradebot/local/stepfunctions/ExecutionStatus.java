package com.tradebot.local.stepfunctions;

/** Execution statuses as the Step Functions API reports them. */
public enum ExecutionStatus {
    RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED
}
