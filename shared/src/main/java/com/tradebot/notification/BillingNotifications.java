package com.tradebot.notification;

import com.tradebot.billing.BillingNotices;
import java.time.Clock;
import java.time.Instant;

/**
 * Billing's notices as in-app notifications (GET /api/notifications). Each is keyed by what it reports (the invoice,
 * the subscription and period), so a redelivered event or a job run twice notifies once.
 */
public final class BillingNotifications implements BillingNotices {
    private final NotificationRepository notifications;
    private final Clock clock;

    public BillingNotifications(NotificationRepository notifications, Clock clock) {
        this.notifications = notifications;
        this.clock = clock;
    }

    @Override
    public void paymentFailed(String userId, String subscriptionId, String invoiceId) {
        notifications.recordOnce(new Notification("payment-failed:" + invoiceId, userId, "PAYMENT_FAILED",
                "Payment failed", "The payment for your subscription " + subscriptionId
                        + " failed; signals stop at the end of the paid period unless it is paid.",
                null, null, false, clock.instant()));
    }

    public void renewalReminder(String userId, String subscriptionId, String strategyId, Instant endDate) {
        notifications.recordOnce(new Notification("renewal-reminder:" + subscriptionId + ":" + endDate, userId,
                "RENEWAL_REMINDER", "Subscription renews soon", "Your subscription " + subscriptionId
                        + " renews on " + endDate + ".", strategyId, null, false, clock.instant()));
    }

    public void ended(String userId, String subscriptionId, String strategyId, String status) {
        notifications.recordOnce(new Notification("subscription-ended:" + subscriptionId, userId,
                "SUBSCRIPTION_ENDED", "Subscription ended", "Your subscription " + subscriptionId + " is now "
                        + status + "; its signals have stopped.", strategyId, null, false, clock.instant()));
    }
}
