package com.tradebot.notification;

import com.tradebot.common.ApiException;
import com.tradebot.common.Page;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/** The notifications API: the caller's list (unread first), marking read, and channel preferences. */
public final class NotificationService {
    public static final int MAX_PAGE = 100;

    private final NotificationRepository notifications;

    public NotificationService(NotificationRepository notifications) {
        this.notifications = notifications;
    }

    public Page<Notification> list(String userId, String cursor, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw ApiException.validation(List.of(new ApiException.FieldError("limit", "1 to " + MAX_PAGE)));
        }
        return notifications.list(userId, cursor, limit);
    }

    public void markRead(String userId, String id) {
        if (!notifications.markRead(userId, id)) {
            throw ApiException.notFound("No notification " + id);
        }
    }

    public NotificationPreferences preferences(String userId) {
        return notifications.preferences(userId).masked();
    }

    public NotificationPreferences savePreferences(String userId, NotificationPreferences wanted) {
        if (wanted == null) {
            throw ApiException.badRequest("INVALID_JSON", "Request body must be a JSON object");
        }
        String chat = blankToNull(wanted.telegramChatId());
        if (chat != null && !chat.matches("-?\\d{1,20}|@[A-Za-z0-9_]{5,32}")) {
            throw ApiException.validation(List.of(new ApiException.FieldError("telegramChatId",
                    "a numeric chat id or an @channel name")));
        }
        String url = blankToNull(wanted.discordWebhookUrl());
        if (url != null) {
            checkPublicHttps(url);
        }
        NotificationPreferences stored = new NotificationPreferences(wanted.inAppEnabled(), chat, url);
        notifications.savePreferences(userId, stored);
        return stored.masked();
    }

    /**
     * Outbound URLs users give us must not point into our network (SSRF): https only, no IP literal or name that
     * is or resolves to a loopback, private, link-local or otherwise local address.
     */
    static void checkPublicHttps(String url) {
        ApiException invalid = ApiException.validation(List.of(new ApiException.FieldError("discordWebhookUrl",
                "must be an https URL on a public host")));
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw invalid;
        }
        String host = uri.getHost();
        if (!"https".equalsIgnoreCase(uri.getScheme()) || host == null || uri.getUserInfo() != null
                || url.length() > 500) {
            throw invalid;
        }
        String lower = host.toLowerCase(Locale.ROOT);
        if (lower.equals("localhost") || lower.endsWith(".localhost") || lower.endsWith(".internal")
                || lower.endsWith(".local")) {
            throw invalid;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return; // not resolvable here: the sender checks again before each call
        }
        for (InetAddress address : addresses) {
            if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                    || address.isAnyLocalAddress() || address.isMulticastAddress() || uniqueLocal(address)) {
                throw invalid;
            }
        }
    }

    private static boolean uniqueLocal(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
