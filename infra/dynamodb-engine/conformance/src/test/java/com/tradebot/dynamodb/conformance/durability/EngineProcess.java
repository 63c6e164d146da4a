package com.tradebot.dynamodb.conformance.durability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Our engine in a child JVM ({@code com.tradebot.dynamodb.Main}), so a test can SIGKILL it. */
final class EngineProcess implements AutoCloseable {
    private static final Pattern ENDPOINT = Pattern.compile("http://127\\.0\\.0\\.1:\\d+");

    private final Process process;
    private final URI endpoint;

    private EngineProcess(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    static EngineProcess start(Path dataDir, Path log) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "com.tradebot.dynamodb.Main", "--port", "0", "--data", dataDir.toString()))
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        CompletableFuture<URI> ready = CompletableFuture.supplyAsync(() -> readEndpoint(process));
        try {
            return new EngineProcess(process, ready.get(30, TimeUnit.SECONDS));
        } catch (Exception e) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("engine process did not print its endpoint; see " + log, e);
        }
    }

    /** Reads stdout until the endpoint line, then keeps draining it so the child never blocks on a full pipe. */
    private static URI readEndpoint(Process process) {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = out.readLine()) != null) {
                Matcher matcher = ENDPOINT.matcher(line);
                if (matcher.find()) {
                    Thread drainer = new Thread(() -> drain(out), "engine-stdout");
                    drainer.setDaemon(true);
                    drainer.start();
                    return URI.create(matcher.group());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("engine process exited with " + process.exitValue() + " before printing its endpoint");
    }

    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // discard
            }
        } catch (IOException ignored) {
            // the process is gone
        }
    }

    URI endpoint() {
        return endpoint;
    }

    /** SIGKILL: no shutdown hook, no flush, no close. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
