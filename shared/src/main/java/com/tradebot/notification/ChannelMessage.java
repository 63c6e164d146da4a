package com.tradebot.notification;

/**
 * One message for an external channel, queued on the notify queue. It names the user (the worker reads the chat id
 * or webhook URL then, so no secret travels through the queue) and the event, which keys de-duplication.
 */
public record ChannelMessage(String channel, String userId, String eventId, String text) {
    public static final String TELEGRAM = "TELEGRAM";
    public static final String DISCORD = "DISCORD";
}
