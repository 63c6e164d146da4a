package com.tradebot.bench.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A server under test running as its own OS process, ready once it printed its URL. */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern READY_URL = Pattern.compile("https?://[^\\s/:]+:(\\d+)");
    private static final int KEPT_OUTPUT_LINES = 40;

    private final String name;
    private final Process process;
    private final String endpoint;
    private final Duration startupTime;
    private final Deque<String> recentOutput;

    private ServerProcess(String name, Process process, String endpoint, Duration startupTime, Deque<String> recentOutput) {
        this.name = name;
        this.process = process;
        this.endpoint = endpoint;
        this.startupTime = startupTime;
        this.recentOutput = recentOutput;
    }

    /**
     * Starts {@code command} and waits until a line of its output holds {@code http://host:port};
     * the endpoint always uses 127.0.0.1 so every client takes the same loopback path.
     */
    public static ServerProcess start(String name, List<String> command, Path workDir, Duration readyTimeout)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (workDir != null) {
            builder.directory(workDir.toFile());
        }
        long startNanos = System.nanoTime();
        Process process = builder.start();
        Deque<String> recent = new ArrayDeque<>();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> pumpOutput(process, recent, port), name + "-output");
        reader.setDaemon(true);
        reader.start();
        try {
            int readyPort = port.get(readyTimeout.toMillis(), TimeUnit.MILLISECONDS);
            Duration startup = Duration.ofNanos(System.nanoTime() - startNanos);
            return new ServerProcess(name, process, "http://127.0.0.1:" + readyPort, startup, recent);
        } catch (TimeoutException | ExecutionException e) {
            process.destroyForcibly();
            throw new IOException(name + " did not print its URL within " + readyTimeout + "; output:\n"
                    + String.join("\n", snapshot(recent)), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting " + name, e);
        }
    }

    private static void pumpOutput(Process process, Deque<String> recent, CompletableFuture<Integer> port) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                synchronized (recent) {
                    recent.addLast(line);
                    if (recent.size() > KEPT_OUTPUT_LINES) {
                        recent.removeFirst();
                    }
                }
                Matcher url = READY_URL.matcher(line);
                if (!port.isDone() && url.find()) {
                    port.complete(Integer.parseInt(url.group(1)));
                }
            }
        } catch (IOException ignored) {
            // the process ended; the waiter below reports it
        }
        port.completeExceptionally(new IOException("process exited with " + waitForExit(process)));
    }

    private static String waitForExit(Process process) {
        try {
            return String.valueOf(process.waitFor());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static List<String> snapshot(Deque<String> recent) {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }

    public String name() {
        return name;
    }

    public String endpoint() {
        return endpoint;
    }

    public long pid() {
        return process.pid();
    }

    /** Wall time from process start to the ready line. */
    public Duration startupTime() {
        return startupTime;
    }

    public long cpuNanos() {
        return ProcessCpu.cpuNanosOfTree(process.pid());
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public List<String> recentOutput() {
        return snapshot(recentOutput);
    }

    @Override
    public void close() {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
