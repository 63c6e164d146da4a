package com.tradebot.strategy.pine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** What a Pine expression evaluates to while translating: constants, series (rule operands), conditions, tuples. */
sealed interface PineValue {

    /** A number; {@code parameter} names the declared rule parameter it stands for (null for a literal). */
    record Num(double value, String parameter) implements PineValue {
    }

    /** An {@code input.int/float/input()} call not yet bound to a parameter name. */
    record Input(double value, boolean integer, Double min, Double max) implements PineValue {
    }

    record Bool(boolean value) implements PineValue {
    }

    record Text(String value) implements PineValue {
    }

    /** A price or indicator: {@code operand} goes into the rule document, {@code definition} is its indicator (or null for a price). */
    record Series(JsonNode operand, ObjectNode definition) implements PineValue {
    }

    /** left − right, kept symbolic: usable compared with 0, or as MACD when both are EMAs of one input. */
    record Diff(Series left, Series right) implements PineValue {
    }

    /** factor × series, kept symbolic for Bollinger bands written by hand. */
    record Scaled(Num factor, Series series) implements PineValue {
    }

    record Cond(JsonNode node) implements PineValue {
    }

    record Tuple(List<PineValue> items) implements PineValue {
    }

    /** A named constant such as strategy.long or color.red. */
    record Constant(String name) implements PineValue {
    }

    /** strategy.position_avg_price × factor: the form stop and limit prices are written in. */
    record AvgPrice(double factor) implements PineValue {
    }

    /** strategy.position_size: the engine holds one position at a time, so checks on it are implicit. */
    record PositionSize() implements PineValue {
    }

    record Na() implements PineValue {
    }
}
