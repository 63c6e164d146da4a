package com.tradebot.auth;

/** Sessions that outlive a request (WebSocket connections), ended when the account side ends a user's sessions. */
@FunctionalInterface
public interface LiveSessions {
    void closeAllOf(String userId);

    LiveSessions NONE = userId -> { };
}
