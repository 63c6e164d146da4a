package com.tradebot.local.stepfunctions.api;

/** A Step Functions API error, sent as 400 with {"__type": "...#Code", "message": ...}. */
public final class ApiException extends RuntimeException {
    private static final String TYPE_PREFIX = "com.amazonaws.swf.service.v2.model#";
    private final String code;

    public ApiException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }

    public String type() {
        return TYPE_PREFIX + code;
    }

    static ApiException validation(String message) {
        return new ApiException("ValidationException", message);
    }
}
