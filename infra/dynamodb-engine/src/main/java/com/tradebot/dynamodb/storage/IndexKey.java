package com.tradebot.dynamodb.storage;

import com.tradebot.dynamodb.value.AttributeValue;
import com.tradebot.dynamodb.value.AttributeValues;

import java.math.BigDecimal;

/**
 * The position of an item in a table or index: ordered by a hash token of the partition key (so a Scan
 * spreads over partitions as DynamoDB's does and parallel-scan segments are token ranges), then the
 * partition key, then the sort key, then (in an index) the table key of the item.
 * Bound keys (bound = -1 / +1) sit just before / after every entry sharing their prefix; they delimit ranges.
 */
public final class IndexKey implements Comparable<IndexKey> {
    public static final byte BEFORE = -1;
    public static final byte EXACT = 0;
    public static final byte AFTER = 1;

    private final int token;
    private final AttributeValue hash;   // null only in a token bound
    private final AttributeValue range;  // null when the key has no range, or in a partition bound
    private final byte bound;
    private final IndexKey tableKey;     // the item's table key, for index entries

    /** Hash of token, sort key, bound and table key: items of one partition spread over a hash map's buckets. */
    private final int hashCode;

    private IndexKey(int token, AttributeValue hash, AttributeValue range, byte bound, IndexKey tableKey) {
        this.token = token;
        this.hash = hash;
        this.range = range;
        this.bound = bound;
        this.tableKey = tableKey;
        int h = token;
        if (range != null) {
            h = 31 * h + valueHash(range);
        }
        h = 31 * h + bound;
        if (tableKey != null) {
            h = 31 * h + tableKey.hashCode;
        }
        this.hashCode = h;
    }

    public static IndexKey of(AttributeValue hash, AttributeValue range) {
        return new IndexKey(token(hash), hash, range, EXACT, null);
    }

    public static IndexKey indexEntry(AttributeValue hash, AttributeValue range, IndexKey tableKey) {
        return new IndexKey(token(hash), hash, range, EXACT, tableKey);
    }

    /** Before (bound -1) or after (+1) every entry of the partition. */
    public static IndexKey partitionBound(AttributeValue hash, byte bound) {
        return new IndexKey(token(hash), hash, null, bound, null);
    }

    /** Before (-1) or after (+1) every entry with this partition and sort key value. */
    public static IndexKey rangeBound(AttributeValue hash, AttributeValue range, byte bound) {
        return new IndexKey(token(hash), hash, range, bound, null);
    }

    /** Before every entry whose token is at least {@code token} (unsigned). */
    public static IndexKey tokenStart(int token) {
        return new IndexKey(token, null, null, BEFORE, null);
    }

    public AttributeValue hash() {
        return hash;
    }

    public AttributeValue range() {
        return range;
    }

    public IndexKey tableKey() {
        return tableKey;
    }

    public int token() {
        return token;
    }

    /** A well-mixed, JVM-independent hash of a partition key value (murmur3's finaliser over a stable hash). */
    static int token(AttributeValue hash) {
        int h = valueHash(hash);
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    /** A stable hash of a key value, consistent with {@code AttributeValues.compareKeys} (numbers are normalised). */
    private static int valueHash(AttributeValue hash) {
        int h;
        if (hash instanceof AttributeValue.S s) {
            h = s.value().hashCode();
        } else if (hash instanceof AttributeValue.N n) {
            BigDecimal v = n.value();
            h = v.unscaledValue().hashCode() * 31 + v.scale();
        } else if (hash instanceof AttributeValue.B b) {
            h = b.value().hashCode();
        } else {
            throw new IllegalArgumentException("Key values are S, N or B");
        }
        return h;
    }

    @Override
    public int compareTo(IndexKey o) {
        int c = Integer.compareUnsigned(token, o.token);
        if (c != 0) {
            return c;
        }
        if (hash == null || o.hash == null) {
            return hash == null ? (o.hash == null ? Byte.compare(bound, o.bound) : bound) : -o.bound;
        }
        c = AttributeValues.compareKeys(hash, o.hash);
        if (c != 0) {
            return c;
        }
        if (range == null || o.range == null) {
            if (range == null && o.range == null) {
                c = Byte.compare(bound, o.bound);
                return c != 0 ? c : compareTableKeys(o);
            }
            // a partition bound against an entry of that partition
            return range == null ? bound : -o.bound;
        }
        c = AttributeValues.compareKeys(range, o.range);
        if (c != 0) {
            return c;
        }
        c = Byte.compare(bound, o.bound);
        return c != 0 ? c : compareTableKeys(o);
    }

    private int compareTableKeys(IndexKey o) {
        if (tableKey == null || o.tableKey == null) {
            return tableKey == null ? (o.tableKey == null ? 0 : -1) : 1;
        }
        return tableKey.compareTo(o.tableKey);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        // field by field, as compareTo(k) == 0 holds exactly when every field is equal: the cached hash, token and
        // bound first (unequal keys mostly differ there), then the values with String.equals (an intrinsic) instead
        // of the code-point ordering loop; every hash map lookup of a key ends here
        return o instanceof IndexKey k && hashCode == k.hashCode && token == k.token && bound == k.bound
                && sameValue(hash, k.hash) && sameValue(range, k.range)
                && (tableKey == null ? k.tableKey == null : tableKey.equals(k.tableKey));
    }

    private static boolean sameValue(AttributeValue a, AttributeValue b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof AttributeValue.S sa) {
            return b instanceof AttributeValue.S sb && sa.value().equals(sb.value());
        }
        return a.type().equals(b.type()) && AttributeValues.compareKeys(a, b) == 0;
    }

    @Override
    public int hashCode() {
        return hashCode;
    }

    @Override
    public String toString() {
        return "IndexKey[" + hash + ", " + range + (bound != 0 ? ", bound " + bound : "")
                + (tableKey != null ? ", " + tableKey : "") + "]";
    }
}
