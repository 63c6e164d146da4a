package com.tradebot.local.template;

/**
 * A WebSocket route and the function its integration invokes.
 *
 * @param authorizer      null when the route has no CUSTOM authorization
 * @param sendsResponse   true when the route has a RouteResponseSelectionExpression (the handler's body goes back)
 */
public record WebSocketRouteDef(String routeKey, String functionLogicalId, WebSocketAuthorizerDef authorizer,
        boolean sendsResponse) {
}
