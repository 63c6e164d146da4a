package com.tradebot.dynamodb.value;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AttributeValuesTest {

    @Property
    void stringOrderIsUtf8ByteOrder(@ForAll String a, @ForAll String b) {
        int expected = Integer.signum(Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
        // unpaired surrogates have no UTF-8 form; Java encodes them as '?', so only compare well-formed strings
        if (isWellFormed(a) && isWellFormed(b)) {
            assertThat(Integer.signum(AttributeValues.compareUtf8(a, b))).isEqualTo(expected);
        }
    }

    @Property
    void utf8LengthMatchesTheEncoder(@ForAll String s) {
        if (isWellFormed(s)) {
            assertThat(AttributeValues.utf8Length(s)).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
        }
    }

    private static boolean isWellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    @Test
    void numbersAndBinariesOrderAsDynamoDbSortsThem() {
        assertThat(AttributeValues.compareKeys(AttributeValue.n("-10"), AttributeValue.n("2"))).isNegative();
        assertThat(AttributeValues.compareKeys(AttributeValue.n("10"), AttributeValue.n("9.99"))).isPositive();
        assertThat(AttributeValues.compareKeys(new AttributeValue.B(Bytes.of(new byte[] {(byte) 0x80})),
                new AttributeValue.B(Bytes.of(new byte[] {0x7F})))).isPositive();
    }

    @Test
    void equalityIsNumericAndIgnoresSetOrder() {
        assertThat(AttributeValues.equal(AttributeValue.n("1.0"), AttributeValue.n("1"))).isTrue();
        assertThat(AttributeValues.equal(new AttributeValue.SS(Set.of("a", "b")), new AttributeValue.SS(Set.of("b", "a")))).isTrue();
        assertThat(AttributeValues.equal(new AttributeValue.NS(Set.of(new BigDecimal("1.50"))),
                new AttributeValue.NS(Set.of(new BigDecimal("1.5"))))).isTrue();
        assertThat(AttributeValues.equal(new AttributeValue.L(List.of(AttributeValue.n("1"))),
                new AttributeValue.L(List.of(AttributeValue.n("1.00"))))).isTrue();
        assertThat(AttributeValues.equal(new AttributeValue.L(List.of(AttributeValue.s("a"), AttributeValue.s("b"))),
                new AttributeValue.L(List.of(AttributeValue.s("b"), AttributeValue.s("a"))))).isFalse();
        assertThat(AttributeValues.equal(AttributeValue.s("1"), AttributeValue.n("1"))).isFalse();
    }

    @Test
    void sizesFollowDynamoDbRules() {
        assertThat(AttributeValues.size(AttributeValue.s("héllo"))).isEqualTo(6);
        assertThat(AttributeValues.size(AttributeValue.n("0"))).isEqualTo(1);
        assertThat(AttributeValues.size(AttributeValue.n("1"))).isEqualTo(2);
        assertThat(AttributeValues.size(AttributeValue.n("12"))).isEqualTo(2);
        assertThat(AttributeValues.size(AttributeValue.n("123"))).isEqualTo(3);
        assertThat(AttributeValues.size(AttributeValue.n("-1"))).isEqualTo(3);
        assertThat(AttributeValues.size(AttributeValue.TRUE)).isEqualTo(1);
        assertThat(AttributeValues.size(AttributeValue.NULL)).isEqualTo(1);
        assertThat(AttributeValues.size(new AttributeValue.L(List.of(AttributeValue.s("ab"))))).isEqualTo(3 + 1 + 2);
        Map<String, AttributeValue> map = new LinkedHashMap<>();
        map.put("k", AttributeValue.s("ab"));
        assertThat(AttributeValues.size(new AttributeValue.M(map))).isEqualTo(3 + 1 + 1 + 2);
        assertThat(AttributeValues.itemSize(map)).isEqualTo(3);
    }
}
