package com.tradebot.billing.stripe;

import com.stripe.exception.StripeException;

/**
 * A Stripe call that failed. Carries Stripe's error code and request id (for support), never the API key or the
 * request parameters.
 */
public final class PaymentsGatewayException extends RuntimeException {
    private final Integer statusCode;
    private final String stripeCode;

    public PaymentsGatewayException(StripeException cause) {
        super("Stripe call failed: " + cause.getClass().getSimpleName() + " status=" + cause.getStatusCode()
                + " code=" + cause.getCode() + " requestId=" + cause.getRequestId(), cause);
        this.statusCode = cause.getStatusCode();
        this.stripeCode = cause.getCode();
    }

    public Integer statusCode() {
        return statusCode;
    }

    public String stripeCode() {
        return stripeCode;
    }
}
