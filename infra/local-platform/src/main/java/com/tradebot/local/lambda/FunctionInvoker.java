package com.tradebot.local.lambda;

/**
 * Invokes a function of {@code template.yaml} in-process, the way Lambda would: the handler instance is created once
 * (a warm container), the event is converted to the handler's declared input type, and the handler's return value
 * comes back as is.
 */
public interface FunctionInvoker {

    /**
     * @param functionLogicalId the function's logical id in the template, e.g. {@code HealthFunction}
     * @param event             the event: an aws-lambda-java-events object, a Jackson {@code JsonNode}, a Map or a JSON string
     * @return what the handler returned (null for void handlers)
     * @throws FunctionError when the handler threw; carries the error type as Lambda reports it
     */
    Object invoke(String functionLogicalId, Object event) throws FunctionError;

    /** A function's failure as Lambda reports it: errorType is the exception's class name. */
    final class FunctionError extends Exception {
        private final String errorType;

        public FunctionError(String errorType, String message, Throwable cause) {
            super(message, cause);
            this.errorType = errorType;
        }

        public String errorType() {
            return errorType;
        }
    }
}
