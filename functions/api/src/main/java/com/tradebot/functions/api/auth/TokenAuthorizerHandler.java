package com.tradebot.functions.api.auth;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.tradebot.auth.AccessTokens;
import com.tradebot.auth.AuthModule;
import com.tradebot.auth.Principal;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The REQUEST Lambda authorizer of the REST API and of WebSocket {@code $connect}. A valid access token (header
 * {@code Authorization: Bearer ...}, or {@code ?token=} on {@code $connect} only, since browsers cannot set headers
 * on WebSockets) is allowed with {@code userId} and {@code role} in the context. No token at all is allowed as
 * {@code anonymous}, so optionally public routes and anonymous WebSockets work; handlers that need a user refuse
 * anonymous callers. A token that is present but bad is refused with API Gateway's 401 ("Unauthorized").
 * The context also carries the token's expiry, so handlers refuse a token that expired while API Gateway still
 * had the authorizer's answer cached.
 */
public final class TokenAuthorizerHandler implements RequestHandler<APIGatewayCustomAuthorizerEvent, Map<String, Object>> {
    private static final String BEARER = "bearer ";

    private final AccessTokens tokens;

    public TokenAuthorizerHandler() {
        this(AuthModule.accessTokensFromEnvironment(Clock.systemUTC()));
    }

    public TokenAuthorizerHandler(AccessTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Map<String, Object> handleRequest(APIGatewayCustomAuthorizerEvent event, Context context) {
        Optional<String> token = token(event);
        if (token.isEmpty()) {
            return allow(event, Principal.ANONYMOUS,
                    Map.of(Principal.USER_ID, Principal.ANONYMOUS, Principal.ROLE, Principal.ANONYMOUS_ROLE));
        }
        Principal principal = tokens.verify(token.get())
                // API Gateway turns exactly this message into a 401
                .orElseThrow(() -> new RuntimeException("Unauthorized"));
        return allow(event, principal.userId(), principal.toAuthorizerContext());
    }

    private static Optional<String> token(APIGatewayCustomAuthorizerEvent event) {
        Optional<String> header = header(event.getHeaders(), "Authorization");
        if (header.isPresent()) {
            String value = header.get().trim();
            if (value.length() > BEARER.length() && value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                return Optional.of(value.substring(BEARER.length()).trim());
            }
            return Optional.of(value); // a malformed header is a bad token, not an anonymous call
        }
        Map<String, String> query = event.getQueryStringParameters();
        if (isWebSocketConnect(event) && query != null && query.get("token") != null) {
            return Optional.of(query.get("token"));
        }
        return Optional.ofNullable(event.getAuthorizationToken()).filter(t -> !t.isBlank());
    }

    private static boolean isWebSocketConnect(APIGatewayCustomAuthorizerEvent event) {
        String arn = event.getMethodArn();
        return arn != null && arn.endsWith("/$connect");
    }

    private static Optional<String> header(Map<String, String> headers, String name) {
        if (headers == null) {
            return Optional.empty();
        }
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name) && e.getValue() != null
                        && !e.getValue().isBlank()).map(Map.Entry::getValue).findFirst();
    }

    /** Allows every route of the stage, so API Gateway may cache one decision per token for all routes. */
    private static Map<String, Object> allow(APIGatewayCustomAuthorizerEvent event, String principal,
                                             Map<String, String> context) {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("Action", "execute-api:Invoke");
        statement.put("Effect", "Allow");
        statement.put("Resource", List.of(stageWildcard(event.getMethodArn())));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("principalId", principal);
        response.put("policyDocument", Map.of("Version", "2012-10-17", "Statement", List.of(statement)));
        response.put("context", context);
        return response;
    }

    /** {@code arn:aws:execute-api:region:account:api/stage/GET/path} → {@code arn:...:api/stage/*}. */
    static String stageWildcard(String methodArn) {
        if (methodArn == null) {
            return "*";
        }
        String[] parts = methodArn.split("/", 3);
        return parts.length < 2 ? methodArn : parts[0] + "/" + parts[1] + "/*";
    }
}
