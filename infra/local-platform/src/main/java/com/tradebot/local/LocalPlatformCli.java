package com.tradebot.local;

import com.tradebot.local.lambda.FailureReport;
import org.apache.logging.log4j.LogManager;

/**
 * {@code java -jar tradebot-local.jar [options]}: starts the platform, prints its endpoints and the ready line, primes
 * the functions in the background, and closes everything on Ctrl-C.
 */
public final class LocalPlatformCli {
    private LocalPlatformCli() {
    }

    public static void main(String[] args) {
        // Our shutdown hook closes the services and then log4j; log4j's own hook would race it and lose messages.
        System.setProperty("log4j2.shutdownHookEnabled", "false");
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println(e.getMessage());
            }
            System.err.println(Options.USAGE);
            System.exit(e.getMessage().isEmpty() ? 0 : 2);
            return;
        }
        LocalPlatform platform;
        try {
            platform = LocalPlatform.start(options);
        } catch (RuntimeException e) {
            System.err.println("The local platform did not start: " + e.getMessage());
            if (e.getCause() != null) {
                System.err.println(FailureReport.of(e.getCause()));
            }
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            platform.close();
            LogManager.shutdown();
        }, "local-platform-shutdown"));
        platform.printEndpoints(System.out);
        platform.functions().primeInBackground();
        platform.awaitClose();
    }
}
