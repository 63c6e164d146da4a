package com.tradebot.dynamodb.value;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An item as a table keeps it: unmodifiable, its attributes in the order given, names and values side by side in one
 * array. An unmodifiable LinkedHashMap of a 4-attribute item is 5 objects and ~320 bytes besides the values, this is 2
 * objects and ~70; every written item stays in the heap until it is overwritten, so the collector copies it at least
 * once (young collections copying recently written items were a large part of a write-heavy engine's GC work).
 * Items of more than {@link #MAX_ATTRIBUTES} attributes keep a hashed map, where a linear search would be slower.
 */
public final class StoredItem extends AbstractMap<String, AttributeValue> {
    static final int MAX_ATTRIBUTES = 16;

    /** name, value, name, value, ... */
    private final Object[] attributes;

    private StoredItem(Object[] attributes) {
        this.attributes = attributes;
    }

    /** An unmodifiable item with the attributes of {@code item}, in its iteration order; it is not used afterwards. */
    public static Map<String, AttributeValue> of(Map<String, AttributeValue> item) {
        if (item instanceof StoredItem) {
            return item;
        }
        int size = item.size();
        if (size > MAX_ATTRIBUTES) {
            return Collections.unmodifiableMap(item);
        }
        Object[] attributes = new Object[size * 2];
        int i = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            attributes[i++] = e.getKey();
            attributes[i++] = e.getValue();
        }
        return new StoredItem(attributes);
    }

    /** Collects attributes one by one, refusing a repeated name, into the item {@link #build()} returns. */
    public static final class Builder {
        private Object[] attributes = new Object[16];
        private int used;
        /** All attributes once there are more than {@link #MAX_ATTRIBUTES}; then the array is unused. */
        private LinkedHashMap<String, AttributeValue> large;

        /** Adds the attribute; false (and nothing added) when the name is there already. */
        public boolean add(String name, AttributeValue value) {
            if (large != null) {
                return large.putIfAbsent(name, value) == null;
            }
            for (int i = 0; i < used; i += 2) {
                if (attributes[i].equals(name)) {
                    return false;
                }
            }
            if (used == MAX_ATTRIBUTES * 2) {
                large = new LinkedHashMap<>(64);
                for (int i = 0; i < used; i += 2) {
                    large.put((String) attributes[i], (AttributeValue) attributes[i + 1]);
                }
                attributes = null;
                large.put(name, value);
                return true;
            }
            if (used == attributes.length) {
                attributes = Arrays.copyOf(attributes, attributes.length * 2);
            }
            attributes[used++] = name;
            attributes[used++] = value;
            return true;
        }

        public Map<String, AttributeValue> build() {
            return large != null ? Collections.unmodifiableMap(large) : new StoredItem(Arrays.copyOf(attributes, used));
        }
    }

    /** The name of the i-th attribute (0 ≤ i < size), for walks over an item that need no entry objects. */
    public String name(int i) {
        return (String) attributes[2 * i];
    }

    public AttributeValue value(int i) {
        return (AttributeValue) attributes[2 * i + 1];
    }

    private int indexOf(Object name) {
        for (int i = 0; i < attributes.length; i += 2) {
            if (attributes[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public int size() {
        return attributes.length / 2;
    }

    @Override
    public boolean isEmpty() {
        return attributes.length == 0;
    }

    @Override
    public boolean containsKey(Object name) {
        return name != null && indexOf(name) >= 0;
    }

    @Override
    public AttributeValue get(Object name) {
        if (name == null) {
            return null;
        }
        int i = indexOf(name);
        return i < 0 ? null : (AttributeValue) attributes[i + 1];
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super AttributeValue> action) {
        for (int i = 0; i < attributes.length; i += 2) {
            action.accept((String) attributes[i], (AttributeValue) attributes[i + 1]);
        }
    }

    @Override
    public Set<Map.Entry<String, AttributeValue>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, AttributeValue>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < attributes.length;
                    }

                    @Override
                    public Map.Entry<String, AttributeValue> next() {
                        if (next >= attributes.length) {
                            throw new NoSuchElementException();
                        }
                        Map.Entry<String, AttributeValue> entry = new SimpleImmutableEntry<>(
                                (String) attributes[next], (AttributeValue) attributes[next + 1]);
                        next += 2;
                        return entry;
                    }
                };
            }

            @Override
            public int size() {
                return attributes.length / 2;
            }
        };
    }
}
