package com.tradebot.notification;

import java.util.List;

/** Where messages for Telegram and Discord wait for the notify worker (the notify SQS queue). */
public interface ChannelQueue {
    void send(List<ChannelMessage> messages);
}
