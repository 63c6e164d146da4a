package com.tradebot.bench.run;

import com.tradebot.bench.workload.Operation;

/**
 * One measured cell: one server, one operation, one client thread count.
 *
 * @param serverCpuMicrosPerOp CPU time of the server process tree per call
 * @param clientCpuMicrosPerOp CPU time of the benchmark JVM (the SDK client) per call
 * @param loadAverage          the machine's 1-minute load average when the cell started
 */
public record CellResult(
        String server,
        Operation operation,
        int threads,
        long operations,
        long errors,
        String firstError,
        double seconds,
        double p50Micros,
        double p99Micros,
        double serverCpuMicrosPerOp,
        double clientCpuMicrosPerOp,
        double loadAverage) {

    public double opsPerSecond() {
        return seconds > 0 ? operations / seconds : 0;
    }
}
