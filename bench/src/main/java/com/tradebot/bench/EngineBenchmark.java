package com.tradebot.bench;

import com.tradebot.bench.extra.EngineExtras;
import com.tradebot.bench.report.ExtraFigure;
import com.tradebot.bench.report.MachineInfo;
import com.tradebot.bench.report.MarkdownReport;
import com.tradebot.bench.run.CellResult;
import com.tradebot.bench.run.CellRunner;
import com.tradebot.bench.server.ServerLaunchers;
import com.tradebot.bench.server.ServerProcess;
import com.tradebot.bench.workload.BenchClients;
import com.tradebot.bench.workload.BenchTable;
import com.tradebot.bench.workload.Operation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Runs the engine, dynalite and a do-nothing server side by side, each as its own process, under the
 * same SDK workload, and writes the Markdown results table. See bench/README.md.
 */
public final class EngineBenchmark {
    /** Ceilings first, then the peer, then the engine: each cell's servers run back to back. */
    private static final List<String> SERVER_ORDER = ServerLaunchers.ALL;

    private EngineBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().equals("usage")) {
                System.err.println(e.getMessage());
            }
            System.err.print(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        ZonedDateTime date = ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        MachineInfo machine = MachineInfo.describe(options.nodeDir());
        double loadBefore = CellRunner.loadAverage();

        List<CellResult> cells = runMatrix(options);
        List<ExtraFigure> extras = options.extras() ? EngineExtras.measure(options) : List.of();

        String command = "java -cp bench/target/tradebot-bench.jar:$(cat bench/target/classpath.txt) "
                + EngineBenchmark.class.getName() + (args.length == 0 ? "" : " " + String.join(" ", args));
        String report = MarkdownReport.render(date, command, machine, options.httpClient().label(), options.warmup(), options.measured(),
                loadBefore, CellRunner.loadAverage(), cells, extras);
        System.out.println();
        System.out.println(report);
        Files.createDirectories(options.resultsDir());
        Path file = options.resultsDir().resolve(date.format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm", Locale.ROOT)) + ".md");
        Files.writeString(file, report);
        System.out.println("written to " + file);
    }

    private static List<CellResult> runMatrix(BenchOptions options) {
        Map<String, ServerProcess> servers = new LinkedHashMap<>();
        Map<String, DynamoDbClient> clients = new LinkedHashMap<>();
        try {
            for (String name : SERVER_ORDER) {
                boolean wanted = !name.equals(ServerLaunchers.ENGINE_BASELINE) || ServerLaunchers.baselineClasspath() != null;
                if (wanted && options.servers().contains(name)) {
                    startServer(name, options, servers, clients);
                }
            }
            CellRunner runner = new CellRunner(options.warmup(), options.measured());
            for (Operation operation : options.operations()) {
                for (Map.Entry<String, ServerProcess> entry : servers.entrySet()) {
                    for (int threads : options.threadCounts()) {
                        if (measurable(entry.getKey(), operation)) {
                            runner.warmUp(clients.get(entry.getKey()), operation, threads, false);
                        }
                    }
                }
            }
            List<CellResult> cells = new ArrayList<>();
            for (Operation operation : options.operations()) {
                for (int threads : options.threadCounts()) {
                    for (Map.Entry<String, ServerProcess> entry : servers.entrySet()) {
                        String name = entry.getKey();
                        if (!measurable(name, operation)) {
                            continue;
                        }
                        if (!entry.getValue().isAlive()) {
                            System.err.println(name + " has exited; last output: " + entry.getValue().recentOutput());
                            continue;
                        }
                        boolean checkAnswers = !isDoNothing(name);
                        CellResult cell = runner.run(entry.getValue(), clients.get(name), operation, threads, checkAnswers);
                        System.out.printf(Locale.ROOT, "%-28s %d thr  %-10s %8.0f ops/s  p50 %6.0f µs  p99 %6.0f µs  server %7.1f µs/op  client %7.1f µs/op  errors %d  load %.2f%n",
                                operation.label(), threads, name, cell.opsPerSecond(), cell.p50Micros(), cell.p99Micros(),
                                cell.serverCpuMicrosPerOp(), cell.clientCpuMicrosPerOp(), cell.errors(), cell.loadAverage());
                        cells.add(cell);
                    }
                }
            }
            return cells;
        } finally {
            clients.values().forEach(DynamoDbClient::close);
            servers.values().forEach(ServerProcess::close);
        }
    }

    private static boolean isDoNothing(String server) {
        return server.equals(ServerLaunchers.DO_NOTHING) || server.equals(ServerLaunchers.DO_NOTHING_UNDERTOW);
    }

    private static boolean measurable(String server, Operation operation) {
        return !server.equals(ServerLaunchers.DYNALITE) || operation.dynaliteSupports();
    }

    private static void startServer(String name, BenchOptions options, Map<String, ServerProcess> servers,
                                    Map<String, DynamoDbClient> clients) {
        ServerProcess server;
        try {
            server = switch (name) {
                case ServerLaunchers.ENGINE -> ServerLaunchers.startEngine(null);
                case ServerLaunchers.ENGINE_BASELINE -> ServerLaunchers.startEngineBaseline();
                case ServerLaunchers.DYNALITE -> ServerLaunchers.startDynalite(options.nodeDir());
                case ServerLaunchers.DO_NOTHING_UNDERTOW -> ServerLaunchers.startDoNothingUndertow();
                default -> ServerLaunchers.startDoNothing();
            };
        } catch (IOException e) {
            // A server that cannot start is left out of the table and said so, rather than ending the run.
            System.err.println("could not start " + name + ", leaving it out: " + e.getMessage());
            return;
        }
        DynamoDbClient client = BenchClients.dynamoDb(server.endpoint(), options.httpClient());
        try {
            if (!isDoNothing(name)) {
                BenchTable.create(client);
                BenchTable.loadReadSet(client);
            }
        } catch (RuntimeException e) {
            System.err.println("could not set up the table on " + name + ", leaving it out: " + e);
            client.close();
            server.close();
            return;
        }
        System.out.printf(Locale.ROOT, "%s ready at %s (pid %d, %d ms to ready line)%n",
                name, server.endpoint(), server.pid(), server.startupTime().toMillis());
        servers.put(name, server);
        clients.put(name, client);
    }
}
