package com.tradebot.notification;

/**
 * Where a user wants notifications: in-app (default on), a Telegram chat (the bot sends there) and a Discord
 * webhook URL (https, public host). The Discord URL holds a token, so reads show it masked.
 */
public record NotificationPreferences(Boolean inApp, String telegramChatId, String discordWebhookUrl) {
    public static final NotificationPreferences DEFAULT = new NotificationPreferences(true, null, null);

    public boolean inAppEnabled() {
        return inApp == null || inApp;
    }

    /** What the API shows: the Discord URL's path (with its token) masked. */
    public NotificationPreferences masked() {
        if (discordWebhookUrl == null) {
            return this;
        }
        int cut = discordWebhookUrl.lastIndexOf('/');
        return new NotificationPreferences(inApp, telegramChatId, discordWebhookUrl.substring(0, Math.max(0, cut)) + "/****");
    }
}
