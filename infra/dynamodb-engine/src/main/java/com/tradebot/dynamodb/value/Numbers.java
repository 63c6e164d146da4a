package com.tradebot.dynamodb.value;

import com.tradebot.dynamodb.DynamoDbException;

import java.math.BigDecimal;

/** DynamoDB's number rules: 38 significant digits, magnitude between 1E-130 and 9.99..E+125, normalised text. */
public final class Numbers {
    public static final int MAX_DIGITS = 38;
    private static final int MAX_EXPONENT = 125;
    private static final int MIN_EXPONENT = -130;

    private Numbers() {
    }

    /** Parses a number as DynamoDB reads it from the wire; errors carry DynamoDB's messages. */
    public static BigDecimal parse(String text) {
        if (text == null || text.isEmpty()) {
            throw DynamoDbException.validation("The parameter cannot be converted to a numeric value");
        }
        if (isShortInteger(text)) {
            return checked(BigDecimal.valueOf(Long.parseLong(text)));
        }
        BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException | ArithmeticException e) {
            throw DynamoDbException.validation("The parameter cannot be converted to a numeric value: " + text);
        }
        return checked(value);
    }

    /**
     * Digits only (after an optional sign), at most 18 of them: the usual number, which {@code new BigDecimal(text)}
     * would read into the same value (unscaled, scale 0) through a copy of its characters.
     */
    private static boolean isShortInteger(String text) {
        int length = text.length();
        int first = text.charAt(0) == '-' || text.charAt(0) == '+' ? 1 : 0;
        if (length == first || length - first > 18) {
            return false;
        }
        for (int i = first; i < length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Strips trailing zeros and checks range and precision; the canonical in-memory form. */
    public static BigDecimal checked(BigDecimal value) {
        if (value.signum() == 0) {
            return BigDecimal.ZERO;
        }
        if (value.scale() == 0 && value.precision() <= 18 && value.longValue() % 10 != 0) {
            // an integer of at most 18 digits without trailing zeros: already normal and within every limit (the usual
            // number, checked once when parsed and once more by AttributeValue.N; stripping allocated each time)
            return value;
        }
        BigDecimal normal = value.stripTrailingZeros();
        // exponent of the most significant digit, e.g. 1.5E+3 -> 3
        long exponent = (long) normal.precision() - normal.scale() - 1;
        if (exponent > MAX_EXPONENT) {
            throw DynamoDbException.validation(
                    "Number overflow. Attempting to store a number with magnitude larger than supported range");
        }
        if (exponent < MIN_EXPONENT) {
            throw DynamoDbException.validation(
                    "Number underflow. Attempting to store a number with magnitude smaller than supported range");
        }
        if (normal.precision() > MAX_DIGITS) {
            throw DynamoDbException.validation("Attempting to store more than 38 significant digits in a Number");
        }
        return normal;
    }

    /** DynamoDB's output form: plain notation, no trailing zeros, "0" for zero. */
    public static String format(BigDecimal value) {
        if (value.signum() == 0) {
            return "0";
        }
        if (value.scale() == 0 && value.precision() <= 18) {
            return Long.toString(value.longValue()); // an integer: its digits, without stripping (which allocates)
        }
        return value.stripTrailingZeros().toPlainString();
    }

    /** Exact sum (operands are bounded, so exact arithmetic is cheap), then DynamoDB's range checks. */
    public static BigDecimal add(BigDecimal a, BigDecimal b) {
        return checked(a.add(b));
    }

    public static BigDecimal subtract(BigDecimal a, BigDecimal b) {
        return checked(a.subtract(b));
    }
}
