package com.tradebot.functions.api.auth;

import com.tradebot.auth.AuthWiring;
import com.tradebot.auth.SignOutEverywhere;
import com.tradebot.functions.http.ApiHandler;
import com.tradebot.functions.http.ApiRequest;
import com.tradebot.functions.http.ApiResponse;
import com.tradebot.realtime.UserConnections;
import com.tradebot.storage.MainTable;

/**
 * {@code POST /api/auth/logout-all}: the caller ends all their sessions, on every device, and their open WebSocket
 * connections. Its own function so that only it (and the admin function) may manage WebSocket connections.
 */
public final class SignOutEverywhereHandler extends ApiHandler {
    private final SignOutEverywhere signOut;

    public SignOutEverywhereHandler() {
        this(signOutFromEnvironment());
    }

    public SignOutEverywhereHandler(SignOutEverywhere signOut) {
        this.signOut = signOut;
        route("POST", "/api/auth/logout-all", this::signOutEverywhere);
    }

    /** TABLE_NAME, and WEBSOCKET_CALLBACK_URL to close the caller's connections. */
    private static SignOutEverywhere signOutFromEnvironment() {
        MainTable table = MainTable.fromEnvironment();
        return AuthWiring.signOutEverywhere(table, UserConnections.fromEnvironment(table));
    }

    private ApiResponse signOutEverywhere(ApiRequest request) {
        signOut.signOut(request.requirePrincipal().userId());
        return ApiResponse.noContent().cookie(AuthHandler.REFRESH_COOKIE + "=" + AuthHandler.COOKIE_ATTRIBUTES
                + "; Max-Age=0");
    }
}
