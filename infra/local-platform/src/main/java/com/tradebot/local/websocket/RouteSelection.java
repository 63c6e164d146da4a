package com.tradebot.local.websocket;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.local.lambda.EventConverter;
import com.tradebot.local.template.WebSocketApiDef;
import com.tradebot.local.template.WebSocketRouteDef;

/**
 * Evaluates a route selection expression such as {@code $request.body.action} against a message: the route of that
 * key if there is one, else {@code $default} (also for bodies that are not JSON), else null.
 */
final class RouteSelection {
    private static final String BODY_PREFIX = "$request.body.";

    private RouteSelection() {
    }

    static WebSocketRouteDef select(WebSocketApiDef api, String body) {
        String key = selectionKey(api.routeSelectionExpression(), body);
        if (key != null && !key.startsWith("$") && api.routes().containsKey(key)) {
            return api.routes().get(key);
        }
        return api.routes().get("$default");
    }

    private static String selectionKey(String expression, String body) {
        if (expression == null || !expression.startsWith(BODY_PREFIX)) {
            return null;
        }
        JsonNode node;
        try {
            node = EventConverter.mapper().readTree(body);
        } catch (Exception notJson) {
            return null;
        }
        for (String field : expression.substring(BODY_PREFIX.length()).split("\\.")) {
            if (node == null || !node.isObject()) {
                return null;
            }
            node = node.get(field);
        }
        return node != null && node.isValueNode() ? node.asText() : null;
    }
}
