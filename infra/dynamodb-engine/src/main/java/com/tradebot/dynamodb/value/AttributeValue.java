package com.tradebot.dynamodb.value;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.tradebot.dynamodb.DynamoDbException;

/** A DynamoDB attribute value. Immutable. */
public sealed interface AttributeValue permits AttributeValue.S, AttributeValue.N, AttributeValue.B, AttributeValue.Bool,
        AttributeValue.Null, AttributeValue.M, AttributeValue.L, AttributeValue.SS, AttributeValue.NS, AttributeValue.BS {

    Null NULL = new Null();
    Bool TRUE = new Bool(true);
    Bool FALSE = new Bool(false);

    /** "S","N","B","BOOL","NULL","M","L","SS","NS","BS". */
    String type();

    static S s(String value) {
        return new S(value);
    }

    static N n(String text) {
        return new N(Numbers.parse(text));
    }

    static N n(long value) {
        return new N(BigDecimal.valueOf(value));
    }

    record S(String value) implements AttributeValue {
        public S {
            if (value == null) {
                throw new NullPointerException("value");
            }
        }

        public String type() {
            return "S";
        }
    }

    /** Always normalised (trailing zeros stripped, range and 38-digit precision checked). */
    record N(BigDecimal value) implements AttributeValue {
        public N {
            value = Numbers.checked(value);
        }

        public String type() {
            return "N";
        }

        /** DynamoDB's normalised text (the wire form). */
        @Override
        public String toString() {
            return Numbers.format(value);
        }
    }

    record B(Bytes value) implements AttributeValue {
        public B {
            if (value == null) {
                throw new NullPointerException("value");
            }
        }

        public String type() {
            return "B";
        }
    }

    record Bool(boolean value) implements AttributeValue {
        public String type() {
            return "BOOL";
        }
    }

    record Null() implements AttributeValue {
        public String type() {
            return "NULL";
        }
    }

    /** Unmodifiable, insertion-ordered. */
    record M(Map<String, AttributeValue> value) implements AttributeValue {
        public M {
            value = Collections.unmodifiableMap(new LinkedHashMap<>(value));
        }

        public String type() {
            return "M";
        }
    }

    record L(List<AttributeValue> value) implements AttributeValue {
        public L {
            value = List.copyOf(value);
        }

        public String type() {
            return "L";
        }
    }

    /** Unmodifiable, insertion-ordered, never empty. */
    record SS(Set<String> value) implements AttributeValue {
        public SS {
            if (value.isEmpty()) {
                throw DynamoDbException.validation("One or more parameter values were invalid: An string set  may not be empty");
            }
            value = Collections.unmodifiableSet(new LinkedHashSet<>(value));
        }

        public String type() {
            return "SS";
        }
    }

    /** Members normalised; never empty. */
    record NS(Set<BigDecimal> value) implements AttributeValue {
        public NS {
            if (value.isEmpty()) {
                throw DynamoDbException.validation("One or more parameter values were invalid: An number set  may not be empty");
            }
            LinkedHashSet<BigDecimal> normal = new LinkedHashSet<>(value.size() * 2);
            for (BigDecimal member : value) {
                normal.add(Numbers.checked(member));
            }
            value = Collections.unmodifiableSet(normal);
        }

        public String type() {
            return "NS";
        }
    }

    record BS(Set<Bytes> value) implements AttributeValue {
        public BS {
            if (value.isEmpty()) {
                throw DynamoDbException.validation("One or more parameter values were invalid: Binary sets should not be empty");
            }
            value = Collections.unmodifiableSet(new LinkedHashSet<>(value));
        }

        public String type() {
            return "BS";
        }
    }
}
