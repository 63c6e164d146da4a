package com.tradebot.local.template;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SAM/CloudFormation template as the local platform sees it: parameters (defaults, overridable), conditions,
 * mappings, SAM {@code Globals} merged into functions and APIs, resources whose condition is false removed, and every
 * reference resolved to its local value (see {@link #resolve(Object)}).
 */
public final class CfnTemplate {
    public static final String REGION = "us-east-1";
    public static final String ACCOUNT_ID = "000000000000";
    public static final String STACK_NAME = "tradebot-local";
    /** The REST API SAM creates for Api events that name no RestApiId. */
    public static final String IMPLICIT_REST_API = "ServerlessRestApi";

    private static final Pattern AWS_API_URL = Pattern.compile(
            "(https|wss)://([a-z0-9]+)\\.execute-api\\.[a-z0-9-]+\\.amazonaws\\.com(/[A-Za-z0-9_$-]+)?");

    private final Path directory;
    private final Map<String, Object> document;
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private final Map<String, Object> conditionExpressions;
    private final Map<String, Boolean> conditionValues = new HashMap<>();
    private final Map<String, Object> mappings;
    private final Map<String, CfnResource> resources = new LinkedHashMap<>();
    private final LocalBindings bindings;
    private final IntrinsicResolver resolver;

    private CfnTemplate(Path directory, Map<String, Object> document, Map<String, String> parameterOverrides,
            LocalBindings bindings) {
        this.directory = directory;
        this.document = document;
        this.bindings = bindings;
        this.conditionExpressions = map(document.get("Conditions"));
        this.mappings = map(document.get("Mappings"));
        this.resolver = new IntrinsicResolver(new LocalReferences());
        readParameters(parameterOverrides);
        readResources();
    }

    public static CfnTemplate load(Path file, Map<String, String> parameterOverrides, LocalBindings bindings) {
        Path absolute = file.toAbsolutePath().normalize();
        return new CfnTemplate(absolute.getParent(), asDocument(CfnYaml.load(absolute)), parameterOverrides, bindings);
    }

    public static CfnTemplate parse(String yaml, Path directory, Map<String, String> parameterOverrides,
            LocalBindings bindings) {
        return new CfnTemplate(directory, asDocument(CfnYaml.load(yaml)), parameterOverrides, bindings);
    }

    private static Map<String, Object> asDocument(Object loaded) {
        if (!(loaded instanceof Map<?, ?>)) {
            throw new TemplateException("A template must be a YAML mapping");
        }
        return map(loaded);
    }

    /** The folder of the template file: relative paths (CodeUri, DefinitionUri) start here. */
    public Path directory() {
        return directory;
    }

    public LocalBindings bindings() {
        return bindings;
    }

    public Map<String, CfnResource> resources() {
        return resources;
    }

    public List<CfnResource> resourcesOfType(String... types) {
        List<CfnResource> matching = new ArrayList<>();
        for (CfnResource resource : resources.values()) {
            if (resource.isType(types)) {
                matching.add(resource);
            }
        }
        return matching;
    }

    public Object parameter(String name) {
        return parameters.get(name);
    }

    /** Resolves every intrinsic function in {@code value} to its local value. */
    public Object resolve(Object value) {
        return resolver.resolve(value);
    }

    public boolean condition(String name) {
        Boolean known = conditionValues.get(name);
        if (known != null) {
            return known;
        }
        if (!conditionExpressions.containsKey(name)) {
            throw new TemplateException("Unknown condition: " + name);
        }
        conditionValues.put(name, false); // guards against a condition that refers to itself
        boolean value = resolver.evaluateCondition(conditionExpressions.get(name));
        conditionValues.put(name, value);
        return value;
    }

    /** The deterministic id the local platform gives an API (on AWS a random 10-character id). */
    public static String apiId(String logicalId) {
        String id = UUID.nameUUIDFromBytes(logicalId.getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
        return id.substring(0, 10);
    }

    public static String functionArn(String functionName) {
        return "arn:aws:lambda:" + REGION + ":" + ACCOUNT_ID + ":function:" + functionName;
    }

    public String functionName(String logicalId) {
        return stringProperty(require(logicalId), "FunctionName", logicalId);
    }

    public String tableName(String logicalId) {
        return stringProperty(require(logicalId), "TableName", logicalId);
    }

    public String queueName(String logicalId) {
        CfnResource queue = require(logicalId);
        boolean fifo = Boolean.parseBoolean(String.valueOf(resolve(queue.properties().getOrDefault("FifoQueue", false))));
        return stringProperty(queue, "QueueName", STACK_NAME + "-" + logicalId + (fifo ? ".fifo" : ""));
    }

    public String topicName(String logicalId) {
        CfnResource topic = require(logicalId);
        boolean fifo = Boolean.parseBoolean(String.valueOf(resolve(topic.properties().getOrDefault("FifoTopic", false))));
        return stringProperty(topic, "TopicName", STACK_NAME + "-" + logicalId + (fifo ? ".fifo" : ""));
    }

    public String stateMachineName(String logicalId) {
        CfnResource machine = require(logicalId);
        String property = machine.isType("AWS::Serverless::StateMachine") ? "Name" : "StateMachineName";
        return stringProperty(machine, property, STACK_NAME + "-" + logicalId);
    }

    public CfnResource require(String logicalId) {
        CfnResource resource = resources.get(logicalId);
        if (resource == null) {
            throw new TemplateException("Unknown resource: " + logicalId);
        }
        return resource;
    }

    private String stringProperty(CfnResource resource, String property, String fallback) {
        Object value = resource.properties().get(property);
        return value == null ? fallback : String.valueOf(resolve(value));
    }

    private void readParameters(Map<String, String> overrides) {
        Map<String, Object> declared = map(document.get("Parameters"));
        for (String name : overrides.keySet()) {
            if (!declared.containsKey(name)) {
                throw new TemplateException("Parameter override for an undeclared parameter: " + name);
            }
        }
        for (Map.Entry<String, Object> entry : declared.entrySet()) {
            Map<String, Object> definition = map(entry.getValue());
            Object value = overrides.containsKey(entry.getKey()) ? overrides.get(entry.getKey())
                    : definition.get("Default");
            if (value == null) {
                throw new TemplateException("Parameter " + entry.getKey() + " has no Default and no override");
            }
            List<?> allowed = definition.get("AllowedValues") instanceof List<?> list ? list : null;
            if (allowed != null && !allowed.stream().map(String::valueOf).toList().contains(String.valueOf(value))) {
                throw new TemplateException("Parameter " + entry.getKey() + " must be one of " + allowed);
            }
            String type = String.valueOf(definition.getOrDefault("Type", "String"));
            if (type.startsWith("CommaDelimitedList") || type.startsWith("List<")) {
                parameters.put(entry.getKey(), value instanceof List<?> ? value
                        : List.of(String.valueOf(value).split("\\s*,\\s*")));
            } else {
                parameters.put(entry.getKey(), String.valueOf(value));
            }
        }
    }

    private void readResources() {
        Map<String, Object> globals = map(document.get("Globals"));
        Map<String, Object> functionGlobals = map(globals.get("Function"));
        Map<String, Object> apiGlobals = map(globals.get("Api"));
        Map<String, Object> declared = map(document.get("Resources"));
        boolean implicitApiNeeded = false;
        for (Map.Entry<String, Object> entry : declared.entrySet()) {
            Map<String, Object> definition = map(entry.getValue());
            Object condition = definition.get("Condition");
            if (condition != null && !condition(String.valueOf(condition))) {
                continue;
            }
            String type = String.valueOf(definition.get("Type"));
            Map<String, Object> properties = map(definition.get("Properties"));
            if (type.equals("AWS::Serverless::Function")) {
                properties = deepMerge(functionGlobals, properties);
                implicitApiNeeded |= hasImplicitApiEvent(properties);
            } else if (type.equals("AWS::Serverless::Api")) {
                properties = deepMerge(apiGlobals, properties);
            }
            resources.put(entry.getKey(), new CfnResource(entry.getKey(), type, properties));
        }
        if (implicitApiNeeded && !resources.containsKey(IMPLICIT_REST_API)) {
            Map<String, Object> properties = deepMerge(apiGlobals, Map.of());
            properties.putIfAbsent("StageName", "Prod");
            resources.put(IMPLICIT_REST_API, new CfnResource(IMPLICIT_REST_API, "AWS::Serverless::Api", properties));
        }
    }

    private static boolean hasImplicitApiEvent(Map<String, Object> functionProperties) {
        for (Object event : map(functionProperties.get("Events")).values()) {
            Map<String, Object> definition = map(event);
            if ("Api".equals(definition.get("Type")) && !map(definition.get("Properties")).containsKey("RestApiId")) {
                return true;
            }
        }
        return false;
    }

    /** SAM's Globals rule: maps merge key by key, anything else in the resource replaces the global value. */
    static Map<String, Object> deepMerge(Map<String, Object> base, Map<String, Object> override) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        for (Map.Entry<String, Object> entry : override.entrySet()) {
            Object existing = merged.get(entry.getKey());
            if (existing instanceof Map<?, ?> && entry.getValue() instanceof Map<?, ?> && !isIntrinsic(entry.getValue())
                    && !isIntrinsic(existing)) {
                merged.put(entry.getKey(), deepMerge(map(existing), map(entry.getValue())));
            } else {
                merged.put(entry.getKey(), entry.getValue());
            }
        }
        return merged;
    }

    private static boolean isIntrinsic(Object value) {
        if (value instanceof Map<?, ?> map && map.size() == 1) {
            String key = String.valueOf(map.keySet().iterator().next());
            return key.equals("Ref") || key.startsWith("Fn::") || key.equals("Condition");
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        if (value == null) {
            return new LinkedHashMap<>();
        }
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new TemplateException("Expected a mapping, got: " + value);
    }

    /** What references resolve to on this machine, per resource type. */
    private final class LocalReferences implements IntrinsicResolver.References {

        @Override
        public Object ref(String name) {
            switch (name) {
                case "AWS::Region":
                    return REGION;
                case "AWS::AccountId":
                    return ACCOUNT_ID;
                case "AWS::StackName":
                    return STACK_NAME;
                case "AWS::StackId":
                    return "arn:aws:cloudformation:" + REGION + ":" + ACCOUNT_ID + ":stack/" + STACK_NAME + "/local";
                case "AWS::Partition":
                    return "aws";
                case "AWS::URLSuffix":
                    return "amazonaws.com";
                case "AWS::NoValue":
                    return IntrinsicResolver.NO_VALUE;
                case "AWS::NotificationARNs":
                    return List.of();
                default:
                    break;
            }
            if (parameters.containsKey(name)) {
                return parameters.get(name);
            }
            CfnResource resource = resources.get(name);
            if (resource == null && (name.endsWith(".Alias") || name.endsWith(".Version"))) {
                // SAM's AutoPublishAlias references: the function's alias (or version) ARN.
                String function = name.substring(0, name.lastIndexOf('.'));
                if (resources.containsKey(function)) {
                    return functionArn(functionName(function)) + (name.endsWith(".Alias") ? ":live" : ":1");
                }
            }
            if (resource == null) {
                String stage = stageReference(name);
                if (stage != null) {
                    return stage;
                }
                throw new TemplateException("Unresolvable reference: " + name
                        + " is neither a parameter, a pseudo parameter nor a resource of the template");
            }
            switch (resource.type()) {
                case "AWS::DynamoDB::Table":
                    return tableName(name);
                case "AWS::SQS::Queue":
                    return bindings.queueUrl(name);
                case "AWS::SNS::Topic":
                    return "arn:aws:sns:" + REGION + ":" + ACCOUNT_ID + ":" + topicName(name);
                case "AWS::Serverless::Function":
                case "AWS::Lambda::Function":
                    return functionName(name);
                case "AWS::Serverless::StateMachine":
                case "AWS::StepFunctions::StateMachine":
                    return stateMachineArn(name);
                case "AWS::Serverless::Api":
                case "AWS::ApiGateway::RestApi":
                case "AWS::ApiGatewayV2::Api":
                case "AWS::Serverless::HttpApi":
                    return apiId(name);
                case "AWS::ApiGatewayV2::Stage":
                case "AWS::ApiGateway::Stage":
                    return String.valueOf(resolve(resource.properties().getOrDefault("StageName", name)));
                default:
                    // Ids of resources that have no local counterpart (roles, policies, alarms): any stable value does.
                    return name;
            }
        }

        /** SAM names an API's stage resource {@code <Api><StageName>Stage}. */
        private String stageReference(String name) {
            for (CfnResource api : resourcesOfType("AWS::Serverless::Api")) {
                Object stageName = api.properties().get("StageName");
                if (stageName != null && name.equals(api.logicalId() + resolve(stageName) + "Stage")) {
                    return String.valueOf(resolve(stageName));
                }
            }
            return null;
        }

        @Override
        public Object getAtt(String logicalId, String attribute) {
            CfnResource resource = resources.get(logicalId);
            if (resource == null) {
                throw new TemplateException("Unresolvable reference: Fn::GetAtt " + logicalId + "." + attribute
                        + " names no resource of the template");
            }
            String key = resource.type() + "." + attribute;
            switch (key) {
                case "AWS::DynamoDB::Table.Arn":
                    return "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT_ID + ":table/" + tableName(logicalId);
                case "AWS::DynamoDB::Table.StreamArn":
                    return "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT_ID + ":table/" + tableName(logicalId)
                            + "/stream/local";
                case "AWS::SQS::Queue.Arn":
                    return "arn:aws:sqs:" + REGION + ":" + ACCOUNT_ID + ":" + queueName(logicalId);
                case "AWS::SQS::Queue.QueueName":
                    return queueName(logicalId);
                case "AWS::SQS::Queue.QueueUrl":
                    return bindings.queueUrl(logicalId);
                case "AWS::SNS::Topic.TopicArn":
                    return ref(logicalId);
                case "AWS::SNS::Topic.TopicName":
                    return topicName(logicalId);
                case "AWS::Serverless::Function.Arn":
                case "AWS::Lambda::Function.Arn":
                    return functionArn(functionName(logicalId));
                case "AWS::Serverless::StateMachine.Arn":
                case "AWS::StepFunctions::StateMachine.Arn":
                    return stateMachineArn(logicalId);
                case "AWS::Serverless::StateMachine.Name":
                case "AWS::StepFunctions::StateMachine.Name":
                    return stateMachineName(logicalId);
                case "AWS::ApiGatewayV2::Api.ApiEndpoint":
                    return rewriteUrl("wss://" + apiId(logicalId) + ".execute-api." + REGION + ".amazonaws.com");
                case "AWS::ApiGatewayV2::Api.ApiId":
                    return apiId(logicalId);
                case "AWS::Serverless::Api.Stage":
                    return String.valueOf(resolve(resource.properties().getOrDefault("StageName", "Prod")));
                case "AWS::ApiGateway::RestApi.RootResourceId":
                case "AWS::Serverless::Api.RootResourceId":
                    return "root";
                default:
                    if (attribute.equals("Arn")) {
                        return "arn:aws:local:" + REGION + ":" + ACCOUNT_ID + ":" + logicalId;
                    }
                    throw new TemplateException("Fn::GetAtt " + logicalId + "." + attribute
                            + " is not supported for " + resource.type() + " by the local platform");
            }
        }

        private String stateMachineArn(String logicalId) {
            return "arn:aws:states:" + REGION + ":" + ACCOUNT_ID + ":stateMachine:" + stateMachineName(logicalId);
        }

        @Override
        public boolean condition(String name) {
            return CfnTemplate.this.condition(name);
        }

        @Override
        public Object findInMap(String mapName, String topKey, String secondKey) {
            Map<String, Object> top = map(mappings.get(mapName));
            Object second = map(top.get(topKey)).get(secondKey);
            if (second == null) {
                throw new TemplateException("Fn::FindInMap found nothing at " + mapName + "/" + topKey + "/" + secondKey);
            }
            return second;
        }

        @Override
        public String rewriteUrl(String value) {
            if (!value.contains(".execute-api.")) {
                return value;
            }
            Matcher matcher = AWS_API_URL.matcher(value);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                matcher.appendReplacement(out, Matcher.quoteReplacement(localApiUrl(matcher)));
            }
            matcher.appendTail(out);
            return out.toString();
        }

        private String localApiUrl(Matcher awsUrl) {
            String apiId = awsUrl.group(2);
            String stage = awsUrl.group(3) == null ? "" : awsUrl.group(3);
            for (CfnResource api : resources.values()) {
                if (!apiId.equals(apiId(api.logicalId()))) {
                    continue;
                }
                if (api.isType("AWS::ApiGatewayV2::Api") && "WEBSOCKET".equals(
                        String.valueOf(api.properties().get("ProtocolType")).toUpperCase(Locale.ROOT))) {
                    String base = bindings.webSocketEndpoint().toString();
                    String scheme = awsUrl.group(1).equals("wss") ? "ws" : "http";
                    return scheme + base.substring(base.indexOf(':')) + stage;
                }
                // The local REST gateway serves every route at the root, without the stage prefix.
                return bindings.restEndpoint().toString();
            }
            return awsUrl.group();
        }
    }
}
