package com.tradebot.dynamodb.expr;

import com.tradebot.dynamodb.value.AttributeValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads and copy-on-write edits of document paths inside items. */
final class Documents {
    private Documents() {
    }

    /** The value at {@code path}, or null when any step is missing or of the wrong type. */
    static AttributeValue get(Map<String, AttributeValue> item, Path path) {
        AttributeValue current = item.get(path.topLevelName());
        for (int i = 1; i < path.size() && current != null; i++) {
            current = child(current, path.get(i));
        }
        return current;
    }

    private static AttributeValue child(AttributeValue node, Path.Element element) {
        if (element instanceof Path.Name name && node instanceof AttributeValue.M map) {
            return map.value().get(name.name());
        }
        if (element instanceof Path.Index index && node instanceof AttributeValue.L list) {
            return index.index() < list.value().size() ? list.value().get(index.index()) : null;
        }
        return null;
    }

    /** Sets {@code path} in the mutable top-level map; a list index past the end appends. */
    static void put(Map<String, AttributeValue> item, Path path, AttributeValue value) {
        edit(item, path, new LeafEdit() {
            @Override
            public void onMap(Map<String, AttributeValue> map, String name) {
                map.put(name, value);
            }

            @Override
            public void onList(List<AttributeValue> list, int index) {
                if (index < list.size()) {
                    list.set(index, value);
                } else {
                    list.add(value);
                }
            }
        });
    }

    /** Removes {@code path} from the mutable top-level map; a missing last step is not an error. */
    static void remove(Map<String, AttributeValue> item, Path path) {
        edit(item, path, new LeafEdit() {
            @Override
            public void onMap(Map<String, AttributeValue> map, String name) {
                map.remove(name);
            }

            @Override
            public void onList(List<AttributeValue> list, int index) {
                if (index < list.size()) {
                    list.remove(index);
                }
            }
        });
    }

    private interface LeafEdit {
        void onMap(Map<String, AttributeValue> map, String name);

        void onList(List<AttributeValue> list, int index);
    }

    private static void edit(Map<String, AttributeValue> item, Path path, LeafEdit edit) {
        String top = path.topLevelName();
        if (!path.isNested()) {
            edit.onMap(item, top);
            return;
        }
        AttributeValue root = item.get(top);
        if (root == null) {
            throw ExpressionErrors.invalidUpdatePath();
        }
        item.put(top, edited(root, path, 1, edit));
    }

    /** Rebuilds {@code node} (the value reached by the first {@code i} steps) with the edit applied below it. */
    private static AttributeValue edited(AttributeValue node, Path path, int i, LeafEdit edit) {
        Path.Element element = path.get(i);
        boolean last = i == path.size() - 1;
        if (element instanceof Path.Name name && node instanceof AttributeValue.M map) {
            Map<String, AttributeValue> copy = new LinkedHashMap<>(map.value());
            if (last) {
                edit.onMap(copy, name.name());
            } else {
                AttributeValue child = copy.get(name.name());
                if (child == null) {
                    throw ExpressionErrors.invalidUpdatePath();
                }
                copy.put(name.name(), edited(child, path, i + 1, edit));
            }
            return new AttributeValue.M(copy);
        }
        if (element instanceof Path.Index index && node instanceof AttributeValue.L list) {
            List<AttributeValue> copy = new ArrayList<>(list.value());
            if (last) {
                edit.onList(copy, index.index());
            } else {
                if (index.index() >= copy.size()) {
                    throw ExpressionErrors.invalidUpdatePath();
                }
                copy.set(index.index(), edited(copy.get(index.index()), path, i + 1, edit));
            }
            return new AttributeValue.L(copy);
        }
        throw ExpressionErrors.invalidUpdatePath();
    }
}
