package com.tradebot.local.messaging.sns;

/** A request SNS rejects: the error code and message SNS itself returns, with its HTTP status. */
public final class SnsException extends RuntimeException {

    private final String code;
    private final int httpStatus;

    public SnsException(int httpStatus, String code, String message) {
        super(message);
        this.code = code;
        this.httpStatus = httpStatus;
    }

    static SnsException invalidParameter(String detail) {
        return new SnsException(400, "InvalidParameter", "Invalid parameter: " + detail);
    }

    static SnsException invalidAttribute(String detail) {
        return new SnsException(400, "ParameterValueInvalid", detail);
    }

    static SnsException topicNotFound() {
        return new SnsException(404, "NotFound", "Topic does not exist");
    }

    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
