package com.tradebot.functions.api.auth;

import com.tradebot.auth.AuthModule;
import com.tradebot.auth.Principal;
import com.tradebot.auth.Role;
import com.tradebot.auth.UserAdministration;
import com.tradebot.common.ApiException;
import com.tradebot.functions.http.ApiHandler;
import com.tradebot.functions.http.ApiRequest;
import com.tradebot.functions.http.ApiResponse;
import java.util.List;

/** {@code /api/admin/users*}: admins list users, change roles, disable and re-enable accounts. */
public final class AdminUsersHandler extends ApiHandler {
    private static final int DEFAULT_PAGE = 50;

    private final UserAdministration administration;

    public AdminUsersHandler() {
        this(AuthModule.fromEnvironment());
    }

    public AdminUsersHandler(AuthModule auth) {
        this.administration = auth.administration();
        route("GET", "/api/admin/users", this::list);
        route("PUT", "/api/admin/users/{id}/role", this::changeRole);
        route("POST", "/api/admin/users/{id}/disable", request -> setDisabled(request, true));
        route("POST", "/api/admin/users/{id}/enable", request -> setDisabled(request, false));
    }

    record RoleBody(String role) {
    }

    private ApiResponse list(ApiRequest request) {
        request.requireRole(Role.ADMIN);
        int limit;
        try {
            limit = request.query("limit").map(Integer::parseInt).orElse(DEFAULT_PAGE);
        } catch (NumberFormatException e) {
            throw ApiException.validation(List.of(new ApiException.FieldError("limit", "must be a whole number")));
        }
        return ApiResponse.ok(administration.list(limit, request.query("cursor")));
    }

    private ApiResponse changeRole(ApiRequest request) {
        Principal admin = request.requireRole(Role.ADMIN);
        String role = request.body(RoleBody.class).role();
        if (role == null || role.isBlank()) {
            throw ApiException.validation(List.of(new ApiException.FieldError("role", "is required")));
        }
        return ApiResponse.ok(administration.changeRole(admin.userId(), request.pathParam("id"), role));
    }

    private ApiResponse setDisabled(ApiRequest request, boolean disabled) {
        Principal admin = request.requireRole(Role.ADMIN);
        return ApiResponse.ok(administration.setDisabled(admin.userId(), request.pathParam("id"), disabled));
    }
}
