package com.tradebot.dynamodb.protocol;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * The fields of a parsed JSON object, in document order, with a later duplicate replacing the earlier value in place
 * (as {@link LinkedHashMap} behaves in Jackson's {@code ObjectNode}). Nearly every object in a DynamoDB request has
 * one to a few fields ({@code {"S": "..."}} is most of them), and a LinkedHashMap for each — a map, a 16-slot table
 * and a 40-byte entry per field, grown by rehashing — was the largest share of a request's garbage in a profile.
 * Up to {@link #MAX_SMALL} fields live in an array searched linearly; a larger object moves to a LinkedHashMap.
 */
final class SmallObjectMap extends AbstractMap<String, JsonNode> {
    static final int MAX_SMALL = 8;

    private Field[] fields = new Field[2];
    private int size;
    private int modifications;
    /** All fields once the object outgrew the array; then the array is unused. */
    private LinkedHashMap<String, JsonNode> large;

    private static final class Field implements Map.Entry<String, JsonNode> {
        final String key;
        JsonNode value;

        Field(String key, JsonNode value) {
            this.key = key;
            this.value = value;
        }

        @Override
        public String getKey() {
            return key;
        }

        @Override
        public JsonNode getValue() {
            return value;
        }

        @Override
        public JsonNode setValue(JsonNode newValue) {
            JsonNode old = value;
            value = newValue;
            return old;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Map.Entry<?, ?> e && key.equals(e.getKey()) && Objects.equals(value, e.getValue());
        }

        @Override
        public int hashCode() {
            return key.hashCode() ^ Objects.hashCode(value);
        }

        @Override
        public String toString() {
            return key + "=" + value;
        }
    }

    private int indexOf(Object key) {
        for (int i = 0; i < size; i++) {
            if (fields[i].key.equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public int size() {
        return large != null ? large.size() : size;
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public boolean containsKey(Object key) {
        return large != null ? large.containsKey(key) : indexOf(key) >= 0;
    }

    @Override
    public JsonNode get(Object key) {
        if (large != null) {
            return large.get(key);
        }
        int i = indexOf(key);
        return i < 0 ? null : fields[i].value;
    }

    @Override
    public JsonNode put(String key, JsonNode value) {
        Objects.requireNonNull(key, "key");
        if (large != null) {
            return large.put(key, value);
        }
        int i = indexOf(key);
        if (i >= 0) {
            return fields[i].setValue(value);
        }
        if (size == MAX_SMALL) {
            large = new LinkedHashMap<>(32);
            for (int j = 0; j < size; j++) {
                large.put(fields[j].key, fields[j].value);
            }
            fields = null;
            size = 0;
            modifications++;
            return large.put(key, value);
        }
        if (size == fields.length) {
            Field[] grown = new Field[Math.min(MAX_SMALL, size * 2)];
            System.arraycopy(fields, 0, grown, 0, size);
            fields = grown;
        }
        fields[size++] = new Field(key, value);
        modifications++;
        return null;
    }

    @Override
    public JsonNode remove(Object key) {
        if (large != null) {
            return large.remove(key);
        }
        int i = indexOf(key);
        if (i < 0) {
            return null;
        }
        JsonNode old = fields[i].value;
        removeAt(i);
        return old;
    }

    private void removeAt(int i) {
        System.arraycopy(fields, i + 1, fields, i, size - i - 1);
        fields[--size] = null;
        modifications++;
    }

    @Override
    public void clear() {
        if (large != null) {
            large.clear();
            return;
        }
        for (int i = 0; i < size; i++) {
            fields[i] = null;
        }
        size = 0;
        modifications++;
    }

    @Override
    public Set<Map.Entry<String, JsonNode>> entrySet() {
        if (large != null) {
            return large.entrySet();
        }
        return new AbstractSet<>() {
            @Override
            public int size() {
                return SmallObjectMap.this.size();
            }

            @Override
            public Iterator<Map.Entry<String, JsonNode>> iterator() {
                if (large != null) {
                    return large.entrySet().iterator();
                }
                return new Iterator<>() {
                    private int next;
                    private int last = -1;
                    private int expected = modifications;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Map.Entry<String, JsonNode> next() {
                        if (expected != modifications) {
                            throw new ConcurrentModificationException();
                        }
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        last = next++;
                        return fields[last];
                    }

                    @Override
                    public void remove() {
                        if (last < 0) {
                            throw new IllegalStateException();
                        }
                        if (expected != modifications) {
                            throw new ConcurrentModificationException();
                        }
                        removeAt(last);
                        next = last;
                        last = -1;
                        expected = modifications;
                    }
                };
            }
        };
    }
}
