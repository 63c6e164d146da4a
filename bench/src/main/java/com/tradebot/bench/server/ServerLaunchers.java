package com.tradebot.bench.server;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Builds the command lines of the three servers the benchmark compares, each its own process. */
public final class ServerLaunchers {
    public static final String ENGINE = "engine";
    public static final String DYNALITE = "dynalite";
    public static final String DO_NOTHING = "do-nothing";
    public static final String DO_NOTHING_UNDERTOW = "do-nothing-undertow";
    /** A second engine from another build ({@code -Dbench.baselineClasspath=...}), for before/after in the same cells. */
    public static final String ENGINE_BASELINE = "engine-baseline";
    public static final List<String> ALL = List.of(DO_NOTHING, DO_NOTHING_UNDERTOW, DYNALITE, ENGINE_BASELINE, ENGINE);

    private static final String ENGINE_MAIN = "com.tradebot.dynamodb.Main";
    /** As infra/dynamodb-engine/README.md recommends for a long-running engine (see bench/README.md for why). */
    public static final List<String> ENGINE_JVM_OPTIONS = List.of("-XX:+UseParallelGC");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private ServerLaunchers() {
    }

    /** The engine in a child JVM with this JVM's classpath (which holds the engine and its libraries). */
    public static ServerProcess startEngine(Path dataDirOrNull) throws IOException {
        return startEngine(dataDirOrNull, READY_TIMEOUT);
    }

    /** As {@link #startEngine(Path)}, waiting up to {@code readyTimeout}: reopening a large directory takes long. */
    public static ServerProcess startEngine(Path dataDirOrNull, Duration readyTimeout) throws IOException {
        List<String> command = javaCommand(engineJvmOptions());
        command.add(ENGINE_MAIN);
        command.add("--port");
        command.add(Integer.toString(serverPort()));
        if (dataDirOrNull != null) {
            command.add("--data");
            command.add(dataDirOrNull.toString());
        }
        return ServerProcess.start(ENGINE, command, null, readyTimeout);
    }

    /** The classpath of the baseline engine's build, or null when no baseline was asked for. */
    public static String baselineClasspath() {
        String classpath = System.getProperty("bench.baselineClasspath");
        return classpath == null || classpath.isBlank() ? null : classpath;
    }

    /** The engine of another build (same JVM options), so that a change is measured against it in the same cells. */
    public static ServerProcess startEngineBaseline() throws IOException {
        // -Dbench.baselineJvmOptions="..." gives it other options (e.g. to compare settings on one build)
        String options = System.getProperty("bench.baselineJvmOptions");
        List<String> command = javaCommand(options == null ? engineJvmOptions()
                : options.isBlank() ? List.of() : List.of(options.trim().split("\\s+")));
        command.set(command.indexOf("-cp") + 1, baselineClasspath());
        command.add(ENGINE_MAIN);
        command.add("--port");
        command.add(Integer.toString(serverPort()));
        return ServerProcess.start(ENGINE_BASELINE, command, null, READY_TIMEOUT);
    }

    /** The ceiling the issue names: the JDK HttpServer answering {@code {}}. */
    public static ServerProcess startDoNothing() throws IOException {
        List<String> command = javaCommand(List.of("-Dsun.net.httpserver.nodelay=true"));
        command.add(DoNothingServer.class.getName());
        command.add(Integer.toString(serverPort()));
        return ServerProcess.start(DO_NOTHING, command, null, READY_TIMEOUT);
    }

    /** The same ceiling on Undertow, the engine's own HTTP stack: the CPU floor the engine's HTTP layer starts from. */
    public static ServerProcess startDoNothingUndertow() throws IOException {
        List<String> command = javaCommand(List.of());
        command.add(UndertowDoNothingServer.class.getName());
        command.add(Integer.toString(serverPort()));
        return ServerProcess.start(DO_NOTHING_UNDERTOW, command, null, READY_TIMEOUT);
    }

    /** dynalite in memory, from {@code nodeDir} whose package.json pins it; installs it on first use. */
    public static ServerProcess startDynalite(Path nodeDir) throws IOException {
        if (!Files.isDirectory(nodeDir.resolve("node_modules/dynalite"))) {
            installNodePackages(nodeDir);
        }
        // dynalite treats --port 0 as "use 4567", so pick a free port here.
        int port = serverPort();
        if (port == 0) {
            port = freeLoopbackPort();
        }
        List<String> command = List.of("npx", "--no-install", "dynalite", "--host", "127.0.0.1", "--port", Integer.toString(port),
                "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0");
        return ServerProcess.start(DYNALITE, command, nodeDir, READY_TIMEOUT);
    }

    /**
     * The JVM options the engine runs with: those its README recommends ({@link #ENGINE_JVM_OPTIONS}), or
     * {@code -Dbench.engineJvmOptions="..."} (space-separated) to compare GC settings or attach a profiler.
     */
    public static List<String> engineJvmOptions() {
        String configured = System.getProperty("bench.engineJvmOptions");
        if (configured == null) {
            return ENGINE_JVM_OPTIONS;
        }
        return configured.isBlank() ? List.of() : List.of(configured.trim().split("\\s+"));
    }

    private static List<String> javaCommand(List<String> jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        return command;
    }

    private static void installNodePackages(Path nodeDir) throws IOException {
        boolean locked = Files.exists(nodeDir.resolve("package-lock.json"));
        List<String> command = List.of("npm", locked ? "ci" : "install", "--no-audit", "--no-fund");
        Process npm = new ProcessBuilder(command).directory(nodeDir.toFile()).inheritIO().start();
        try {
            if (npm.waitFor() != 0) {
                throw new IOException("npm failed in " + nodeDir);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during npm install", e);
        }
    }

    /**
     * The port a server is started on: 0 (the system picks one) unless {@code -Dbench.ports=FROM-TO} confines the
     * servers to a range (on a shared machine where each user has its own range); then the next free one in it.
     */
    private static int serverPort() throws IOException {
        String range = System.getProperty("bench.ports");
        if (range == null || range.isBlank()) {
            return 0;
        }
        String[] bounds = range.trim().split("-");
        int from = Integer.parseInt(bounds[0]);
        int to = Integer.parseInt(bounds[bounds.length - 1]);
        synchronized (ServerLaunchers.class) {
            for (int port = Math.max(from, nextPort); port <= to; port++) {
                try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                    nextPort = port + 1;
                    return socket.getLocalPort();
                } catch (IOException inUse) {
                    // try the next one
                }
            }
        }
        throw new IOException("no free port in bench.ports=" + range);
    }

    private static int nextPort;

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
