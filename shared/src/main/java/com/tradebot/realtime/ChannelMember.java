package com.tradebot.realtime;

/** A connection subscribed to a channel, with the user it was authenticated as. */
public record ChannelMember(String connectionId, String userId) {
}
