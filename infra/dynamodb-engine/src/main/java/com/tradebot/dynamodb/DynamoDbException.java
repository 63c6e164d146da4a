package com.tradebot.dynamodb;

/**
 * An error that the engine answers with, in DynamoDB's wire form:
 * {@code {"__type":"com.amazonaws.dynamodb.v20120810#<type>","message":"..."}} and the HTTP status.
 * Every layer (protocol, validation, expressions, operations) throws this; the server maps it.
 */
public class DynamoDbException extends RuntimeException {
    private static final String PREFIX = "com.amazonaws.dynamodb.v20120810#";

    private final String type;
    private final int status;

    public DynamoDbException(String type, int status, String message) {
        super(message, null, false, false);
        this.type = type;
        this.status = status;
    }

    /** The short error name, e.g. {@code ValidationException}. */
    public String type() {
        return type;
    }

    /** The fully qualified {@code __type} value of the response body. */
    public String wireType() {
        return type.startsWith("com.amazon") ? type : PREFIX + type;
    }

    public int status() {
        return status;
    }

    public static DynamoDbException validation(String message) {
        return new DynamoDbException("ValidationException", 400, message);
    }

    public static DynamoDbException resourceNotFound(String message) {
        return new DynamoDbException("ResourceNotFoundException", 400, message);
    }

    public static DynamoDbException resourceInUse(String message) {
        return new DynamoDbException("ResourceInUseException", 400, message);
    }

    public static DynamoDbException serialization(String message) {
        return new DynamoDbException("SerializationException", 400, message);
    }

    public static DynamoDbException idempotentParameterMismatch(String message) {
        return new DynamoDbException("IdempotentParameterMismatchException", 400, message);
    }

    public static DynamoDbException unknownOperation() {
        return new DynamoDbException("com.amazon.coral.service#UnknownOperationException", 400, null);
    }

    public static DynamoDbException internal(String message) {
        return new DynamoDbException("InternalServerError", 500, message);
    }
}
