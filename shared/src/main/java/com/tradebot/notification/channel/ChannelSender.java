package com.tradebot.notification.channel;

/** Sends one text to one destination of an external channel. */
public interface ChannelSender {
    ChannelResult send(String destination, String text);
}
