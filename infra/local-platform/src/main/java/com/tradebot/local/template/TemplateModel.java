package com.tradebot.local.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Reads the parts the local platform runs out of a {@link CfnTemplate}. Methods that resolve values which depend
 * on running services (queue URLs, gateway URLs) must be called once those are in {@link LocalBindings}: names,
 * routes, queues and topics need none; {@link #functions()} and {@link #stateMachines()} may.
 */
public final class TemplateModel {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final CfnTemplate template;

    public TemplateModel(CfnTemplate template) {
        this.template = template;
    }

    public CfnTemplate template() {
        return template;
    }

    // ---------------------------------------------------------------- functions

    public List<FunctionDef> functions() {
        List<FunctionDef> functions = new ArrayList<>();
        for (CfnResource resource : template.resourcesOfType("AWS::Serverless::Function")) {
            functions.add(function(resource));
        }
        return functions;
    }

    public FunctionDef function(String logicalId) {
        CfnResource resource = template.require(logicalId);
        if (!resource.isType("AWS::Serverless::Function")) {
            throw new TemplateException(logicalId + " is not an AWS::Serverless::Function");
        }
        return function(resource);
    }

    private FunctionDef function(CfnResource resource) {
        Map<String, Object> properties = resource.properties();
        String handler = text(properties.get("Handler"));
        if (handler == null) {
            throw new TemplateException("Function " + resource.logicalId() + " has no Handler");
        }
        Map<String, String> environment = new LinkedHashMap<>();
        Map<String, Object> variables = CfnTemplate.map(
                CfnTemplate.map(properties.get("Environment")).get("Variables"));
        for (Map.Entry<String, Object> variable : variables.entrySet()) {
            try {
                String value = text(variable.getValue());
                if (value != null) {
                    environment.put(variable.getKey(), value);
                }
            } catch (TemplateException e) {
                throw new TemplateException("Function " + resource.logicalId() + ", environment variable "
                        + variable.getKey() + ": " + e.getMessage(), e);
            }
        }
        List<FunctionEventDef> events = new ArrayList<>();
        for (Map.Entry<String, Object> event : CfnTemplate.map(properties.get("Events")).entrySet()) {
            Map<String, Object> definition = CfnTemplate.map(event.getValue());
            events.add(new FunctionEventDef(event.getKey(), text(definition.get("Type")),
                    CfnTemplate.map(template.resolve(definition.get("Properties")))));
        }
        return new FunctionDef(resource.logicalId(), template.functionName(resource.logicalId()), handler,
                text(properties.get("Runtime")), intValue(properties.get("Timeout"), 3),
                intValue(properties.get("MemorySize"), 128), environment, events);
    }

    /** The logical id of the function whose ARN appears in {@code text} (an ARN or an integration URI). */
    public String functionIdInArn(String text) {
        for (CfnResource resource : template.resourcesOfType("AWS::Serverless::Function")) {
            String arn = CfnTemplate.functionArn(template.functionName(resource.logicalId()));
            if (text.equals(arn) || text.contains(arn + "/") || text.contains(arn + ":")) {
                return resource.logicalId();
            }
        }
        throw new TemplateException("No function of the template has the ARN in: " + text);
    }

    /** The logical id of the function with this ARN (possibly qualified) or name; null when none has it. */
    public String functionIdForArnOrName(String arnOrName) {
        for (CfnResource resource : template.resourcesOfType("AWS::Serverless::Function")) {
            String name = template.functionName(resource.logicalId());
            String arn = CfnTemplate.functionArn(name);
            if (arnOrName.equals(name) || arnOrName.equals(arn) || arnOrName.startsWith(arn + ":")) {
                return resource.logicalId();
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- REST

    public List<RestApiDef> restApis() {
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
            String payloadType = Objects.requireNonNullElse(text(definition.get("FunctionPayloadType")), "TOKEN");
            List<String> headers = new ArrayList<>(strings(identity.get("Headers")));
            if (payloadType.equals("TOKEN")) {
                headers.add(Objects.requireNonNullElse(text(identity.get("Header")), "Authorization"));
            }
            authorizers.put(entry.getKey(), new AuthorizerDef(entry.getKey(),
                    functionIdInArn(text(definition.get("FunctionArn"))), payloadType, headers,
                    strings(identity.get("QueryStrings")), intValue(identity.get("ReauthorizeEvery"), 300)));
        }
        Map<String, GatewayResponseDef> responses = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : CfnTemplate.map(template.resolve(properties.get("GatewayResponses")))
                .entrySet()) {
            Map<String, Object> definition = CfnTemplate.map(entry.getValue());
            Map<String, String> headers = new LinkedHashMap<>();
            CfnTemplate.map(CfnTemplate.map(definition.get("ResponseParameters")).get("Headers"))
                    .forEach((name, value) -> headers.put(name, unquote(text(value))));
            Object statusCode = definition.get("StatusCode");
            responses.put(entry.getKey(), new GatewayResponseDef(entry.getKey(),
                    statusCode == null ? null : intValue(statusCode, 0), headers,
                    text(CfnTemplate.map(definition.get("ResponseTemplates")).get("application/json"))));
        }
        List<ThrottleDef> throttling = new ArrayList<>();
        Object methodSettings = template.resolve(properties.get("MethodSettings"));
        if (methodSettings instanceof List<?> settings) {
            for (Object setting : settings) {
                Map<String, Object> definition = CfnTemplate.map(setting);
                if (definition.containsKey("ThrottlingRateLimit") || definition.containsKey("ThrottlingBurstLimit")) {
                    throttling.add(new ThrottleDef(
                            Objects.requireNonNullElse(text(definition.get("ResourcePath")), "/*"),
                            Objects.requireNonNullElse(text(definition.get("HttpMethod")), "*"),
                            Double.parseDouble(Objects.requireNonNullElse(
                                    text(definition.get("ThrottlingRateLimit")), "10000")),
                            intValue(definition.get("ThrottlingBurstLimit"), 5000)));
                }
            }
        }
        return new RestApiDef(api.logicalId(), CfnTemplate.apiId(api.logicalId()),
                Objects.requireNonNullElse(text(properties.get("StageName")), "Prod"),
                text(auth.get("DefaultAuthorizer")), authorizers, responses, cors(properties.get("Cors")), throttling,
                routesOf(api.logicalId()), wafRateRulesOf(api.logicalId()));
    }

    private CorsDef cors(Object raw) {
        Object value = template.resolve(raw);
        if (value == null) {
            return null;
        }
        if (value instanceof String origin) {
            return new CorsDef(unquote(origin), null, null, null, null, false);
        }
        Map<String, Object> cors = CfnTemplate.map(value);
        return new CorsDef(unquote(text(cors.get("AllowOrigin"))), unquote(text(cors.get("AllowMethods"))),
                unquote(text(cors.get("AllowHeaders"))), unquote(text(cors.get("ExposeHeaders"))),
                unquote(text(cors.get("MaxAge"))), Boolean.parseBoolean(text(cors.get("AllowCredentials"))));
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
                String target = restApiId == null ? CfnTemplate.IMPLICIT_REST_API : referencedId(restApiId);
                if (!target.equals(apiLogicalId)) {
                    continue;
                }
                Map<String, Object> auth = CfnTemplate.map(template.resolve(properties.get("Auth")));
                routes.add(new ApiRouteDef(apiLogicalId, function.logicalId(),
                        text(properties.get("Method")).toUpperCase(Locale.ROOT), text(properties.get("Path")),
                        text(auth.get("Authorizer"))));
            }
        }
        return routes;
    }

    // ---------------------------------------------------------------- WAF

    /** The rate rules of every web ACL of the template. */
    public List<WafRateRuleDef> wafRateRules() {
        List<WafRateRuleDef> rules = new ArrayList<>();
        for (CfnResource acl : template.resourcesOfType("AWS::WAFv2::WebACL")) {
            rules.addAll(rateRulesOf(acl));
        }
        rules.sort((a, b) -> Integer.compare(a.priority(), b.priority()));
        return rules;
    }

    /** The rate rules of the web ACLs that a WebACLAssociation attaches to this REST API's stage. */
    public List<WafRateRuleDef> wafRateRulesOf(String restApiLogicalId) {
        String stageArnPart = "/restapis/" + CfnTemplate.apiId(restApiLogicalId) + "/";
        List<WafRateRuleDef> rules = new ArrayList<>();
        for (CfnResource association : template.resourcesOfType("AWS::WAFv2::WebACLAssociation")) {
            Map<String, Object> properties = association.properties();
            if (text(properties.get("ResourceArn")).contains(stageArnPart)) {
                rules.addAll(rateRulesOf(template.require(referencedId(properties.get("WebACLArn")))));
            }
        }
        rules.sort((a, b) -> Integer.compare(a.priority(), b.priority()));
        return rules;
    }

    private List<WafRateRuleDef> rateRulesOf(CfnResource acl) {
        List<WafRateRuleDef> rules = new ArrayList<>();
        Map<String, Object> properties = CfnTemplate.map(template.resolve(acl.properties()));
        Map<String, Object> bodies = CfnTemplate.map(properties.get("CustomResponseBodies"));
        Object ruleList = properties.get("Rules");
        if (!(ruleList instanceof List<?> list)) {
            return rules;
        }
        for (Object item : list) {
            Map<String, Object> rule = CfnTemplate.map(item);
            Map<String, Object> rate = CfnTemplate.map(
                    CfnTemplate.map(rule.get("Statement")).get("RateBasedStatement"));
            if (rate.isEmpty()) {
                continue;
            }
            Map<String, Object> scopeDown = CfnTemplate.map(rate.get("ScopeDownStatement"));
            Map<String, Object> customResponse = CfnTemplate.map(CfnTemplate.map(
                    CfnTemplate.map(rule.get("Action")).get("Block")).get("CustomResponse"));
            Map<String, String> headers = new LinkedHashMap<>();
            if (customResponse.get("ResponseHeaders") instanceof List<?> headerList) {
                for (Object header : headerList) {
                    Map<String, Object> definition = CfnTemplate.map(header);
                    headers.put(text(definition.get("Name")), text(definition.get("Value")));
                }
            }
            String bodyKey = text(customResponse.get("CustomResponseBodyKey"));
            Map<String, Object> body = bodyKey == null ? Map.of() : CfnTemplate.map(bodies.get(bodyKey));
            String contentType = switch (String.valueOf(body.get("ContentType"))) {
                case "APPLICATION_JSON" -> "application/json";
                case "TEXT_HTML" -> "text/html";
                default -> "text/plain";
            };
            rules.add(new WafRateRuleDef(text(rule.get("Name")), intValue(rule.get("Priority"), 0),
                    intValue(rate.get("Limit"), 100), intValue(rate.get("EvaluationWindowSec"), 300),
                    scopeDown.isEmpty() ? null : scopeDown, intValue(customResponse.get("ResponseCode"), 403),
                    text(body.get("Content")), contentType, headers));
        }
        return rules;
    }

    // ---------------------------------------------------------------- WebSocket

    public List<WebSocketApiDef> webSocketApis() {
        List<WebSocketApiDef> apis = new ArrayList<>();
        for (CfnResource api : template.resourcesOfType("AWS::ApiGatewayV2::Api")) {
            if (!"WEBSOCKET".equalsIgnoreCase(text(api.properties().get("ProtocolType")))) {
                continue;
            }
            String stageName = null;
            for (CfnResource stage : template.resourcesOfType("AWS::ApiGatewayV2::Stage")) {
                if (api.logicalId().equals(referencedId(stage.properties().get("ApiId")))) {
                    stageName = text(stage.properties().get("StageName"));
                }
            }
            Map<String, WebSocketRouteDef> routes = new LinkedHashMap<>();
            for (CfnResource route : template.resourcesOfType("AWS::ApiGatewayV2::Route")) {
                Map<String, Object> properties = route.properties();
                if (!api.logicalId().equals(referencedId(properties.get("ApiId")))) {
                    continue;
                }
                String routeKey = text(properties.get("RouteKey"));
                String target = text(properties.get("Target"));
                if (target == null || !target.startsWith("integrations/")) {
                    throw new TemplateException("Route " + route.logicalId() + " needs Target integrations/<id>");
                }
                CfnResource integration = template.require(target.substring("integrations/".length()));
                String functionId = functionIdInArn(text(integration.properties().get("IntegrationUri")));
                WebSocketAuthorizerDef authorizer = null;
                if ("CUSTOM".equals(text(properties.get("AuthorizationType")))) {
                    CfnResource authorizerResource = template.require(referencedId(properties.get("AuthorizerId")));
                    Map<String, Object> authProperties = authorizerResource.properties();
                    authorizer = new WebSocketAuthorizerDef(
                            Objects.requireNonNullElse(text(authProperties.get("Name")),
                                    authorizerResource.logicalId()),
                            functionIdInArn(text(authProperties.get("AuthorizerUri"))),
                            strings(authProperties.get("IdentitySource")));
                }
                routes.put(routeKey, new WebSocketRouteDef(routeKey, functionId, authorizer,
                        properties.get("RouteResponseSelectionExpression") != null));
            }
            apis.add(new WebSocketApiDef(api.logicalId(), CfnTemplate.apiId(api.logicalId()),
                    Objects.requireNonNullElse(text(api.properties().get("RouteSelectionExpression")),
                            "$request.body.action"),
                    stageName, routes));
        }
        return apis;
    }

    // ---------------------------------------------------------------- data and messaging

    public List<TableDef> tables() {
        List<TableDef> tables = new ArrayList<>();
        for (CfnResource table : template.resourcesOfType("AWS::DynamoDB::Table")) {
            tables.add(new TableDef(table.logicalId(), template.tableName(table.logicalId()),
                    CfnTemplate.map(template.resolve(table.properties()))));
        }
        return tables;
    }

    public List<QueueDef> queues() {
        List<QueueDef> queues = new ArrayList<>();
        for (CfnResource queue : template.resourcesOfType("AWS::SQS::Queue")) {
            Map<String, Object> properties = queue.properties();
            Map<String, Object> redrive = CfnTemplate.map(properties.get("RedrivePolicy"));
            String deadLetterQueue = redrive.isEmpty() ? null
                    : logicalIdOfArn(redrive.get("deadLetterTargetArn"), "AWS::SQS::Queue");
            queues.add(new QueueDef(queue.logicalId(), template.queueName(queue.logicalId()),
                    bool(properties.get("FifoQueue"), false), bool(properties.get("ContentBasedDeduplication"), false),
                    intValue(properties.get("VisibilityTimeout"), 30),
                    intValue(properties.get("MessageRetentionPeriod"), 345600),
                    intValue(properties.get("DelaySeconds"), 0), deadLetterQueue,
                    intValue(redrive.get("maxReceiveCount"), 0)));
        }
        return queues;
    }

    public List<TopicDef> topics() {
        List<TopicDef> topics = new ArrayList<>();
        for (CfnResource topic : template.resourcesOfType("AWS::SNS::Topic")) {
            topics.add(new TopicDef(topic.logicalId(), template.topicName(topic.logicalId()),
                    bool(topic.properties().get("FifoTopic"), false)));
        }
        return topics;
    }

    public List<SubscriptionDef> subscriptions() {
        List<SubscriptionDef> subscriptions = new ArrayList<>();
        for (CfnResource topic : template.resourcesOfType("AWS::SNS::Topic")) {
            if (topic.properties().get("Subscription") instanceof List<?> inline) {
                for (Object item : inline) {
                    Map<String, Object> subscription = CfnTemplate.map(item);
                    requireSqsProtocol(subscription, topic.logicalId());
                    subscriptions.add(new SubscriptionDef(topic.logicalId(),
                            logicalIdOfArn(subscription.get("Endpoint"), "AWS::SQS::Queue"), false, null));
                }
            }
        }
        for (CfnResource resource : template.resourcesOfType("AWS::SNS::Subscription")) {
            Map<String, Object> properties = resource.properties();
            requireSqsProtocol(properties, resource.logicalId());
            Object filter = template.resolve(properties.get("FilterPolicy"));
            subscriptions.add(new SubscriptionDef(logicalIdOfArn(properties.get("TopicArn"), "AWS::SNS::Topic"),
                    logicalIdOfArn(properties.get("Endpoint"), "AWS::SQS::Queue"),
                    bool(properties.get("RawMessageDelivery"), false), filter == null ? null : json(filter)));
        }
        return subscriptions;
    }

    private void requireSqsProtocol(Map<String, Object> subscription, String where) {
        if (!"sqs".equalsIgnoreCase(text(subscription.get("Protocol")))) {
            throw new TemplateException(where + ": the local platform delivers SNS to SQS subscriptions only");
        }
    }

    public List<SqsEventSourceDef> sqsEventSources() {
        List<SqsEventSourceDef> sources = new ArrayList<>();
        for (CfnResource function : template.resourcesOfType("AWS::Serverless::Function")) {
            for (Object event : CfnTemplate.map(function.properties().get("Events")).values()) {
                Map<String, Object> definition = CfnTemplate.map(event);
                if (!"SQS".equals(definition.get("Type"))) {
                    continue;
                }
                Map<String, Object> properties = CfnTemplate.map(definition.get("Properties"));
                boolean reportFailures = strings(properties.get("FunctionResponseTypes"))
                        .contains("ReportBatchItemFailures");
                sources.add(new SqsEventSourceDef(function.logicalId(),
                        logicalIdOfArn(properties.get("Queue"), "AWS::SQS::Queue"),
                        intValue(properties.get("BatchSize"), 10),
                        intValue(properties.get("MaximumBatchingWindowInSeconds"), 0), reportFailures,
                        bool(properties.get("Enabled"), true)));
            }
        }
        return sources;
    }

    public List<ScheduleDef> schedules() {
        List<ScheduleDef> schedules = new ArrayList<>();
        for (CfnResource function : template.resourcesOfType("AWS::Serverless::Function")) {
            for (Map.Entry<String, Object> event : CfnTemplate.map(function.properties().get("Events")).entrySet()) {
                Map<String, Object> definition = CfnTemplate.map(event.getValue());
                String type = text(definition.get("Type"));
                if (!"Schedule".equals(type) && !"ScheduleV2".equals(type)) {
                    continue;
                }
                Map<String, Object> properties = CfnTemplate.map(template.resolve(definition.get("Properties")));
                String expression = text(properties.get("Schedule".equals(type) ? "Schedule" : "ScheduleExpression"));
                boolean enabled = bool(properties.get("Enabled"), true)
                        && !"DISABLED".equals(text(properties.get("State")));
                Object input = properties.get("Input");
                schedules.add(new ScheduleDef(Objects.requireNonNullElse(text(properties.get("Name")), event.getKey()),
                        function.logicalId(), expression,
                        input == null ? null : input instanceof String s ? s : json(input), enabled));
            }
        }
        return schedules;
    }

    public List<StateMachineDef> stateMachines() {
        List<StateMachineDef> machines = new ArrayList<>();
        for (CfnResource machine : template.resourcesOfType("AWS::Serverless::StateMachine",
                "AWS::StepFunctions::StateMachine")) {
            Map<String, Object> properties = machine.properties();
            String definition;
            if (properties.get("DefinitionUri") instanceof String uri) {
                Path file = template.directory().resolve(uri);
                try {
                    definition = Files.readString(file, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new TemplateException("State machine " + machine.logicalId() + ": cannot read " + file, e);
                }
            } else if (properties.get("Definition") != null) {
                definition = json(template.resolve(properties.get("Definition")));
            } else if (properties.get("DefinitionString") != null) {
                definition = text(properties.get("DefinitionString"));
            } else {
                throw new TemplateException("State machine " + machine.logicalId()
                        + " needs DefinitionUri (a local file), Definition or DefinitionString");
            }
            Map<String, Object> substitutions = CfnTemplate.map(
                    template.resolve(properties.get("DefinitionSubstitutions")));
            for (Map.Entry<String, Object> substitution : substitutions.entrySet()) {
                definition = definition.replace("${" + substitution.getKey() + "}",
                        String.valueOf(substitution.getValue()));
            }
            String arn = String.valueOf(template.resolve(Map.of("Ref", machine.logicalId())));
            machines.add(new StateMachineDef(machine.logicalId(), template.stateMachineName(machine.logicalId()), arn,
                    definition));
        }
        return machines;
    }

    // ---------------------------------------------------------------- helpers

    /** The logical id a {@code !Ref X} / {@code !GetAtt X.Attr} points at, or the resolved value if it is neither. */
    private String referencedId(Object raw) {
        if (raw instanceof Map<?, ?> map && map.size() == 1) {
            Object argument = map.values().iterator().next();
            if (map.containsKey("Ref")) {
                return String.valueOf(argument);
            }
            if (map.containsKey("Fn::GetAtt") && argument instanceof List<?> parts) {
                return String.valueOf(parts.get(0));
            }
        }
        return text(raw);
    }

    /** The logical id of the resource of {@code type} whose ARN (or Ref) is {@code raw}. */
    private String logicalIdOfArn(Object raw, String type) {
        String direct = referencedId(raw);
        if (template.resources().containsKey(direct) && template.resources().get(direct).isType(type)) {
            return direct;
        }
        for (CfnResource resource : template.resourcesOfType(type)) {
            String arn = type.equals("AWS::SNS::Topic")
                    ? String.valueOf(template.resolve(Map.of("Ref", resource.logicalId())))
                    : String.valueOf(template.resolve(Map.of("Fn::GetAtt", List.of(resource.logicalId(), "Arn"))));
            if (arn.equals(direct)) {
                return resource.logicalId();
            }
        }
        throw new TemplateException("No " + type + " of the template matches " + direct);
    }

    private String text(Object raw) {
        Object value = template.resolve(raw);
        if (value == null || value == IntrinsicResolver.NO_VALUE) {
            return null;
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw new TemplateException("Expected a scalar, got: " + value);
        }
        return String.valueOf(value);
    }

    private List<String> strings(Object raw) {
        Object value = template.resolve(raw);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value).split("\\s*,\\s*"));
    }

    private int intValue(Object raw, int defaultValue) {
        String value = text(raw);
        return value == null ? defaultValue : (int) Double.parseDouble(value);
    }

    private boolean bool(Object raw, boolean defaultValue) {
        String value = text(raw);
        return value == null ? defaultValue : Boolean.parseBoolean(value);
    }

    /** SAM writes header values as quoted literals: {@code "'*'"}. */
    private static String unquote(String value) {
        if (value != null && value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new TemplateException("Cannot write JSON: " + e.getMessage(), e);
        }
    }
}
