package com.tradebot.bench.extra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Heap in use by another JVM after a full GC, through the JDK's own jcmd and jstat tools, so the
 * figure holds only the engine's data and none of the benchmark client's objects.
 */
final class JvmHeap {
    private JvmHeap() {
    }

    static long usedBytesAfterGc(long pid) throws IOException {
        run(tool("jcmd"), Long.toString(pid), "GC.run");
        run(tool("jcmd"), Long.toString(pid), "GC.run");
        List<String> lines = run(tool("jstat"), "-gc", Long.toString(pid)).lines().filter(l -> !l.isBlank()).toList();
        if (lines.size() < 2) {
            throw new IOException("unexpected jstat output: " + lines);
        }
        List<String> header = List.of(lines.get(0).trim().split("\\s+"));
        String[] values = lines.get(1).trim().split("\\s+");
        double usedKb = 0;
        for (String column : List.of("S0U", "S1U", "EU", "OU")) {
            usedKb += Double.parseDouble(values[header.indexOf(column)]);
        }
        return Math.round(usedKb * 1024);
    }

    private static String tool(String name) {
        return java.nio.file.Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    private static String run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return out;
    }
}
