package com.tradebot.local.rest;

import java.util.Map;

/**
 * A response API Gateway makes itself (not the function): its gateway response type, default status and message,
 * and the error code of our JSON contract used when the template defines no template for the type.
 */
public enum GatewayError {
    UNAUTHORIZED(401, "UNAUTHORIZED", "Unauthorized"),
    ACCESS_DENIED(403, "FORBIDDEN", "User is not authorized to access this resource"),
    MISSING_AUTHENTICATION_TOKEN(404, "NOT_FOUND", "No route matches this method and path"),
    THROTTLED(429, "RATE_LIMITED", "Too Many Requests"),
    REQUEST_TOO_LARGE(413, "PAYLOAD_TOO_LARGE", "Request Too Long"),
    BAD_REQUEST_BODY(400, "VALIDATION_FAILED", "Invalid request body"),
    /**
     * Not one of API Gateway's response types: a URL whose %-escapes do not decode (e.g. {@code /keys/%zz}) never
     * reaches a resource. Rendered from the API's DEFAULT_4XX, else as our JSON contract's error.
     */
    BAD_REQUEST_URL(400, "VALIDATION_FAILED", "Malformed percent-encoding in the request URL"),
    AUTHORIZER_FAILURE(500, "INTERNAL", "Authorizer failure"),
    AUTHORIZER_CONFIGURATION_ERROR(500, "INTERNAL", "Authorizer configuration error"),
    INTEGRATION_FAILURE(502, "INTERNAL", "Internal server error"),
    INTEGRATION_TIMEOUT(504, "INTERNAL", "Endpoint request timed out");

    private final int defaultStatus;
    private final String contractCode;
    private final String defaultMessage;

    GatewayError(int defaultStatus, String contractCode, String defaultMessage) {
        this.defaultStatus = defaultStatus;
        this.contractCode = contractCode;
        this.defaultMessage = defaultMessage;
    }

    public int defaultStatus() {
        return defaultStatus;
    }

    public String contractCode() {
        return contractCode;
    }

    public String defaultMessage() {
        return defaultMessage;
    }

    /** The rendered response: status, headers and JSON body. */
    public record Response(int status, Map<String, String> headers, String body) {
    }
}
