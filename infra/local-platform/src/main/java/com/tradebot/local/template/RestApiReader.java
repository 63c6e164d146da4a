package com.tradebot.local.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** {@code AWS::Serverless::Api}s with their authorizers, gateway responses, CORS, throttling, routes and WAF rules. */
final class RestApiReader {
    private final CfnTemplate template;
    private final TemplateValues values;
    private final FunctionReader functions;
    private final WafReader waf;

    RestApiReader(TemplateValues values, FunctionReader functions, WafReader waf) {
        this.template = values.template();
        this.values = values;
        this.functions = functions;
        this.waf = waf;
    }

    List<RestApiDef> restApis() {
        List<RestApiDef> apis = new ArrayList<>();
        for (CfnResource api : template.resourcesOfType("AWS::Serverless::Api")) {
            apis.add(restApi(api));
        }
        return apis;
    }

    private RestApiDef restApi(CfnResource api) {
        Map<String, Object> properties = api.properties();
        Map<String, Object> auth = CfnTemplate.map(template.resolve(properties.get("Auth")));
        Map<String, AuthorizerDef> authorizers = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : CfnTemplate.map(auth.get("Authorizers")).entrySet()) {
            Map<String, Object> definition = CfnTemplate.map(entry.getValue());
            Map<String, Object> identity = CfnTemplate.map(definition.get("Identity"));
            String payloadType = Objects.requireNonNullElse(values.text(definition.get("FunctionPayloadType")), "TOKEN");
            List<String> headers = new ArrayList<>(values.strings(identity.get("Headers")));
            if (payloadType.equals("TOKEN")) {
                headers.add(Objects.requireNonNullElse(values.text(identity.get("Header")), "Authorization"));
            }
            authorizers.put(entry.getKey(), new AuthorizerDef(entry.getKey(),
                    functions.functionIdInArn(values.text(definition.get("FunctionArn"))), payloadType, headers,
                    values.strings(identity.get("QueryStrings")), values.intValue(identity.get("ReauthorizeEvery"), 300)));
        }
        Map<String, GatewayResponseDef> responses = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : CfnTemplate.map(template.resolve(properties.get("GatewayResponses")))
                .entrySet()) {
            Map<String, Object> definition = CfnTemplate.map(entry.getValue());
            Map<String, String> headers = new LinkedHashMap<>();
            CfnTemplate.map(CfnTemplate.map(definition.get("ResponseParameters")).get("Headers"))
                    .forEach((name, value) -> headers.put(name, values.unquote(values.text(value))));
            Object statusCode = definition.get("StatusCode");
            responses.put(entry.getKey(), new GatewayResponseDef(entry.getKey(),
                    statusCode == null ? null : values.intValue(statusCode, 0), headers,
                    values.text(CfnTemplate.map(definition.get("ResponseTemplates")).get("application/json"))));
        }
        List<ThrottleDef> throttling = new ArrayList<>();
        Object methodSettings = template.resolve(properties.get("MethodSettings"));
        if (methodSettings instanceof List<?> settings) {
            for (Object setting : settings) {
                Map<String, Object> definition = CfnTemplate.map(setting);
                if (definition.containsKey("ThrottlingRateLimit") || definition.containsKey("ThrottlingBurstLimit")) {
                    throttling.add(new ThrottleDef(
                            Objects.requireNonNullElse(values.text(definition.get("ResourcePath")), "/*"),
                            Objects.requireNonNullElse(values.text(definition.get("HttpMethod")), "*"),
                            Double.parseDouble(Objects.requireNonNullElse(
                                    values.text(definition.get("ThrottlingRateLimit")), "10000")),
                            values.intValue(definition.get("ThrottlingBurstLimit"), 5000)));
                }
            }
        }
        return new RestApiDef(api.logicalId(), CfnTemplate.apiId(api.logicalId()),
                Objects.requireNonNullElse(values.text(properties.get("StageName")), "Prod"),
                values.text(auth.get("DefaultAuthorizer")), authorizers, responses, cors(properties.get("Cors")), throttling,
                routesOf(api.logicalId()), waf.wafRateRulesOf(api.logicalId()));
    }

    private CorsDef cors(Object raw) {
        Object value = template.resolve(raw);
        if (value == null) {
            return null;
        }
        if (value instanceof String origin) {
            return new CorsDef(values.unquote(origin), null, null, null, null, false);
        }
        Map<String, Object> cors = CfnTemplate.map(value);
        return new CorsDef(values.unquote(values.text(cors.get("AllowOrigin"))), values.unquote(values.text(cors.get("AllowMethods"))),
                values.unquote(values.text(cors.get("AllowHeaders"))), values.unquote(values.text(cors.get("ExposeHeaders"))),
                values.unquote(values.text(cors.get("MaxAge"))), Boolean.parseBoolean(values.text(cors.get("AllowCredentials"))));
    }

    private List<ApiRouteDef> routesOf(String apiLogicalId) {
        List<ApiRouteDef> routes = new ArrayList<>();
        for (CfnResource function : template.resourcesOfType("AWS::Serverless::Function")) {
            for (Object event : CfnTemplate.map(function.properties().get("Events")).values()) {
                Map<String, Object> definition = CfnTemplate.map(event);
                if (!"Api".equals(definition.get("Type"))) {
                    continue;
                }
                Map<String, Object> properties = CfnTemplate.map(definition.get("Properties"));
                Object restApiId = properties.get("RestApiId");
                String target = restApiId == null ? CfnTemplate.IMPLICIT_REST_API : values.referencedId(restApiId);
                if (!target.equals(apiLogicalId)) {
                    continue;
                }
                Map<String, Object> auth = CfnTemplate.map(template.resolve(properties.get("Auth")));
                routes.add(new ApiRouteDef(apiLogicalId, function.logicalId(),
                        values.text(properties.get("Method")).toUpperCase(Locale.ROOT), values.text(properties.get("Path")),
                        values.text(auth.get("Authorizer"))));
            }
        }
        return routes;
    }
}
