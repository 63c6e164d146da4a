package com.tradebot.dynamodb.value;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Comparison, equality and size of attribute values, by DynamoDB's rules. */
public final class AttributeValues {
    private AttributeValues() {
    }

    /** Orders key values of the same scalar type: S by UTF-8 bytes, N numerically, B unsigned bytes. */
    public static int compareKeys(AttributeValue a, AttributeValue b) {
        if (a instanceof AttributeValue.S sa && b instanceof AttributeValue.S sb) {
            return compareUtf8(sa.value(), sb.value());
        }
        if (a instanceof AttributeValue.N na && b instanceof AttributeValue.N nb) {
            return na.value().compareTo(nb.value());
        }
        if (a instanceof AttributeValue.B ba && b instanceof AttributeValue.B bb) {
            return ba.value().compareTo(bb.value());
        }
        throw new IllegalArgumentException("Cannot order " + a.type() + " against " + b.type());
    }

    /**
     * Compares strings as their UTF-8 encodings would compare, i.e. by code point, without encoding them.
     * UTF-16 order differs from code point order only between surrogates and U+E000..U+FFFF; shift those.
     */
    public static int compareUtf8(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char ca = a.charAt(i);
            char cb = b.charAt(i);
            if (ca != cb) {
                if (ca >= 0xD800 && cb >= 0xD800) {
                    return codePointOrder(ca) - codePointOrder(cb);
                }
                return ca - cb;
            }
        }
        return a.length() - b.length();
    }

    private static int codePointOrder(char c) {
        return c >= 0xE000 ? c - 0x800 : c + 0x2000;
    }

    /** DynamoDB equality: numbers numerically, sets ignoring order, maps and lists deeply. */
    public static boolean equal(AttributeValue a, AttributeValue b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null || !a.type().equals(b.type())) {
            return false;
        }
        if (a instanceof AttributeValue.N na) {
            return na.value().compareTo(((AttributeValue.N) b).value()) == 0;
        }
        if (a instanceof AttributeValue.M ma) {
            Map<String, AttributeValue> mb = ((AttributeValue.M) b).value();
            if (ma.value().size() != mb.size()) {
                return false;
            }
            for (Map.Entry<String, AttributeValue> e : ma.value().entrySet()) {
                if (!equal(e.getValue(), mb.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof AttributeValue.L la) {
            List<AttributeValue> lb = ((AttributeValue.L) b).value();
            if (la.value().size() != lb.size()) {
                return false;
            }
            Iterator<AttributeValue> ib = lb.iterator();
            for (AttributeValue v : la.value()) {
                if (!equal(v, ib.next())) {
                    return false;
                }
            }
            return true;
        }
        // S, B, BOOL, NULL and sets (normalised members, Set.equals ignores order)
        return a.equals(b);
    }

    /** Size of a value as DynamoDB counts it towards the 400 KB item limit. */
    public static long size(AttributeValue v) {
        // the common scalar types first, without switching on the type's name
        if (v instanceof AttributeValue.S s) {
            return utf8Length(s.value());
        }
        if (v instanceof AttributeValue.N n) {
            return numberSize(n.value());
        }
        return switch (v.type()) {
            case "S" -> utf8Length(((AttributeValue.S) v).value());
            case "N" -> numberSize(((AttributeValue.N) v).value());
            case "B" -> ((AttributeValue.B) v).value().length();
            case "BOOL", "NULL" -> 1;
            case "SS" -> {
                long sum = 0;
                for (String s : ((AttributeValue.SS) v).value()) {
                    sum += utf8Length(s);
                }
                yield sum;
            }
            case "NS" -> {
                long sum = 0;
                for (BigDecimal n : ((AttributeValue.NS) v).value()) {
                    sum += numberSize(n);
                }
                yield sum;
            }
            case "BS" -> {
                long sum = 0;
                for (Bytes b : ((AttributeValue.BS) v).value()) {
                    sum += b.length();
                }
                yield sum;
            }
            case "L" -> {
                // 3 bytes for the list plus 1 per element
                long sum = 3;
                for (AttributeValue e : ((AttributeValue.L) v).value()) {
                    sum += 1 + size(e);
                }
                yield sum;
            }
            case "M" -> {
                long sum = 3;
                for (Map.Entry<String, AttributeValue> e : ((AttributeValue.M) v).value().entrySet()) {
                    sum += 1 + utf8Length(e.getKey()) + size(e.getValue());
                }
                yield sum;
            }
            default -> throw new IllegalStateException(v.type());
        };
    }

    /** Sum of attribute name lengths (UTF-8) and value sizes. */
    public static long itemSize(Map<String, AttributeValue> item) {
        long sum = 0;
        if (item instanceof StoredItem stored) { // without an entry object per attribute
            for (int i = 0, n = stored.size(); i < n; i++) {
                sum += utf8Length(stored.name(i)) + size(stored.value(i));
            }
            return sum;
        }
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            sum += utf8Length(e.getKey()) + size(e.getValue());
        }
        return sum;
    }

    /**
     * DynamoDB stores numbers as base-100 digit pairs aligned on even exponents, plus one byte
     * (and one more for negatives); computed here because no library knows this layout.
     * {@code n} has no trailing zeros (as every N and NS member has).
     */
    static long numberSize(BigDecimal n) {
        if (n.signum() == 0) {
            return 1;
        }
        // the values of N and the members of NS are normalised when constructed (Numbers.checked), the only values this
        // sizes: stripping them again allocated a BigDecimal per number and was most of itemSize's cost in a profile,
        // which every write pays (the 400 KB check) and a transaction twice
        BigDecimal normal = n;
        int digits = normal.precision();
        int top = digits - normal.scale() - 1;
        int bottom = top - digits + 1;
        long pairs = Math.floorDiv(top, 2) - Math.floorDiv(bottom, 2) + 1;
        return 1 + pairs + (n.signum() < 0 ? 1 : 0);
    }

    public static int utf8Length(String s) {
        int n = s.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    bytes += 2; // 4 bytes for the pair of 2 chars
                    i++;
                } else {
                    bytes += 2;
                }
            }
        }
        return bytes;
    }

    /** UTF-8 bytes of a string (for key-size checks and hashing). */
    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
