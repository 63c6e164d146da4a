package com.tradebot.common;

import java.util.List;
import java.util.OptionalLong;

/**
 * A failure the caller can act on. Services throw it; the edge maps it to
 * {@code {"error":{"code","message","details"}}} with {@link #status()}.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final List<FieldError> details;

    public ApiException(int status, String code, String message, List<FieldError> details) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = details == null ? List.of() : List.copyOf(details);
    }

    public ApiException(int status, String code, String message) {
        this(status, code, message, List.of());
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<FieldError> details() {
        return details;
    }

    /** Seconds the caller should wait before trying again (sent as {@code Retry-After}); empty for most errors. */
    public OptionalLong retryAfterSeconds() {
        return OptionalLong.empty();
    }

    /** One problem with one input field. */
    public record FieldError(String field, String message) {
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(400, code, message);
    }

    public static ApiException validation(List<FieldError> details) {
        String summary = details.size() == 1
                ? details.get(0).field() + ": " + details.get(0).message()
                : details.size() + " fields are invalid";
        return new ApiException(400, "VALIDATION_FAILED", summary, details);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, "UNAUTHORIZED", message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "FORBIDDEN", message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "NOT_FOUND", message);
    }

    public static ApiException conflict(String code, String message) {
        return new ApiException(409, code, message);
    }

    public static ApiException payloadTooLarge(String message) {
        return new ApiException(413, "PAYLOAD_TOO_LARGE", message);
    }

    public static ApiException tooManyRequests(String message) {
        return new ApiException(429, "TOO_MANY_REQUESTS", message);
    }
}
