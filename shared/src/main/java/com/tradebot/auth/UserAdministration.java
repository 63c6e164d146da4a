package com.tradebot.auth;

import com.tradebot.common.ApiException;
import com.tradebot.storage.InvalidCursorException;
import java.util.List;
import java.util.Optional;

/** What admins do with accounts: list them, change roles, disable and re-enable. */
public final class UserAdministration {
    public static final int MAX_PAGE = 100;

    private final UserRepository users;
    private final RefreshTokenRepository refreshTokens;
    private final LiveSessions liveSessions;

    public UserAdministration(UserRepository users, RefreshTokenRepository refreshTokens) {
        this(users, refreshTokens, LiveSessions.NONE);
    }

    public UserAdministration(UserRepository users, RefreshTokenRepository refreshTokens, LiveSessions liveSessions) {
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.liveSessions = liveSessions;
    }

    public record UserPage(List<User.UserView> items, String nextCursor) {
    }

    public UserPage list(int limit, Optional<String> cursor) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw ApiException.validation(List.of(new ApiException.FieldError("limit",
                    "must be between 1 and " + MAX_PAGE)));
        }
        UserRepository.Page page;
        try {
            page = users.list(limit, cursor);
        } catch (InvalidCursorException e) {
            throw ApiException.badRequest("INVALID_CURSOR", "cursor is not valid");
        }
        return new UserPage(page.users().stream().map(User::view).toList(), page.nextCursor().orElse(null));
    }

    public User.UserView changeRole(String adminId, String userId, String roleName) {
        Role role = Role.parse(roleName).orElseThrow(() -> ApiException.validation(List.of(
                new ApiException.FieldError("role", "must be USER, PROVIDER or ADMIN"))));
        if (adminId.equals(userId)) {
            throw ApiException.conflict("SELF_CHANGE", "Admins cannot change their own role");
        }
        if (!users.updateRole(userId, role)) {
            throw ApiException.notFound("No such user");
        }
        // Existing access tokens keep the old role for at most their 15 minutes; refreshes pick up the new one.
        return users.findById(userId).orElseThrow().view();
    }

    /**
     * Disabling ends every refresh session and closes the user's WebSocket connections at once; access tokens lapse
     * within their 15-minute lifetime.
     */
    public User.UserView setDisabled(String adminId, String userId, boolean disabled) {
        if (adminId.equals(userId)) {
            throw ApiException.conflict("SELF_CHANGE", "Admins cannot disable or enable their own account");
        }
        if (!users.setDisabled(userId, disabled)) {
            throw ApiException.notFound("No such user");
        }
        if (disabled) {
            refreshTokens.revokeAllOf(userId);
            liveSessions.closeAllOf(userId);
        }
        return users.findById(userId).orElseThrow().view();
    }
}
