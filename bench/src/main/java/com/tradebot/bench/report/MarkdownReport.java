package com.tradebot.bench.report;

import com.tradebot.bench.run.CellResult;
import com.tradebot.bench.server.ServerLaunchers;
import com.tradebot.bench.workload.Operation;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Renders the results as the Markdown tables that README.md and bench/results/ hold. */
public final class MarkdownReport {
    /** The targets: throughput within 10% of the ceiling, a tenth of dynalite's CPU, 60 µs for put/get. */
    static final double THROUGHPUT_TARGET = 0.90;
    static final double CPU_RATIO_TARGET = 0.10;
    static final double PUT_GET_CPU_TARGET_MICROS = 60;

    private MarkdownReport() {
    }

    public static String render(ZonedDateTime date, String command, MachineInfo machine, String httpClient,
                                Duration warmup, Duration measured,
                                double loadBefore, double loadAfter, List<CellResult> cells, List<ExtraFigure> extras) {
        StringBuilder md = new StringBuilder();
        md.append("# DynamoDB engine benchmark, ").append(date.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append("\n\n");
        md.append("- command: `").append(command).append("`\n");
        md.append("- machine: ").append(machine.cores()).append(" cores, ").append(machine.cpuModel()).append(", ")
                .append(machine.memory()).append(" RAM; ").append(machine.jdk()).append("; node ").append(machine.node())
                .append(", dynalite ").append(machine.dynalite()).append("; CLK_TCK ").append(machine.clockTicks()).append("\n");
        md.append("- engine: built from ").append(machine.engineSource()).append("\n");
        if (com.tradebot.bench.server.ServerLaunchers.baselineClasspath() != null) {
            md.append("- engine-baseline: the engine of another build, same JVM options, classpath `")
                    .append(com.tradebot.bench.server.ServerLaunchers.baselineClasspath().split(":")[0]).append(":…`\n");
        }
        md.append("- engine JVM options: ").append(com.tradebot.bench.server.ServerLaunchers.engineJvmOptions().isEmpty()
                ? "(none: JVM defaults)" : "`" + String.join(" ", com.tradebot.bench.server.ServerLaunchers.engineJvmOptions()) + "`")
                .append("; the do-nothing servers run with JVM defaults\n");
        md.append(String.format(Locale.ROOT, "- load average (1 min) at start %.2f, at end %.2f%s%n", loadBefore, loadAfter,
                loadBefore > 0.5 ? " — the machine was shared with other work, so figures are noisy" : ""));
        md.append("- each cell: ").append(seconds(warmup)).append(" s warm-up, then ").append(seconds(measured))
                .append(" s measured; AWS SDK v2 DynamoDbClient with ").append(httpClient)
                .append(", no retries; every server a separate process\n");
        md.append("- server CPU = utime+stime of the server's process tree from /proc/<pid>/stat; client CPU = the benchmark JVM's own\n\n");

        md.append("## Throughput, latency and CPU per operation\n\n");
        md.append("| operation | client threads | server | ops/s | ÷ best do-nothing | p50 µs | p99 µs | server CPU µs/op | ÷ dynalite CPU | client CPU µs/op | errors | load |\n");
        md.append("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (CellResult cell : cells) {
            Optional<CellResult> ceiling = ceiling(cells, cell.operation(), cell.threads());
            Optional<CellResult> dynalite = find(cells, ServerLaunchers.DYNALITE, cell.operation(), cell.threads());
            md.append(String.format(Locale.ROOT, "| %s | %d | %s | %.0f | %s | %.0f | %.0f | %.1f | %s | %.1f | %s | %.2f |%n",
                    cell.operation().label(), cell.threads(), cell.server(), cell.opsPerSecond(),
                    ceiling.map(c -> ratio(cell.opsPerSecond(), c.opsPerSecond())).orElse("–"),
                    cell.p50Micros(), cell.p99Micros(), cell.serverCpuMicrosPerOp(),
                    dynalite.map(d -> ratio(cell.serverCpuMicrosPerOp(), d.serverCpuMicrosPerOp())).orElse("–"),
                    cell.clientCpuMicrosPerOp(), errors(cell), cell.loadAverage()));
        }
        md.append("\n## Targets (engine)\n\n");
        md.append("| operation | client threads | server | ops/s ÷ best do-nothing (≥ 0.90) | met | CPU/op ÷ dynalite (≤ 0.10) | met | CPU µs/op (≤ 60 for put/get) | met | CPU/op ÷ Undertow do-nothing |\n");
        md.append("|---|---:|---|---:|---|---:|---|---:|---|---:|\n");
        for (CellResult engine : cells) {
            if (!engine.server().equals(ServerLaunchers.ENGINE) && !engine.server().equals(ServerLaunchers.ENGINE_BASELINE)) {
                continue;
            }
            Optional<CellResult> ceiling = ceiling(cells, engine.operation(), engine.threads());
            Optional<CellResult> dynalite = find(cells, ServerLaunchers.DYNALITE, engine.operation(), engine.threads());
            Optional<CellResult> httpFloor = find(cells, ServerLaunchers.DO_NOTHING_UNDERTOW, engine.operation(), engine.threads());
            boolean putOrGet = engine.operation() == Operation.PUT_ITEM || engine.operation() == Operation.GET_ITEM;
            boolean failed = engine.errors() > 0;
            md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s | %.1f | %s | %s |%n",
                    engine.operation().label(), engine.threads(), engine.server(),
                    ceiling.map(c -> ratio(engine.opsPerSecond(), c.opsPerSecond())).orElse("–"),
                    ceiling.map(c -> met(!failed && engine.opsPerSecond() >= THROUGHPUT_TARGET * c.opsPerSecond())).orElse("n/a"),
                    dynalite.map(d -> ratio(engine.serverCpuMicrosPerOp(), d.serverCpuMicrosPerOp())).orElse("–"),
                    dynalite.map(d -> met(!failed && engine.serverCpuMicrosPerOp() <= CPU_RATIO_TARGET * d.serverCpuMicrosPerOp()))
                            .orElse(engine.operation().dynaliteSupports() ? "n/a" : "n/a (dynalite has no transactions)"),
                    engine.serverCpuMicrosPerOp(),
                    putOrGet ? met(!failed && engine.serverCpuMicrosPerOp() <= PUT_GET_CPU_TARGET_MICROS) : "n/a",
                    httpFloor.map(h -> ratio(engine.serverCpuMicrosPerOp(), h.serverCpuMicrosPerOp())).orElse("–")));
        }
        if (!extras.isEmpty()) {
            md.append("\n## Start-up, memory, reopen (engine)\n\n");
            md.append("| measurement | value | target | met |\n|---|---|---|---|\n");
            for (ExtraFigure extra : extras) {
                md.append("| ").append(extra.measurement()).append(" | ").append(extra.value()).append(" | ")
                        .append(extra.target()).append(" | ").append(extra.met()).append(" |\n");
            }
        }
        List<CellResult> failing = cells.stream().filter(c -> c.errors() > 0).toList();
        if (!failing.isEmpty()) {
            md.append("\n## Errors\n\n");
            for (CellResult cell : failing) {
                md.append("- ").append(cell.server()).append(", ").append(cell.operation().label()).append(", ")
                        .append(cell.threads()).append(" threads: ").append(cell.errors()).append(" failed calls, first: `")
                        .append(cell.firstError().replace('`', '\'').replace('\n', ' ')).append("`\n");
            }
        }
        return md.toString();
    }

    /** The ceiling the client and machine allow: the faster of the do-nothing servers in this cell. */
    private static Optional<CellResult> ceiling(List<CellResult> cells, Operation operation, int threads) {
        return cells.stream()
                .filter(c -> c.operation() == operation && c.threads() == threads)
                .filter(c -> c.server().equals(ServerLaunchers.DO_NOTHING) || c.server().equals(ServerLaunchers.DO_NOTHING_UNDERTOW))
                .max(java.util.Comparator.comparingDouble(CellResult::opsPerSecond));
    }

    private static Optional<CellResult> find(List<CellResult> cells, String server, Operation operation, int threads) {
        return cells.stream()
                .filter(c -> c.server().equals(server) && c.operation() == operation && c.threads() == threads)
                .findFirst();
    }

    private static String ratio(double value, double baseline) {
        return baseline > 0 ? String.format(Locale.ROOT, "%.2f", value / baseline) : "–";
    }

    private static String met(boolean met) {
        return met ? "yes" : "**no**";
    }

    private static String errors(CellResult cell) {
        return cell.errors() == 0 ? "0" : "**" + cell.errors() + "**";
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f", duration.toMillis() / 1000.0);
    }
}
