package com.tradebot.dynamodb.expr;

import com.tradebot.dynamodb.value.AttributeValue;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.Map;

import static com.tradebot.dynamodb.expr.Values.item;
import static com.tradebot.dynamodb.expr.Values.n;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random boolean trees, printed with only the parentheses precedence requires (NOT > AND > OR),
 * must evaluate as the tree does: the parser must rebuild the same structure.
 */
class ConditionPrecedencePropertiesTest {
    private static final Map<String, AttributeValue> ITEM = item("truthy", n(1), "falsy", n(2));
    private static final Map<String, AttributeValue> VALUES = item(":one", n(1));

    sealed interface Tree permits Leaf, Not, And, Or {
        boolean value();
    }

    record Leaf(boolean value) implements Tree {
    }

    record Not(Tree inner) implements Tree {
        public boolean value() {
            return !inner.value();
        }
    }

    record And(Tree left, Tree right) implements Tree {
        public boolean value() {
            return left.value() && right.value();
        }
    }

    record Or(Tree left, Tree right) implements Tree {
        public boolean value() {
            return left.value() || right.value();
        }
    }

    @Provide
    Arbitrary<Tree> trees() {
        return Arbitraries.recursive(
                () -> Arbitraries.of(true, false).map(Leaf::new),
                smaller -> Arbitraries.oneOf(
                        smaller.map(Not::new),
                        Combinators.combine(smaller, smaller).as(And::new),
                        Combinators.combine(smaller, smaller).as(Or::new)),
                0, 5);
    }

    @Property(tries = 100)
    void minimalParenthesesKeepTheTreesMeaning(@ForAll("trees") Tree tree) {
        String text = render(tree, 0);
        boolean parsed = new ExpressionContext(null, VALUES).condition(text, "FilterExpression").matches(ITEM);
        assertThat(parsed).as(text).isEqualTo(tree.value());
    }

    /** Precedence levels: OR 1, AND 2, NOT 3, leaf 4; parentheses only where a child binds weaker. */
    private static String render(Tree tree, int parentLevel) {
        String text;
        int level;
        if (tree instanceof Leaf leaf) {
            return leaf.value() ? "truthy = :one" : "falsy = :one";
        } else if (tree instanceof Not not) {
            text = "NOT " + render(not.inner(), 3);
            level = 3;
        } else if (tree instanceof And and) {
            text = render(and.left(), 2) + " AND " + render(and.right(), 3);
            level = 2;
        } else {
            Or or = (Or) tree;
            text = render(or.left(), 1) + " OR " + render(or.right(), 2);
            level = 1;
        }
        return level < parentLevel ? "(" + text + ")" : text;
    }
}
