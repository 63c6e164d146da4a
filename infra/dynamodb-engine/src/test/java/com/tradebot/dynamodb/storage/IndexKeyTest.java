package com.tradebot.dynamodb.storage;

import com.tradebot.dynamodb.value.AttributeValue;
import com.tradebot.dynamodb.value.Bytes;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * equals and hashCode agree with compareTo == 0 for the keys one ordered map holds (a table with or without a sort key,
 * its bounds, its index entries), values built apart, never shared.
 */
class IndexKeyTest {
    @Test
    void equalsHoldsExactlyWhenCompareToIsZero() {
        Random random = new Random(4);
        for (String type : List.of("S", "N", "B", "S-hash-only", "N-hash-only")) {
            boolean withRange = !type.endsWith("hash-only");
            List<IndexKey> keys = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                AttributeValue hash = value(type, random);
                AttributeValue range = withRange ? value(type, random) : null;
                IndexKey table = IndexKey.of(value(type, random), null);
                keys.add(switch (random.nextInt(5)) {
                    case 0 -> IndexKey.of(hash, range);
                    case 1 -> IndexKey.indexEntry(hash, range, table);
                    case 2 -> IndexKey.partitionBound(hash, random.nextBoolean() ? IndexKey.BEFORE : IndexKey.AFTER);
                    case 3 -> range == null ? IndexKey.of(hash, null)
                            : IndexKey.rangeBound(hash, range, random.nextBoolean() ? IndexKey.BEFORE : IndexKey.AFTER);
                    default -> IndexKey.tokenStart(IndexKey.token(hash));
                });
            }
            int equalPairs = 0;
            for (IndexKey a : keys) {
                for (IndexKey b : keys) {
                    boolean equal = a.equals(b);
                    assertThat(equal).as("%s vs %s", a, b).isEqualTo(a.compareTo(b) == 0);
                    if (equal) {
                        assertThat(a.hashCode()).isEqualTo(b.hashCode());
                        equalPairs += a == b ? 0 : 1;
                    }
                }
            }
            assertThat(equalPairs).as("equal keys built apart were compared").isPositive();
        }
    }

    /** Few distinct values (so that keys often coincide), each built anew. */
    private static AttributeValue value(String type, Random random) {
        int v = random.nextInt(4);
        return switch (type.substring(0, 1)) {
            case "S" -> new AttributeValue.S(new String(new char[] {'k', (char) ('a' + v)}));
            case "N" -> new AttributeValue.N(new BigDecimal(v == 3 ? "1.50" : Integer.toString(v)));
            default -> new AttributeValue.B(Bytes.of(new byte[] {(byte) v, 1}));
        };
    }
}
