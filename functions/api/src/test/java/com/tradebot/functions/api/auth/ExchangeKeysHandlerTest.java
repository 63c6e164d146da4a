package com.tradebot.functions.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.auth.AuthFixture;
import com.tradebot.auth.AuthSession;
import com.tradebot.common.Json;
import com.tradebot.auth.Principal;
import com.tradebot.testing.LocalDynamoDb;
import com.tradebot.vault.ExchangeKeyRepository;
import com.tradebot.vault.ExchangeKeyVault;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import org.junit.jupiter.api.Test;

/** The vault routes: identity from the authorizer only, masked listing, 403 on other users' keys. */
class ExchangeKeysHandlerTest {
    private final AuthFixture fixture = new AuthFixture();
    private final ExchangeKeysHandler handler = new ExchangeKeysHandler(new ExchangeKeyVault(
            new ExchangeKeyRepository(LocalDynamoDb.client(), fixture.table), fixture.auth.aead(),
            fixture.auth.secondFactor(), fixture.clock));

    private APIGatewayProxyResponseEvent call(Requests request) {
        return handler.handleRequest(request.build(), null);
    }

    private static String key(String code, String extra) {
        return "{\"exchange\":\"bybit\",\"apiKey\":\"BYBITKEY00005678\",\"apiSecret\":\"very-secret-value-1\","
                + "\"permissions\":[\"READ\"],\"testnet\":true,\"totpCode\":\"" + code + "\"" + extra + "}";
    }

    @Test
    void theOwnerSavesListsAndDeletesWhileOthersGet403() {
        AuthSession owner = fixture.register("olga@example.com", null);
        AuthSession other = fixture.register("oscar@example.com", null);
        Principal ownerCaller = Requests.principal(owner.user().id(), "USER");
        Principal otherCaller = Requests.principal(other.user().id(), "USER");
        String secret = fixture.enableTwoFactor(owner.user().id());

        // a userId in the body is ignored: the key belongs to the authorizer's caller
        APIGatewayProxyResponseEvent saved = call(Requests.of("POST", "/api/exchange-keys").as(ownerCaller)
                .body(key(fixture.nextCode(secret), ",\"userId\":\"" + other.user().id() + "\"")));
        assertThat(saved.getStatusCode()).isEqualTo(201);
        JsonNode created = Json.readTree(saved.getBody());
        assertThat(created.get("maskedKey").asText()).isEqualTo("****5678");
        assertThat(created.get("userId").asText()).isEqualTo(owner.user().id());
        assertThat(saved.getBody()).doesNotContain("very-secret-value-1").doesNotContain("BYBITKEY00005678");

        JsonNode listed = Json.readTree(call(Requests.of("GET", "/api/exchange-keys").as(ownerCaller)).getBody());
        assertThat(listed.get("items")).hasSize(1);
        assertThat(listed.toString()).doesNotContain("very-secret-value-1");
        assertThat(Json.readTree(call(Requests.of("GET", "/api/exchange-keys").as(otherCaller)).getBody()).get("items"))
                .isEmpty();

        String id = created.get("id").asText();
        assertThat(call(Requests.of("DELETE", "/api/exchange-keys/{id}").path(id).as(otherCaller)).getStatusCode()).isEqualTo(403);
        assertThat(call(Requests.of("DELETE", "/api/exchange-keys/{id}").path(id)).getStatusCode()).isEqualTo(401);
        assertThat(call(Requests.of("DELETE", "/api/exchange-keys/{id}").path(id).as(ownerCaller)).getStatusCode()).isEqualTo(204);
        assertThat(call(Requests.of("DELETE", "/api/exchange-keys/{id}").path(id).as(ownerCaller)).getStatusCode()).isEqualTo(404);
    }

    @Test
    void wrongTypesAndWrongCodesAreRefusedAndNothingIsStored() {
        AuthSession owner = fixture.register("pia@example.com", null);
        Principal caller = Requests.principal(owner.user().id(), "USER");
        fixture.enableTwoFactor(owner.user().id());
        APIGatewayProxyResponseEvent wrongType = call(Requests.of("POST", "/api/exchange-keys").as(caller)
                .body("{\"exchange\":\"bybit\",\"apiKey\":\"BYBITKEY00005678\",\"apiSecret\":\"very-secret-value-1\","
                        + "\"permissions\":\"READ\",\"testnet\":\"maybe\",\"totpCode\":\"123456\"}"));
        assertThat(wrongType.getStatusCode()).isEqualTo(400);
        assertThat(wrongType.getBody()).doesNotContain("very-secret-value-1");
        APIGatewayProxyResponseEvent wrongCode = call(Requests.of("POST", "/api/exchange-keys").as(caller).body(key("000000", "")));
        assertThat(wrongCode.getStatusCode()).isEqualTo(401);
        assertThat(Json.readTree(call(Requests.of("GET", "/api/exchange-keys").as(caller)).getBody()).get("items")).isEmpty();
    }

    @Test
    void theSampleListEventAnswersWithTheCallersKeysOnly() {
        APIGatewayProxyResponseEvent response = handler.handleRequest(
                EventLoader.loadApiGatewayRestEvent("../../events/api/exchange-keys-list.json"), null);
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(Json.readTree(response.getBody()).get("items")).isEmpty();
    }
}
