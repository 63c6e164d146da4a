package com.tradebot.bench.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * CPU time (user + system) a server process and its descendants have used, read from
 * {@code /proc/<pid>/stat}. Descendants count because {@code npx dynalite} runs the server in a
 * child of the npm process. No library reads /proc for another process, hence this small parser.
 */
public final class ProcessCpu {
    private static final long CLOCK_TICKS_PER_SECOND = readClockTicks();

    private ProcessCpu() {
    }

    /** Total CPU nanoseconds used so far by the process and all its live descendants. */
    public static long cpuNanosOfTree(long pid) {
        ProcessHandle root = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no process " + pid));
        long ticks = Stream.concat(Stream.of(root), root.descendants())
                .mapToLong(handle -> ticksOf(handle.pid()))
                .sum();
        return ticks * TimeUnit.SECONDS.toNanos(1) / CLOCK_TICKS_PER_SECOND;
    }

    public static long clockTicksPerSecond() {
        return CLOCK_TICKS_PER_SECOND;
    }

    static long ticksOf(long pid) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
        } catch (NoSuchFileException gone) {
            return 0;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/" + pid + "/stat", e);
        }
        // Field 2 (comm) is parenthesised and may hold spaces: count fields after the last ')'.
        String[] afterComm = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // utime and stime are fields 14 and 15 of the whole line, i.e. 11 and 12 after comm (0-based).
        return Long.parseLong(afterComm[11]) + Long.parseLong(afterComm[12]);
    }

    private static long readClockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (getconf.waitFor() == 0 && out.matches("\\d+")) {
                return Long.parseLong(out);
            }
        } catch (IOException e) {
            // fall through to Linux's usual value
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }
}
