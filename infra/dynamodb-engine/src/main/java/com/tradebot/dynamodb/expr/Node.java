package com.tradebot.dynamodb.expr;

/** What the condition parser yields at each step: a condition, or an operand that may still become one's side. */
sealed interface Node permits Condition, Operand {
}
