package com.tradebot.local.template;

import java.util.List;

/** An {@code AWS::ApiGatewayV2::Authorizer} of type REQUEST, e.g. identity source {@code route.request.querystring.token}. */
public record WebSocketAuthorizerDef(String name, String functionLogicalId, List<String> identitySources) {
}
