package com.tradebot.functions.api.auth;


import com.tradebot.auth.Accounts;
import com.tradebot.auth.AuthModule;
import com.tradebot.auth.AuthSession;
import com.tradebot.auth.AuthWiring;
import com.tradebot.auth.Principal;
import com.tradebot.auth.SecondFactor;
import com.tradebot.auth.Sessions;
import com.tradebot.common.ApiException;
import com.tradebot.functions.http.ApiHandler;
import com.tradebot.functions.http.ApiRequest;
import com.tradebot.functions.http.ApiResponse;
import com.tradebot.storage.MainTable;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/auth/*}: register, login, refresh, logout, profile and TOTP two-factor management. The refresh token is
 * returned in the body and also set as an HttpOnly, Secure, SameSite=Strict cookie scoped to {@code /api/auth}.
 */
public final class AuthHandler extends ApiHandler {
    static final String REFRESH_COOKIE = "tb_refresh";
    static final String COOKIE_ATTRIBUTES = "; Path=/api/auth; HttpOnly; Secure; SameSite=Strict";

    private final AuthModule auth;

    public AuthHandler() {
        this(AuthWiring.accounts(MainTable.fromEnvironment(), Clock.systemUTC()));
    }

    public AuthHandler(AuthModule auth) {
        this.auth = auth;
        route("POST", "/api/auth/register", this::register);
        route("POST", "/api/auth/login", this::login);
        route("POST", "/api/auth/refresh", this::refresh);
        route("POST", "/api/auth/logout", this::logout);
        route("GET", "/api/auth/me", this::me);
        route("POST", "/api/auth/2fa/setup", this::setupTwoFactor);
        route("POST", "/api/auth/2fa/verify", this::verifyTwoFactor);
        route("POST", "/api/auth/2fa/disable", this::disableTwoFactor);
    }

    record RegisterBody(String email, String password, String name, String role) {
        @Override
        public String toString() {
            return "RegisterBody[email=" + email + "]";
        }
    }

    record LoginBody(String email, String password, String totpCode) {
        @Override
        public String toString() {
            return "LoginBody[email=" + email + "]";
        }
    }

    record RefreshBody(String refreshToken) {
        @Override
        public String toString() {
            return "RefreshBody[***]";
        }
    }

    record CodeBody(String code) {
    }

    private ApiResponse register(ApiRequest request) {
        RegisterBody body = request.body(RegisterBody.class);
        AuthSession session = auth.accounts().register(
                new Accounts.Registration(body.email(), body.password(), body.name(), body.role()), request.sourceIp());
        return withCookie(ApiResponse.created(session), session);
    }

    private ApiResponse login(ApiRequest request) {
        LoginBody body = request.body(LoginBody.class);
        AuthSession session = auth.accounts().login(new Accounts.Login(body.email(), body.password(), body.totpCode()),
                request.sourceIp());
        return withCookie(ApiResponse.ok(session), session);
    }

    private ApiResponse refresh(ApiRequest request) {
        String token = presentedRefreshToken(request).orElseThrow(() -> ApiException.validation(List.of(
                new ApiException.FieldError("refreshToken", "is required (body or " + REFRESH_COOKIE + " cookie)"))));
        AuthSession session = auth.sessions().refresh(token);
        return withCookie(ApiResponse.ok(session), session);
    }

    private ApiResponse logout(ApiRequest request) {
        presentedRefreshToken(request).ifPresent(auth.sessions()::end);
        return ApiResponse.noContent().cookie(REFRESH_COOKIE + "=" + COOKIE_ATTRIBUTES + "; Max-Age=0");
    }

    private ApiResponse me(ApiRequest request) {
        return ApiResponse.ok(auth.accounts().profile(request.requirePrincipal().userId()));
    }

    private ApiResponse setupTwoFactor(ApiRequest request) {
        SecondFactor.Setup setup = auth.secondFactor().setup(request.requirePrincipal().userId());
        return ApiResponse.ok(setup).header("Cache-Control", "no-store");
    }

    private ApiResponse verifyTwoFactor(ApiRequest request) {
        Principal caller = request.requirePrincipal();
        List<String> recoveryCodes = auth.secondFactor().enable(caller.userId(), code(request));
        return ApiResponse.ok(Map.of("enabled", true, "recoveryCodes", recoveryCodes))
                .header("Cache-Control", "no-store");
    }

    private ApiResponse disableTwoFactor(ApiRequest request) {
        Principal caller = request.requirePrincipal();
        auth.secondFactor().disable(caller.userId(), code(request));
        return ApiResponse.ok(Map.of("enabled", false));
    }

    private static String code(ApiRequest request) {
        String code = request.body(CodeBody.class).code();
        if (code == null || code.isBlank()) {
            throw ApiException.validation(List.of(new ApiException.FieldError("code", "is required")));
        }
        return code.trim();
    }

    /** The body's {@code refreshToken} wins over the cookie; a body is optional for cookie-only browsers. */
    private static Optional<String> presentedRefreshToken(ApiRequest request) {
        String raw = request.rawBody();
        if (raw != null && !raw.isBlank()) {
            String fromBody = request.body(RefreshBody.class).refreshToken();
            if (fromBody != null && !fromBody.isBlank()) {
                return Optional.of(fromBody);
            }
        }
        return request.cookie(REFRESH_COOKIE).filter(c -> !c.isBlank());
    }

    private static ApiResponse withCookie(ApiResponse response, AuthSession session) {
        return response.header("Cache-Control", "no-store").cookie(REFRESH_COOKIE + "=" + session.refreshToken()
                + COOKIE_ATTRIBUTES + "; Max-Age=" + Sessions.REFRESH_LIFETIME.toSeconds());
    }
}
