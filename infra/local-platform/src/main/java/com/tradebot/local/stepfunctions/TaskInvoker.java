package com.tradebot.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;

/** Runs the Lambda function behind a Task state. */
@FunctionalInterface
public interface TaskInvoker {
    /**
     * @param function a function ARN (possibly qualified), partial ARN or name
     * @return the handler's output as JSON (NullNode for void handlers)
     * @throws StatesException with the error name Step Functions reports (the exception class for Lambda errors)
     */
    JsonNode invokeFunction(String function, JsonNode payload) throws StatesException, InterruptedException;
}
