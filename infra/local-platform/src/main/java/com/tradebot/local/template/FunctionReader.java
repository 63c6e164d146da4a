package com.tradebot.local.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code AWS::Serverless::Function}s: handler, runtime, limits, environment, events; ARN and name lookups. */
final class FunctionReader {
    private final CfnTemplate template;
    private final TemplateValues values;

    FunctionReader(TemplateValues values) {
        this.template = values.template();
        this.values = values;
    }

    List<FunctionDef> functions() {
        List<FunctionDef> functions = new ArrayList<>();
        for (CfnResource resource : template.resourcesOfType("AWS::Serverless::Function")) {
            functions.add(function(resource));
        }
        return functions;
    }

    FunctionDef function(String logicalId) {
        CfnResource resource = template.require(logicalId);
        if (!resource.isType("AWS::Serverless::Function")) {
            throw new TemplateException(logicalId + " is not an AWS::Serverless::Function");
        }
        return function(resource);
    }

    private FunctionDef function(CfnResource resource) {
        Map<String, Object> properties = resource.properties();
        String handler = values.text(properties.get("Handler"));
        if (handler == null) {
            throw new TemplateException("Function " + resource.logicalId() + " has no Handler");
        }
        Map<String, String> environment = new LinkedHashMap<>();
        Map<String, Object> variables = CfnTemplate.map(
                CfnTemplate.map(properties.get("Environment")).get("Variables"));
        for (Map.Entry<String, Object> variable : variables.entrySet()) {
            try {
                String value = values.text(variable.getValue());
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
            events.add(new FunctionEventDef(event.getKey(), values.text(definition.get("Type")),
                    CfnTemplate.map(template.resolve(definition.get("Properties")))));
        }
        return new FunctionDef(resource.logicalId(), template.functionName(resource.logicalId()), handler,
                values.text(properties.get("Runtime")), values.intValue(properties.get("Timeout"), 3),
                values.intValue(properties.get("MemorySize"), 128), environment, events);
    }

    /** The logical id of the function whose ARN appears in {@code text} (an ARN or an integration URI). */
    String functionIdInArn(String text) {
        for (CfnResource resource : template.resourcesOfType("AWS::Serverless::Function")) {
            String arn = CfnTemplate.functionArn(template.functionName(resource.logicalId()));
            if (text.equals(arn) || text.contains(arn + "/") || text.contains(arn + ":")) {
                return resource.logicalId();
            }
        }
        throw new TemplateException("No function of the template has the ARN in: " + text);
    }

    /** The logical id of the function with this ARN (possibly qualified) or name; null when none has it. */
    String functionIdForArnOrName(String arnOrName) {
        for (CfnResource resource : template.resourcesOfType("AWS::Serverless::Function")) {
            String name = template.functionName(resource.logicalId());
            String arn = CfnTemplate.functionArn(name);
            if (arnOrName.equals(name) || arnOrName.equals(arn) || arnOrName.startsWith(arn + ":")) {
                return resource.logicalId();
            }
        }
        return null;
    }
}
