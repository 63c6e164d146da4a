package com.tradebot.bench.report;

import com.tradebot.bench.server.ProcessCpu;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the figures were measured on, as the results table must state. */
public record MachineInfo(int cores, String cpuModel, String memory, String jdk, String node, String dynalite,
                          long clockTicks, String engineSource) {

    public static MachineInfo describe(Path nodeDir) {
        return new MachineInfo(
                Runtime.getRuntime().availableProcessors(),
                firstMatch(Path.of("/proc/cpuinfo"), "model name\\s*:\\s*(.+)").orElse("unknown"),
                firstMatch(Path.of("/proc/meminfo"), "MemTotal:\\s*(\\d+) kB")
                        .map(kb -> String.format("%.1f GiB", Long.parseLong(kb) / 1024.0 / 1024.0)).orElse("unknown"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                commandOutput("node", "--version").orElse("not found"),
                firstMatch(nodeDir.resolve("node_modules/dynalite/package.json"), "\"version\"\\s*:\\s*\"([^\"]+)\"")
                        .orElse("not installed"),
                ProcessCpu.clockTicksPerSecond(),
                describeEngineSource());
    }

    /** The commit the engine was built from, and whether its folder had uncommitted changes (read-only git). */
    private static String describeEngineSource() {
        Optional<String> commit = commandOutput("git", "rev-parse", "--short", "HEAD");
        if (commit.isEmpty()) {
            return "unknown commit";
        }
        boolean dirty = commandOutput("git", "status", "--porcelain", "--", ":/infra/dynamodb-engine/src")
                .map(out -> !out.isBlank()).orElse(false);
        return "commit " + commit.get() + (dirty ? " plus uncommitted changes in infra/dynamodb-engine/src" : "");
    }

    private static Optional<String> firstMatch(Path file, String regex) {
        try {
            Matcher matcher = Pattern.compile(regex).matcher(Files.readString(file, StandardCharsets.UTF_8));
            return matcher.find() ? Optional.of(matcher.group(1).trim()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> commandOutput(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return process.waitFor() == 0 ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
