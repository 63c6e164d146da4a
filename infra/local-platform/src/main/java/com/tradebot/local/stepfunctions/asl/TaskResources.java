package com.tradebot.local.stepfunctions.asl;

import java.util.regex.Pattern;

/** The Task resources the local runner supports: Lambda function ARNs and the lambda:invoke integration. */
public final class TaskResources {
    public static final String LAMBDA_INVOKE = "arn:aws:states:::lambda:invoke";
    private static final Pattern FUNCTION_ARN =
            Pattern.compile("arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:\\d{12}:function:[a-zA-Z0-9-_]+(:[a-zA-Z0-9-_$]+)?");

    private TaskResources() {
    }

    public static boolean isFunctionArn(String resource) {
        return FUNCTION_ARN.matcher(resource).matches();
    }

    public static void validate(String resource, String where) {
        if (resource == null) {
            throw new IllegalArgumentException(where + ": Task needs a Resource");
        }
        if (resource.startsWith(LAMBDA_INVOKE + ".")) {
            throw new IllegalArgumentException(where + ": resource '" + resource
                    + "' is not supported locally (only the request-response " + LAMBDA_INVOKE
                    + "; callbacks with .waitForTaskToken and .sync need a real Step Functions)");
        }
        if (!resource.equals(LAMBDA_INVOKE) && !isFunctionArn(resource)) {
            throw new IllegalArgumentException(where + ": unknown Task resource '" + resource
                    + "' (supported: a Lambda function ARN or " + LAMBDA_INVOKE + ")");
        }
    }
}
