package com.tradebot.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged local platform as a user runs it: {@code java -jar infra/local-platform/target/tradebot-local.jar} in
 * the repository's root, as a child process, every port 0 (free). Reads the endpoints from the lines it prints before
 * "Ready in"; keeps everything it writes (stdout and stderr) for the test to inspect after {@link #stop()}.
 */
final class PlatformProcess implements AutoCloseable {
    private static final Pattern ENDPOINT = Pattern.compile("^(REST|WebSocket|@connections|DynamoDB|SQS|SNS|"
            + "Step Functions|Dashboard)\\s+(\\S+)$");
    private static final Pattern READY = Pattern.compile("^Ready in (\\d+) ms");

    private final Process process;
    private final List<String> output = new ArrayList<>();
    private final Map<String, URI> endpoints = new LinkedHashMap<>();
    private final CountDownLatch ready = new CountDownLatch(1);
    private final CountDownLatch drained = new CountDownLatch(1);
    private volatile long readyMillis = -1;

    private PlatformProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(this::drain, "platform-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the jar with free ports and waits for its ready line; fails with its output when it does not come. */
    static PlatformProcess start(Path repository, Path jar, Duration readyTimeout) {
        return start(repository, jar, readyTimeout, List.of(), Map.of());
    }

    /** As {@link #start(Path, Path, Duration)} with more arguments for the jar (e.g. {@code --parameter N=V}). */
    static PlatformProcess start(Path repository, Path jar, Duration readyTimeout, List<String> arguments) {
        return start(repository, jar, readyTimeout, arguments, Map.of());
    }

    /** Same, with extra arguments (e.g. {@code --parameter Name=Value}) and extra environment variables. */
    static PlatformProcess start(Path repository, Path jar, Duration readyTimeout, List<String> arguments,
                                 Map<String, String> environment) {
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("No packaged platform at " + jar + ": the smoke test runs after `package`");
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-jar",
                repository.relativize(jar.toAbsolutePath().normalize()).toString()));
        for (String flag : List.of("--api-port", "--ws-port", "--dynamodb-port", "--sqs-port", "--sns-port",
                "--sfn-port")) {
            command.add(flag);
            command.add("0");
        }
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(repository.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("JAVA_TOOL_OPTIONS")
                || name.equals("JDK_JAVA_OPTIONS"));
        builder.environment().putAll(environment);
        PlatformProcess platform;
        try {
            platform = new PlatformProcess(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command, e);
        }
        try {
            if (!platform.ready.await(readyTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                platform.stop();
                throw new AssertionError("No ready line within " + readyTimeout + ". Output:\n" + platform.output());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            platform.stop();
            throw new AssertionError("Interrupted while starting", e);
        }
        return platform;
    }

    private void drain() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                synchronized (output) {
                    output.add(line);
                }
                Matcher endpoint = ENDPOINT.matcher(line);
                if (endpoint.find()) {
                    endpoints.put(endpoint.group(1), URI.create(endpoint.group(2)));
                }
                Matcher readyLine = READY.matcher(line);
                if (readyLine.find()) {
                    readyMillis = Long.parseLong(readyLine.group(1));
                    ready.countDown();
                }
            }
        } catch (IOException e) {
            synchronized (output) {
                output.add("[smoke test: reading the output failed: " + e + "]");
            }
        } finally {
            ready.countDown();
            drained.countDown();
        }
    }

    URI endpoint(String name) {
        URI uri = endpoints.get(name);
        if (uri == null) {
            throw new AssertionError("The platform printed no " + name + " endpoint. Output:\n" + output());
        }
        return uri;
    }

    long readyMillis() {
        return readyMillis;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Everything printed so far. */
    String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    /** Ctrl-C (SIGTERM: the platform's shutdown hook closes everything), then waits for the output to end. */
    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                synchronized (output) {
                    output.add("[smoke test: the platform did not stop within 30 s of SIGTERM and was killed]");
                }
            }
            drained.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }
}
