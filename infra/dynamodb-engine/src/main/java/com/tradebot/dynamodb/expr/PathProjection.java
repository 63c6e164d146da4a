package com.tradebot.dynamodb.expr;

import com.tradebot.dynamodb.value.AttributeValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Copies a set of document paths out of an item, keeping their nesting; list elements keep their
 * original order, and paths that lead nowhere (missing, out of range, wrong type) are left out.
 */
final class PathProjection implements ProjectionExpression {
    private final Step root = new Step();

    PathProjection(List<Path> paths) {
        for (Path path : paths) {
            Step step = root;
            for (Path.Element element : path.elements()) {
                step = element instanceof Path.Name name
                        ? step.names.computeIfAbsent(name.name(), k -> new Step())
                        : step.indexes.computeIfAbsent(((Path.Index) element).index(), k -> new Step());
            }
            step.whole = true;
        }
    }

    @Override
    public java.util.Set<String> topLevelAttributes() {
        return root.names.keySet();
    }

    @Override
    public Map<String, AttributeValue> apply(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> result = new LinkedHashMap<>();
        root.names.forEach((name, step) -> {
            AttributeValue projected = step.project(item.get(name));
            if (projected != null) {
                result.put(name, projected);
            }
        });
        return result;
    }

    /** One node of the trie of requested paths. */
    private static final class Step {
        boolean whole;
        final Map<String, Step> names = new LinkedHashMap<>();
        final TreeMap<Integer, Step> indexes = new TreeMap<>();

        AttributeValue project(AttributeValue value) {
            if (value == null || whole) {
                return value;
            }
            if (value instanceof AttributeValue.M map && !names.isEmpty()) {
                Map<String, AttributeValue> kept = new LinkedHashMap<>();
                names.forEach((name, step) -> {
                    AttributeValue projected = step.project(map.value().get(name));
                    if (projected != null) {
                        kept.put(name, projected);
                    }
                });
                return kept.isEmpty() ? null : new AttributeValue.M(kept);
            }
            if (value instanceof AttributeValue.L list && !indexes.isEmpty()) {
                List<AttributeValue> kept = new ArrayList<>();
                indexes.forEach((index, step) -> {
                    if (index < list.value().size()) {
                        AttributeValue projected = step.project(list.value().get(index));
                        if (projected != null) {
                            kept.add(projected);
                        }
                    }
                });
                return kept.isEmpty() ? null : new AttributeValue.L(kept);
            }
            return null;
        }
    }
}
