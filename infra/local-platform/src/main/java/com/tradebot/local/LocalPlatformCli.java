package com.tradebot.local;

import com.tradebot.local.lambda.FailureReport;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.apache.logging.log4j.LogManager;

/**
 * {@code java -jar tradebot-local.jar [options]}: starts the platform, prints its endpoints and the ready line, primes
 * the functions in the background, and closes everything on Ctrl-C.
 */
public final class LocalPlatformCli {
    /**
     * The build's training run for the class-data-sharing archive (see {@link Launcher}): start, prime every function,
     * serve a few requests, exit.
     */
    static final String TRAINING_RUN = "tradebot.local.trainingRun";

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
        if (Boolean.getBoolean(TRAINING_RUN)) {
            train(platform);
            return;
        }
        platform.functions().primeInBackground();
        platform.awaitClose();
    }

    /** Loads what a first session loads: every function primed, a REST call, a WebSocket-free 404; then exits. */
    private static void train(LocalPlatform platform) {
        platform.awaitAfterReady();
        platform.functions().primeAll();
        HttpClient client = HttpClient.newHttpClient();
        for (String path : new String[] {"/health", "/nope"}) {
            try {
                client.send(HttpRequest.newBuilder(platform.restEndpoint().resolve(path)).build(),
                        HttpResponse.BodyHandlers.discarding());
            } catch (IOException e) {
                System.err.println("Training request " + path + " failed: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        platform.close();
        System.exit(0);
    }
}
