package com.tradebot.functions.api.notifications;

import com.tradebot.common.ApiException;
import com.tradebot.common.AwsClients;
import com.tradebot.common.Env;
import com.tradebot.functions.http.ApiHandler;
import com.tradebot.functions.http.ApiRequest;
import com.tradebot.functions.http.ApiResponse;
import com.tradebot.notification.NotificationPreferences;
import com.tradebot.notification.NotificationRepository;
import com.tradebot.notification.NotificationService;
import java.util.List;

/** {@code /api/notifications}: the caller's notifications (unread first), mark read, channel preferences. */
public final class NotificationsHandler extends ApiHandler {
    private final NotificationService notifications;

    public NotificationsHandler() {
        this(new NotificationService(new NotificationRepository(AwsClients.dynamoDb(), Env.require("TABLE_NAME"))));
    }

    public NotificationsHandler(NotificationService notifications) {
        this.notifications = notifications;
        route("GET", "/api/notifications", this::list);
        route("PUT", "/api/notifications/{id}/read", request -> {
            this.notifications.markRead(request.requirePrincipal().userId(), request.pathParam("id"));
            return ApiResponse.noContent();
        });
        route("GET", "/api/notifications/preferences", request -> ApiResponse.ok(
                this.notifications.preferences(request.requirePrincipal().userId())).header("Cache-Control", "no-store"));
        route("PUT", "/api/notifications/preferences", request -> {
            String userId = request.requirePrincipal().userId();
            return ApiResponse.ok(this.notifications.savePreferences(userId,
                    request.body(NotificationPreferences.class)));
        });
    }

    private ApiResponse list(ApiRequest request) {
        String userId = request.requirePrincipal().userId();
        int limit;
        try {
            limit = Integer.parseInt(request.query("limit").orElse("20"));
        } catch (NumberFormatException e) {
            throw ApiException.validation(List.of(new ApiException.FieldError("limit", "a number from 1 to 100")));
        }
        return ApiResponse.ok(notifications.list(userId, request.query("cursor").orElse(null), limit));
    }
}
