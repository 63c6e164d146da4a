package com.tradebot.local.template;

import java.util.Map;

/** An {@code AWS::ApiGatewayV2::Api} of protocol WEBSOCKET with its routes by route key. */
public record WebSocketApiDef(String logicalId, String apiId, String routeSelectionExpression, String stageName,
        Map<String, WebSocketRouteDef> routes) {
}
