package com.tradebot.dynamodb.expr;

import com.tradebot.dynamodb.value.AttributeValue;
import com.tradebot.dynamodb.value.AttributeValues;

import java.math.BigDecimal;

/** DynamoDB's comparison semantics: values of different types never compare, only S, N and B order. */
final class Comparisons {
    private Comparisons() {
    }

    /** True when both values exist, have the same type and that type is ordered (S, N or B). */
    static boolean ordered(AttributeValue a, AttributeValue b) {
        return a != null && b != null && isOrderedType(a) && a.type().equals(b.type());
    }

    static boolean isOrderedType(AttributeValue v) {
        return v instanceof AttributeValue.S || v instanceof AttributeValue.N || v instanceof AttributeValue.B;
    }

    static boolean equal(AttributeValue a, AttributeValue b) {
        return a != null && b != null && AttributeValues.equal(a, b);
    }

    static boolean between(AttributeValue v, AttributeValue low, AttributeValue high) {
        return ordered(v, low) && ordered(v, high)
                && AttributeValues.compareKeys(v, low) >= 0 && AttributeValues.compareKeys(v, high) <= 0;
    }

    static boolean beginsWith(AttributeValue v, AttributeValue prefix) {
        if (v instanceof AttributeValue.S s && prefix instanceof AttributeValue.S p) {
            return s.value().startsWith(p.value());
        }
        if (v instanceof AttributeValue.B b && prefix instanceof AttributeValue.B p) {
            return b.value().startsWith(p.value());
        }
        return false;
    }

    /** Substring of a string, member of a set, or element of a list. */
    static boolean contains(AttributeValue v, AttributeValue operand) {
        if (v == null || operand == null) {
            return false;
        }
        if (v instanceof AttributeValue.S s && operand instanceof AttributeValue.S sub) {
            return s.value().contains(sub.value());
        }
        if (v instanceof AttributeValue.B b && operand instanceof AttributeValue.B sub) {
            return b.value().contains(sub.value());
        }
        if (v instanceof AttributeValue.SS set && operand instanceof AttributeValue.S member) {
            return set.value().contains(member.value());
        }
        if (v instanceof AttributeValue.NS set && operand instanceof AttributeValue.N member) {
            BigDecimal wanted = member.value();
            return set.value().stream().anyMatch(n -> n.compareTo(wanted) == 0);
        }
        if (v instanceof AttributeValue.BS set && operand instanceof AttributeValue.B member) {
            return set.value().contains(member.value());
        }
        if (v instanceof AttributeValue.L list) {
            return list.value().stream().anyMatch(element -> AttributeValues.equal(element, operand));
        }
        return false;
    }

    /**
     * The value of {@code size(v)}: UTF-16 length of a string, bytes of a binary, members of a set, list or map;
     * null (no value, so every comparison is false) for a missing attribute and for N, BOOL and NULL.
     */
    static AttributeValue size(AttributeValue v) {
        if (v == null) {
            return null;
        }
        long size;
        if (v instanceof AttributeValue.S s) {
            // UTF-16 code units, as the service counts (size("é𝄞") = 3; see ExtendDB issue #60)
            size = s.value().length();
        } else if (v instanceof AttributeValue.B b) {
            size = b.value().length();
        } else if (v instanceof AttributeValue.SS ss) {
            size = ss.value().size();
        } else if (v instanceof AttributeValue.NS ns) {
            size = ns.value().size();
        } else if (v instanceof AttributeValue.BS bs) {
            size = bs.value().size();
        } else if (v instanceof AttributeValue.L l) {
            size = l.value().size();
        } else if (v instanceof AttributeValue.M m) {
            size = m.value().size();
        } else {
            size = -1;
        }
        return size < 0 ? null : AttributeValue.n(size);
    }
}
