package com.tradebot.local.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The syntax tree of an intrinsic function call such as {@code States.Format('x{}', $.a)}. */
public sealed interface IntrinsicExpression {

    record Call(String function, List<IntrinsicExpression> arguments) implements IntrinsicExpression {
    }

    /** A JSON literal; for strings {@code rawText} keeps the escapes so States.Format can tell {@code \{} from {@code {}}. */
    record Literal(JsonNode value, String rawText) implements IntrinsicExpression {
    }

    record Path(String path) implements IntrinsicExpression {
    }
}
