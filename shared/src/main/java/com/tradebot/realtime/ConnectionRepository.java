package com.tradebot.realtime;

import java.util.List;
import java.util.Optional;

/** Where open connections and their subscriptions are kept. */
public interface ConnectionRepository {
    void save(Connection connection);

    Optional<Connection> find(String connectionId);

    /** Removes the connection and every subscription it holds. */
    void delete(String connectionId);

    /** Subscribes a connection to a channel, e.g. {@code signals#<strategyId>} or {@code positions}. */
    void subscribe(String connectionId, String channel);

    List<String> subscribers(String channel);

    /** The connections subscribed to a channel with their users (for per-user delivery rules). */
    List<ChannelMember> members(String channel);

    List<String> connectionsOfUser(String userId);
}
