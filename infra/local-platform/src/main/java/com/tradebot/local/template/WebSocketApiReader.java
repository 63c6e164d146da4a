package com.tradebot.local.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** {@code AWS::ApiGatewayV2::Api}s of protocol WEBSOCKET with their stage, routes, integrations and authorizers. */
final class WebSocketApiReader {
    private final CfnTemplate template;
    private final TemplateValues values;
    private final FunctionReader functions;

    WebSocketApiReader(TemplateValues values, FunctionReader functions) {
        this.template = values.template();
        this.values = values;
        this.functions = functions;
    }

    List<WebSocketApiDef> webSocketApis() {
        List<WebSocketApiDef> apis = new ArrayList<>();
        for (CfnResource api : template.resourcesOfType("AWS::ApiGatewayV2::Api")) {
            if (!"WEBSOCKET".equalsIgnoreCase(values.text(api.properties().get("ProtocolType")))) {
                continue;
            }
            String stageName = null;
            for (CfnResource stage : template.resourcesOfType("AWS::ApiGatewayV2::Stage")) {
                if (api.logicalId().equals(values.referencedId(stage.properties().get("ApiId")))) {
                    stageName = values.text(stage.properties().get("StageName"));
                }
            }
            Map<String, WebSocketRouteDef> routes = new LinkedHashMap<>();
            for (CfnResource route : template.resourcesOfType("AWS::ApiGatewayV2::Route")) {
                Map<String, Object> properties = route.properties();
                if (!api.logicalId().equals(values.referencedId(properties.get("ApiId")))) {
                    continue;
                }
                String routeKey = values.text(properties.get("RouteKey"));
                String target = values.text(properties.get("Target"));
                if (target == null || !target.startsWith("integrations/")) {
                    throw new TemplateException("Route " + route.logicalId() + " needs Target integrations/<id>");
                }
                CfnResource integration = template.require(target.substring("integrations/".length()));
                String functionId = functions.functionIdInArn(values.text(integration.properties().get("IntegrationUri")));
                WebSocketAuthorizerDef authorizer = null;
                if ("CUSTOM".equals(values.text(properties.get("AuthorizationType")))) {
                    CfnResource authorizerResource = template.require(values.referencedId(properties.get("AuthorizerId")));
                    Map<String, Object> authProperties = authorizerResource.properties();
                    authorizer = new WebSocketAuthorizerDef(
                            Objects.requireNonNullElse(values.text(authProperties.get("Name")),
                                    authorizerResource.logicalId()),
                            functions.functionIdInArn(values.text(authProperties.get("AuthorizerUri"))),
                            values.strings(authProperties.get("IdentitySource")));
                }
                routes.put(routeKey, new WebSocketRouteDef(routeKey, functionId, authorizer,
                        properties.get("RouteResponseSelectionExpression") != null));
            }
            apis.add(new WebSocketApiDef(api.logicalId(), CfnTemplate.apiId(api.logicalId()),
                    Objects.requireNonNullElse(values.text(api.properties().get("RouteSelectionExpression")),
                            "$request.body.action"),
                    stageName, routes));
        }
        return apis;
    }
}
