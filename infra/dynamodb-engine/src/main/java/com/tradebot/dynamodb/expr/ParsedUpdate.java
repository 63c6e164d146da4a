package com.tradebot.dynamodb.expr;

import com.tradebot.dynamodb.value.AttributeValue;
import com.tradebot.dynamodb.value.Bytes;
import com.tradebot.dynamodb.value.Numbers;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An update expression ready to apply. All operands are read from the item as it was before the update;
 * then SET/ADD/DELETE writes go in path order (so several writes past a list's end append in index order)
 * and REMOVEs last, in descending path order (so list indexes keep referring to the original positions).
 */
final class ParsedUpdate implements UpdateExpression {
    /** Orders paths step by step: names alphabetically, indexes numerically. */
    private static final Comparator<Path> PATH_ORDER = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = compareElements(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    };

    private final List<UpdateAction> actions;
    private final Set<String> topLevelAttributes;
    private final PathProjection updatedPaths;

    ParsedUpdate(List<UpdateAction> actions) {
        this.actions = List.copyOf(actions);
        Set<String> names = new LinkedHashSet<>();
        for (UpdateAction action : actions) {
            names.add(action.path().topLevelName());
        }
        this.topLevelAttributes = Set.copyOf(names);
        this.updatedPaths = new PathProjection(actions.stream().map(UpdateAction::path).toList());
    }

    @Override
    public Set<String> topLevelAttributes() {
        return topLevelAttributes;
    }

    @Override
    public Map<String, AttributeValue> projectUpdated(Map<String, AttributeValue> item) {
        return updatedPaths.apply(item);
    }

    @Override
    public Map<String, AttributeValue> apply(Map<String, AttributeValue> item) {
        return apply(item, item.isEmpty());
    }

    @Override
    public Map<String, AttributeValue> applyToNewItem(Map<String, AttributeValue> keyAttributes) {
        return apply(keyAttributes, true);
    }

    private Map<String, AttributeValue> apply(Map<String, AttributeValue> item, boolean itemMissing) {
        record Write(Path path, AttributeValue value) {
        }
        List<Write> writes = new ArrayList<>();
        List<Path> removals = new ArrayList<>();
        for (UpdateAction action : actions) {
            if (action instanceof UpdateAction.Set set) {
                writes.add(new Write(set.path(), set.value().evaluate(item)));
            } else if (action instanceof UpdateAction.Add add) {
                writes.add(new Write(add.path(), added(Documents.get(item, add.path()), add.value())));
            } else if (action instanceof UpdateAction.Delete delete) {
                AttributeValue existing = Documents.get(item, delete.path());
                if (existing != null) {
                    AttributeValue remaining = deleted(existing, delete.value());
                    if (remaining == null) {
                        removals.add(delete.path()); // an emptied set disappears
                    } else {
                        writes.add(new Write(delete.path(), remaining));
                    }
                }
            } else {
                removals.add(action.path());
            }
        }
        // DynamoDB ignores REMOVE of a nested path when the item does not exist at all
        Map<String, AttributeValue> result = new LinkedHashMap<>(item);
        writes.sort(Comparator.comparing(Write::path, PATH_ORDER));
        for (Write write : writes) {
            Documents.put(result, write.path(), write.value());
        }
        removals.sort(PATH_ORDER.reversed());
        for (Path path : removals) {
            if (!(itemMissing && path.isNested())) {
                Documents.remove(result, path);
            }
        }
        return result;
    }

    /** ADD: a number to a number, or a set's members to a set of the same type; absent counts as zero/empty. */
    private static AttributeValue added(AttributeValue existing, AttributeValue operand) {
        if (existing == null) {
            return operand;
        }
        if (existing instanceof AttributeValue.N a && operand instanceof AttributeValue.N b) {
            return new AttributeValue.N(Numbers.add(a.value(), b.value()));
        }
        if (existing instanceof AttributeValue.SS a && operand instanceof AttributeValue.SS b) {
            Set<String> union = new LinkedHashSet<>(a.value());
            union.addAll(b.value());
            return new AttributeValue.SS(union);
        }
        if (existing instanceof AttributeValue.NS a && operand instanceof AttributeValue.NS b) {
            Set<BigDecimal> union = new LinkedHashSet<>(a.value());
            union.addAll(b.value());
            return new AttributeValue.NS(union);
        }
        if (existing instanceof AttributeValue.BS a && operand instanceof AttributeValue.BS b) {
            Set<Bytes> union = new LinkedHashSet<>(a.value());
            union.addAll(b.value());
            return new AttributeValue.BS(union);
        }
        throw ExpressionErrors.wrongOperandType();
    }

    /** DELETE: the set without the operand's members, or null when nothing remains. */
    private static AttributeValue deleted(AttributeValue existing, AttributeValue operand) {
        if (existing instanceof AttributeValue.SS a && operand instanceof AttributeValue.SS b) {
            Set<String> rest = new LinkedHashSet<>(a.value());
            rest.removeAll(b.value());
            return rest.isEmpty() ? null : new AttributeValue.SS(rest);
        }
        if (existing instanceof AttributeValue.NS a && operand instanceof AttributeValue.NS b) {
            Set<BigDecimal> rest = new LinkedHashSet<>(a.value());
            rest.removeAll(b.value());
            return rest.isEmpty() ? null : new AttributeValue.NS(rest);
        }
        if (existing instanceof AttributeValue.BS a && operand instanceof AttributeValue.BS b) {
            Set<Bytes> rest = new LinkedHashSet<>(a.value());
            rest.removeAll(b.value());
            return rest.isEmpty() ? null : new AttributeValue.BS(rest);
        }
        throw ExpressionErrors.wrongOperandType();
    }

    private static int compareElements(Path.Element a, Path.Element b) {
        if (a instanceof Path.Index ia && b instanceof Path.Index ib) {
            return Integer.compare(ia.index(), ib.index());
        }
        if (a instanceof Path.Name na && b instanceof Path.Name nb) {
            return na.name().compareTo(nb.name());
        }
        return a instanceof Path.Name ? -1 : 1;
    }
}
