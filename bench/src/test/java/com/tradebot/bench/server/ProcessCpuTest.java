package com.tradebot.bench.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class ProcessCpuTest {

    @Test
    void cpuTimeReadFromProcGrowsWithTheWorkThisProcessDoes() {
        long pid = ProcessHandle.current().pid();
        long before = ProcessCpu.cpuNanosOfTree(pid);
        burnCpuNanos(300_000_000L);
        long after = ProcessCpu.cpuNanosOfTree(pid);
        // /proc counts in clock ticks, so allow one tick per thread of rounding against the JVM's own figure.
        assertThat(after - before).isGreaterThanOrEqualTo(200_000_000L);
    }

    @Test
    void clockTicksComeFromGetconf() {
        assertThat(ProcessCpu.clockTicksPerSecond()).isPositive();
    }

    private static void burnCpuNanos(long nanos) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long until = os.getProcessCpuTime() + nanos;
        long sink = 0;
        while (os.getProcessCpuTime() < until) {
            for (int i = 0; i < 100_000; i++) {
                sink += i * 31L ^ sink;
            }
        }
        assertThat(sink).isNotNull();
    }
}
