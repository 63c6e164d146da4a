package com.tradebot.functions.jobs;

/**
 * A dependency could not be reached. Step Functions sees it as error
 * {@code com.tradebot.functions.jobs.DependencyUnavailableException} (the Java runtime reports the class name), and
 * the self-check machine retries it.
 */
public final class DependencyUnavailableException extends RuntimeException {
    public DependencyUnavailableException(String message) {
        super(message);
    }
}
