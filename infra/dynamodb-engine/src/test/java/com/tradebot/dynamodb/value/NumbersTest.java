package com.tradebot.dynamodb.value;

import com.tradebot.dynamodb.DynamoDbException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NumbersTest {

    @Test
    void normalisesToPlainTextWithoutTrailingZeros() {
        assertThat(Numbers.format(Numbers.parse("1.500"))).isEqualTo("1.5");
        assertThat(Numbers.format(Numbers.parse("1e3"))).isEqualTo("1000");
        assertThat(Numbers.format(Numbers.parse("-0.00"))).isEqualTo("0");
        assertThat(Numbers.format(Numbers.parse("+3"))).isEqualTo("3");
        assertThat(Numbers.format(Numbers.parse("0.0001"))).isEqualTo("0.0001");
        assertThat(Numbers.format(Numbers.parse("-12.3400"))).isEqualTo("-12.34");
    }

    @Test
    void shortIntegersReadAsTheGeneralParserReadsThem() {
        java.util.Random random = new java.util.Random(23);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder(List.of("", "-", "+").get(random.nextInt(3)));
            int digits = 1 + random.nextInt(20);
            for (int i = 0; i < digits; i++) {
                text.append((char) ('0' + (random.nextInt(4) == 0 ? 0 : random.nextInt(10))));
            }
            BigDecimal general = Numbers.checked(new BigDecimal(text.toString()));
            BigDecimal parsed = Numbers.parse(text.toString());
            assertThat(parsed).as(text.toString()).isEqualTo(general); // BigDecimal.equals: value and scale
            assertThat(Numbers.format(parsed)).isEqualTo(Numbers.format(general));
        }
    }

    @Test
    void enforcesPrecisionAndMagnitude() {
        assertThat(Numbers.parse("9.9999999999999999999999999999999999999E+125")).isNotNull();
        assertThat(Numbers.parse("1E-130")).isNotNull();
        assertThatThrownBy(() -> Numbers.parse("1E+126")).hasMessageContaining("Number overflow");
        assertThatThrownBy(() -> Numbers.parse("1E-131")).hasMessageContaining("Number underflow");
        assertThatThrownBy(() -> Numbers.parse("1234567890123456789012345678901234567891"))
                .hasMessage("Attempting to store more than 38 significant digits in a Number");
        // trailing zeros are not significant
        assertThat(Numbers.parse("12345678901234567890123456789012345678000")).isNotNull();
        assertThatThrownBy(() -> Numbers.parse("")).isInstanceOf(DynamoDbException.class)
                .hasMessage("The parameter cannot be converted to a numeric value");
        assertThatThrownBy(() -> Numbers.parse("1.2.3"))
                .hasMessage("The parameter cannot be converted to a numeric value: 1.2.3");
        assertThatThrownBy(() -> Numbers.parse("Infinity")).isInstanceOf(DynamoDbException.class);
    }

    @Test
    void arithmeticChecksTheResult() {
        assertThat(Numbers.add(new BigDecimal("0.1"), new BigDecimal("0.2"))).isEqualByComparingTo("0.3");
        assertThat(Numbers.subtract(new BigDecimal("1"), new BigDecimal("1"))).isEqualTo(BigDecimal.ZERO);
        BigDecimal big = Numbers.parse("9.9999999999999999999999999999999999999E+125");
        assertThatThrownBy(() -> Numbers.add(big, big)).hasMessageContaining("Number overflow");
        assertThatThrownBy(() -> Numbers.add(Numbers.parse("1E+37"), Numbers.parse("0.1")))
                .hasMessage("Attempting to store more than 38 significant digits in a Number");
    }
}
