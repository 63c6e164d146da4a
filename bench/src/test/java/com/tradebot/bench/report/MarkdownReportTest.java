package com.tradebot.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradebot.bench.run.CellResult;
import com.tradebot.bench.workload.Operation;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {
    private static final MachineInfo MACHINE = new MachineInfo(2, "test cpu", "1 GiB", "jdk", "v20", "4.0.0", 100, "commit abc");

    @Test
    void targetsCompareTheEngineWithTheCeilingAndWithDynalite() {
        List<CellResult> cells = List.of(
                cell("do-nothing", Operation.PUT_ITEM, 10_000, 30),
                cell("dynalite", Operation.PUT_ITEM, 8_000, 600),
                cell("engine", Operation.PUT_ITEM, 9_500, 50),
                cell("do-nothing", Operation.GET_ITEM, 10_000, 30),
                cell("dynalite", Operation.GET_ITEM, 8_000, 600),
                cell("engine", Operation.GET_ITEM, 8_000, 90),
                cell("do-nothing-undertow", Operation.GET_ITEM, 10_000, 30));

        String report = render(cells);

        assertThat(report).contains("| PutItem | 4 | engine | 0.95 | yes | 0.08 | yes | 50.0 | yes | – |");
        assertThat(report).contains("| GetItem | 4 | engine | 0.80 | **no** | 0.15 | **no** | 90.0 | **no** | 3.00 |");
    }

    @Test
    void theCeilingIsTheFasterOfTheDoNothingServers() {
        List<CellResult> cells = List.of(
                cell("do-nothing", Operation.PUT_ITEM, 10_000, 30),
                cell("do-nothing-undertow", Operation.PUT_ITEM, 19_000, 20),
                cell("engine", Operation.PUT_ITEM, 9_500, 25));

        String report = render(cells);

        assertThat(report).contains("| PutItem | 4 | engine | 0.50 | **no** | – | n/a | 25.0 | yes | 1.25 |");
        assertThat(report).contains("| PutItem | 4 | engine | 950 | 0.50 |");
    }

    @Test
    void transactionsHaveNoDynaliteRatioAndFailedCallsFailTheTarget() {
        List<CellResult> cells = List.of(
                cell("do-nothing", Operation.TRANSACT_WRITE_4, 1_000, 30),
                new CellResult("engine", Operation.TRANSACT_WRITE_4, 4, 1_000, 3, "boom", 10, 100, 200, 20, 100, 0.5));

        String report = render(cells);

        assertThat(report).contains("| TransactWriteItems (4 puts) | 4 | engine | 1.00 | **no** | – | n/a (dynalite has no transactions) | 20.0 | n/a | – |");
        assertThat(report).contains("engine, TransactWriteItems (4 puts), 4 threads: 3 failed calls, first: `boom`");
    }

    private static String render(List<CellResult> cells) {
        return MarkdownReport.render(ZonedDateTime.of(2026, 11, 26, 18, 0, 0, 0, ZoneOffset.UTC), "cmd", MACHINE, "apache5-client",
                Duration.ofSeconds(3), Duration.ofSeconds(10), 0.1, 0.2, cells, List.of());
    }

    private static CellResult cell(String server, Operation operation, long operations, double serverCpuMicros) {
        return new CellResult(server, operation, 4, operations, 0, null, 10, 500, 900, serverCpuMicros, 200, 0.1);
    }
}
