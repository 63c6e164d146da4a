package com.tradebot.dynamodb.expr;

import java.util.List;
import java.util.stream.Collectors;

/** A resolved document path such as {@code a.b[2].c}: names already substituted for {@code #refs}. */
record Path(List<Element> elements) {

    sealed interface Element permits Name, Index {
    }

    record Name(String name) implements Element {
        @Override
        public String toString() {
            return name;
        }
    }

    record Index(int index) implements Element {
        @Override
        public String toString() {
            return "[" + index + "]";
        }
    }

    Path {
        elements = List.copyOf(elements);
    }

    String topLevelName() {
        return ((Name) elements.get(0)).name();
    }

    int size() {
        return elements.size();
    }

    Element get(int i) {
        return elements.get(i);
    }

    boolean isNested() {
        return elements.size() > 1;
    }

    /** DynamoDB's rendering in overlap/conflict messages: {@code [a, b, [2]]}. */
    @Override
    public String toString() {
        return elements.stream().map(Object::toString).collect(Collectors.joining(", ", "[", "]"));
    }
}
