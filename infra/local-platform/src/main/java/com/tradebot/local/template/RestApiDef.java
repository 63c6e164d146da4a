package com.tradebot.local.template;

import java.util.List;
import java.util.Map;

/**
 * A REST API (explicit {@code AWS::Serverless::Api} or SAM's implicit one) with its routes and settings, including
 * the rate rules of the web ACLs associated with its stage.
 */
public record RestApiDef(String logicalId, String apiId, String stageName, String defaultAuthorizer,
        Map<String, AuthorizerDef> authorizers, Map<String, GatewayResponseDef> gatewayResponses, CorsDef cors,
        List<ThrottleDef> throttling, List<ApiRouteDef> routes, List<WafRateRuleDef> wafRateRules) {
}
