package com.tradebot.functions.api.auth;

import com.tradebot.functions.http.ApiHandler;
import com.tradebot.functions.http.ApiRequest;
import com.tradebot.functions.http.ApiResponse;
import com.tradebot.storage.MainTable;
import com.tradebot.trading.exchange.BackOff;
import com.tradebot.trading.exchange.ExchangeGateway;
import com.tradebot.trading.exchange.Exchanges;
import com.tradebot.vault.ExchangeKeyVault;
import com.tradebot.vault.VaultWiring;
import java.time.Clock;
import java.util.Map;

/**
 * {@code /api/exchange-keys}: store (with a TOTP code), list (masked), delete and test the caller's exchange keys.
 * The test asks the key's exchange for balances, at the base URL the function's environment names
 * ({@code EXCHANGE_<NAME>_URL}; unset = the exchange itself).
 */
public final class ExchangeKeysHandler extends ApiHandler {
    private final ExchangeKeyVault vault;
    private final ExchangeGateway gateway;

    public ExchangeKeysHandler() {
        this(VaultWiring.exchangeKeyVault(MainTable.fromEnvironment(), Clock.systemUTC()));
    }

    public ExchangeKeysHandler(ExchangeKeyVault vault) {
        this(vault, new ExchangeGateway(vault, Exchanges.fromEnvironment(Clock.systemUTC()), BackOff.standard()));
    }

    public ExchangeKeysHandler(ExchangeKeyVault vault, ExchangeGateway gateway) {
        this.vault = vault;
        this.gateway = gateway;
        route("GET", "/api/exchange-keys", request ->
                ApiResponse.ok(Map.of("items", this.vault.list(request.requirePrincipal().userId()))));
        route("POST", "/api/exchange-keys", this::save);
        route("DELETE", "/api/exchange-keys/{id}", this::delete);
        route("POST", "/api/exchange-keys/{id}/test", request ->
                ApiResponse.ok(this.gateway.check(request.requirePrincipal().userId(), request.pathParam("id"))));
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
