package com.tradebot.local.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/** Typed access to a template's resolved values, shared by the per-family readers. */
final class TemplateValues {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final CfnTemplate template;

    TemplateValues(CfnTemplate template) {
        this.template = template;
    }

    CfnTemplate template() {
        return template;
    }

    /** The logical id a {@code !Ref X} / {@code !GetAtt X.Attr} points at, or the resolved value if it is neither. */
    String referencedId(Object raw) {
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
    String logicalIdOfArn(Object raw, String type) {
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

    String text(Object raw) {
        Object value = template.resolve(raw);
        if (value == null || value == IntrinsicResolver.NO_VALUE) {
            return null;
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw new TemplateException("Expected a scalar, got: " + value);
        }
        return String.valueOf(value);
    }

    List<String> strings(Object raw) {
        Object value = template.resolve(raw);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value).split("\\s*,\\s*"));
    }

    int intValue(Object raw, int defaultValue) {
        String value = text(raw);
        return value == null ? defaultValue : (int) Double.parseDouble(value);
    }

    boolean bool(Object raw, boolean defaultValue) {
        String value = text(raw);
        return value == null ? defaultValue : Boolean.parseBoolean(value);
    }

    /** SAM writes header values as quoted literals: {@code "'*'"}. */
    static String unquote(String value) {
        if (value != null && value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new TemplateException("Cannot write JSON: " + e.getMessage(), e);
        }
    }
}
