package com.tradebot.functions.api.auth;


import com.tradebot.auth.AuthModule;
import com.tradebot.common.AwsClients;
import com.tradebot.common.Env;
import com.tradebot.functions.http.ApiHandler;
import com.tradebot.functions.http.ApiRequest;
import com.tradebot.functions.http.ApiResponse;
import com.tradebot.vault.ExchangeKeyRepository;
import com.tradebot.vault.ExchangeKeyVault;
import java.time.Clock;
import java.util.Map;

/** {@code /api/exchange-keys}: store (with a TOTP code), list (masked) and delete the caller's exchange keys. */
public final class ExchangeKeysHandler extends ApiHandler {
    private final ExchangeKeyVault vault;

    public ExchangeKeysHandler() {
        this(vaultOf(AuthModule.fromEnvironment()));
    }

    public ExchangeKeysHandler(ExchangeKeyVault vault) {
        this.vault = vault;
        route("GET", "/api/exchange-keys", request ->
                ApiResponse.ok(Map.of("items", this.vault.list(request.requirePrincipal().userId()))));
        route("POST", "/api/exchange-keys", this::save);
        route("DELETE", "/api/exchange-keys/{id}", this::delete);
    }

    public static ExchangeKeyVault vaultOf(AuthModule auth) {
        return new ExchangeKeyVault(new ExchangeKeyRepository(AwsClients.dynamoDb(), Env.require("TABLE_NAME")),
                auth.aead(), auth.secondFactor(), Clock.systemUTC());
    }

    private ApiResponse save(ApiRequest request) {
        String userId = request.requirePrincipal().userId();
        return ApiResponse.created(vault.save(userId, request.body(ExchangeKeyVault.NewKey.class)));
    }

    private ApiResponse delete(ApiRequest request) {
        vault.delete(request.requirePrincipal().userId(), request.pathParam("id"));
        return ApiResponse.noContent();
    }
}
