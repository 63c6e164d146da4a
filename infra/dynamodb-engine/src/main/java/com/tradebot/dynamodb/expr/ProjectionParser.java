package com.tradebot.dynamodb.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static com.tradebot.dynamodb.expr.SemanticErrors.Kind.ATTRIBUTE_NAME;
import static com.tradebot.dynamodb.expr.SemanticErrors.Kind.NESTING;
import static com.tradebot.dynamodb.expr.SemanticErrors.Kind.PATH_CONFLICT;
import static com.tradebot.dynamodb.expr.SemanticErrors.Kind.PATH_OVERLAP;
import static com.tradebot.dynamodb.expr.SemanticErrors.Kind.RESERVED;

/** Grammar of projection expressions: {@code path (',' path)*}. */
final class ProjectionParser extends ExpressionParser {
    private static final List<SemanticErrors.Kind> ORDER =
            List.of(NESTING, RESERVED, ATTRIBUTE_NAME, PATH_OVERLAP, PATH_CONFLICT);

    ProjectionParser(String text, ExpressionContext context) {
        super(text, "ProjectionExpression", context);
    }

    @Override
    protected Set<String> keywords() {
        return Set.of();
    }

    ProjectionExpression parseProjection() {
        List<Path> paths = new ArrayList<>();
        paths.add(parsePath(ATTRIBUTE_NAME));
        while (at(Token.Type.COMMA)) {
            next();
            paths.add(parsePath(ATTRIBUTE_NAME));
        }
        expectEnd();
        checkPathsDisjoint(paths);
        errors.throwFirst(parameterName, ORDER);
        return new PathProjection(paths);
    }
}
