package com.tradebot.notification.channel;

/**
 * What an external channel answered: delivered, try again later (429 with the wait it asked for, or a 5xx / network
 * error), or refused for good (4xx: a wrong chat id or a deleted webhook; retrying cannot help).
 */
public record ChannelResult(Outcome outcome, int status, long retryAfterSeconds, String description) {
    public enum Outcome { SENT, RETRY, REFUSED }

    public static ChannelResult sent() {
        return new ChannelResult(Outcome.SENT, 200, 0, null);
    }
}
