package com.tradebot.billing;

/** Tells users about billing events; the notification area implements it (one call per applied change). */
public interface BillingNotices {
    void paymentFailed(String userId, String subscriptionId, String invoiceId);
}
