package com.tradebot.local.lambda;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * What the platform logs when a function throws, as CloudWatch shows a Lambda error: the exception, its cause chain,
 * and for each the first frames of the project's own code (functions and shared, not the platform's frames that invoked them).
 *
 * <p>Exception messages often quote their input (a JSON parser quotes the request body, a validator the value it
 * refused), so a message is written only for exception types whose message names code, never data: linkage and
 * reflection errors (the missing class), the platform's own load failures. An AWS service error shows its error code
 * and status instead of its message. Every other message is withheld, and the report says so.
 */
public final class FailureReport {
    static final int PROJECT_FRAMES = 5;
    private static final String PROJECT_PACKAGE = "com.tradebot.";
    /** The frames of the invocation machinery below every handler: not the function's code. */
    private static final String INVOKER_PACKAGE = FailureReport.class.getPackageName();
    private static final String ENVIRONMENT_CLASS = "com.tradebot.common.Env";
    private static final int MAX_CAUSES = 10;

    private FailureReport() {
    }

    /** The exception and its causes, one line each, each followed by up to {@value #PROJECT_FRAMES} frames. */
    public static String of(Throwable failure) {
        StringBuilder report = new StringBuilder();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable current = failure;
        for (int depth = 0; current != null && seen.add(current) && depth < MAX_CAUSES; depth++) {
            if (depth > 0) {
                report.append("\nCaused by: ");
            }
            report.append(headline(current));
            appendFrames(report, current);
            current = current.getCause();
        }
        return report.toString();
    }

    static String headline(Throwable failure) {
        String type = failure.getClass().getName();
        if (failure instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            return type + " [" + service.awsErrorDetails().errorCode() + ", status " + service.statusCode() + "]";
        }
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            return type;
        }
        return messageNamesCode(failure) ? type + ": " + message : type + " (message withheld: it may quote data)";
    }

    private static boolean messageNamesCode(Throwable failure) {
        return failure instanceof LinkageError || failure instanceof ReflectiveOperationException
                || failure instanceof HandlerLoadException;
    }

    private static boolean isInvoker(String className) {
        int lastDot = className.lastIndexOf('.');
        return className.substring(0, lastDot).equals(INVOKER_PACKAGE) || className.startsWith(ENVIRONMENT_CLASS);
    }

    /** The first frames of the project's code; the top frame when the failure arose outside it. */
    private static void appendFrames(StringBuilder report, Throwable failure) {
        StackTraceElement[] frames = failure.getStackTrace();
        int written = 0;
        for (StackTraceElement frame : frames) {
            String className = frame.getClassName();
            if (className.startsWith(PROJECT_PACKAGE) && !isInvoker(className)) {
                report.append("\n    at ").append(frame);
                if (++written == PROJECT_FRAMES) {
                    break;
                }
            }
        }
        if (written == 0 && frames.length > 0) {
            report.append("\n    at ").append(frames[0]).append(" (no frame of the project's code)");
        }
    }
}
