package com.tradebot.local.template;

import java.util.Map;

/** One resource of the template, its properties still unresolved (intrinsics in long form). */
public record CfnResource(String logicalId, String type, Map<String, Object> properties) {
    public CfnResource {
        properties = properties == null ? Map.of() : properties;
    }

    public boolean isType(String... types) {
        for (String candidate : types) {
            if (candidate.equals(type)) {
                return true;
            }
        }
        return false;
    }
}
