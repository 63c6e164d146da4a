package com.tradebot.dynamodb.expr;

import com.tradebot.dynamodb.DynamoDbException;

/** DynamoDB's message texts for expression errors, in one place. */
final class ExpressionErrors {
    private ExpressionErrors() {
    }

    static DynamoDbException invalid(String parameterName, String message) {
        return DynamoDbException.validation("Invalid " + parameterName + ": " + message);
    }

    static String reserved(String word) {
        return "Attribute name is a reserved keyword; reserved keyword: " + word;
    }

    static String undefinedName(String ref) {
        return "An expression attribute name used in the document path is not defined; attribute name: " + ref;
    }

    static String undefinedValue(String ref) {
        return "An expression attribute value used in expression is not defined; attribute value: " + ref;
    }

    static String unknownFunction(String name) {
        return "Invalid function name; function: " + name;
    }

    static String operandCount(String function, int count) {
        return "Incorrect number of operands for operator or function; operator or function: " + function
                + ", number of operands: " + count;
    }

    static String operandType(String function, String type) {
        return "Incorrect operand type for operator or function; operator or function: " + function
                + ", operand type: " + type;
    }

    static String requiresPath(String function) {
        return "Operator or function requires a document path; operator or function: " + function;
    }

    static String misusedFunction(String function) {
        return "The function is not allowed to be used this way in an expression; function: " + function;
    }

    static String overlap(Path one, Path two) {
        return "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: "
                + one + ", path two: " + two;
    }

    static String conflict(Path one, Path two) {
        return "Two document paths conflict with each other; must remove or rewrite one of these paths; path one: "
                + one + ", path two: " + two;
    }

    static DynamoDbException invalidUpdatePath() {
        return DynamoDbException.validation("The document path provided in the update expression is invalid for update");
    }

    static DynamoDbException wrongOperandType() {
        return DynamoDbException.validation("An operand in the update expression has an incorrect data type");
    }

    static DynamoDbException missingAttribute() {
        return DynamoDbException.validation(
                "The provided expression refers to an attribute that does not exist in the item");
    }
}
