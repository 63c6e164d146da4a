package com.tradebot.functions.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.tradebot.auth.AccessTokens;
import com.tradebot.auth.Role;
import com.tradebot.auth.SigningKeys;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import org.junit.jupiter.api.Test;

class TokenAuthorizerHandlerTest {
    private static final String REST_ARN = "arn:aws:execute-api:us-east-1:000000000000:abc123/v1/GET/api/exchange-keys";
    private static final String CONNECT_ARN = "arn:aws:execute-api:us-east-1:000000000000:ws123/v1/$connect";
    private final AccessTokens tokens = new AccessTokens(
            SigningKeys.fromSeed("authorizer-test-seed-0123456789abcdef".getBytes(StandardCharsets.UTF_8)), Clock.systemUTC());
    private final TokenAuthorizerHandler authorizer = new TokenAuthorizerHandler(tokens);

    private static APIGatewayCustomAuthorizerEvent event(String arn, Map<String, String> headers, Map<String, String> query) {
        APIGatewayCustomAuthorizerEvent event = new APIGatewayCustomAuthorizerEvent();
        event.setType("REQUEST");
        event.setMethodArn(arn);
        event.setHeaders(headers);
        event.setQueryStringParameters(query);
        return event;
    }

    @Test
    @SuppressWarnings("unchecked")
    void aValidBearerTokenIsAllowedForTheWholeStageWithIdAndRole() {
        Map<String, Object> result = authorizer.handleRequest(event(REST_ARN,
                Map.of("authorization", "Bearer " + tokens.issue("u-1", Role.PROVIDER)), null), null);
        assertThat(result.get("principalId")).isEqualTo("u-1");
        assertThat((Map<String, Object>) result.get("context")).containsEntry("userId", "u-1").containsEntry("role", "PROVIDER")
                .containsKey("expiresAt");
        Map<String, Object> statement = ((List<Map<String, Object>>) ((Map<String, Object>) result.get("policyDocument"))
                .get("Statement")).get(0);
        assertThat(statement).containsEntry("Effect", "Allow").containsEntry("Action", "execute-api:Invoke");
        assertThat((List<String>) statement.get("Resource"))
                .containsExactly("arn:aws:execute-api:us-east-1:000000000000:abc123/v1/*");
    }

    @Test
    @SuppressWarnings("unchecked")
    void noTokenIsAnonymous() {
        Map<String, Object> result = authorizer.handleRequest(event(REST_ARN, Map.of(), null), null);
        assertThat(result.get("principalId")).isEqualTo("anonymous");
        assertThat((Map<String, Object>) result.get("context")).containsEntry("role", "ANONYMOUS");
    }

    @Test
    void aBadTokenIsUnauthorized() {
        assertThatThrownBy(() -> authorizer.handleRequest(event(REST_ARN, Map.of("Authorization", "Bearer nope"), null), null))
                .hasMessage("Unauthorized");
        assertThatThrownBy(() -> authorizer.handleRequest(event(REST_ARN, Map.of("Authorization", "Basic dXNlcjpwYXNz"), null), null))
                .hasMessage("Unauthorized");
    }

    @Test
    @SuppressWarnings("unchecked")
    void queryTokensCountOnWebSocketConnectOnly() {
        String token = tokens.issue("u-2", Role.USER);
        Map<String, Object> connect = authorizer.handleRequest(event(CONNECT_ARN, null, Map.of("token", token)), null);
        assertThat((Map<String, Object>) connect.get("context")).containsEntry("userId", "u-2");
        // on REST a query token is ignored: it would end up in access logs and browser history
        Map<String, Object> rest = authorizer.handleRequest(event(REST_ARN, null, Map.of("token", token)), null);
        assertThat(rest.get("principalId")).isEqualTo("anonymous");
        assertThatThrownBy(() -> authorizer.handleRequest(event(CONNECT_ARN, null, Map.of("token", "forged")), null))
                .hasMessage("Unauthorized");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSampleEventsOfBothApisAreAuthorized() {
        String token = tokens.issue("u-3", Role.ADMIN);
        APIGatewayCustomAuthorizerEvent rest = EventLoader.loadAPIGatewayCustomAuthorizerEvent(
                "../../events/api/authorizer-request.json");
        rest.setHeaders(Map.of("Authorization", "Bearer " + token));
        assertThat((Map<String, Object>) authorizer.handleRequest(rest, null).get("context"))
                .containsEntry("userId", "u-3").containsEntry("role", "ADMIN");

        APIGatewayCustomAuthorizerEvent connect = EventLoader.loadAPIGatewayCustomAuthorizerEvent(
                "../../events/websocket/connect-authorizer.json");
        connect.setQueryStringParameters(Map.of("token", token));
        assertThat(authorizer.handleRequest(connect, null).get("principalId")).isEqualTo("u-3");
    }
}
