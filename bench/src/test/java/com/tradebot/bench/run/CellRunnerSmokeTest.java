package com.tradebot.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradebot.bench.server.ServerLaunchers;
import com.tradebot.bench.server.ServerProcess;
import com.tradebot.bench.workload.BenchClients;
import com.tradebot.bench.workload.HttpClientKind;
import com.tradebot.bench.workload.Operation;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Plumbing only: a child server process, the SDK, the histogram and /proc all connect. No timing is asserted. */
class CellRunnerSmokeTest {
    private static ServerProcess server;
    private static DynamoDbClient client;

    @BeforeAll
    static void startDoNothingServer() throws Exception {
        server = ServerLaunchers.startDoNothing();
        client = BenchClients.dynamoDb(server.endpoint(), HttpClientKind.APACHE5);
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @Test
    void measuresCallsAgainstAServerInItsOwnProcess() {
        assertThat(server.pid()).isNotEqualTo(ProcessHandle.current().pid());

        CellResult cell = new CellRunner(Duration.ZERO, Duration.ofMillis(300))
                .run(server, client, Operation.PUT_ITEM, 2, false);

        assertThat(cell.server()).isEqualTo(ServerLaunchers.DO_NOTHING);
        assertThat(cell.errors()).as(cell.firstError()).isZero();
        assertThat(cell.operations()).isPositive();
        assertThat(cell.p99Micros()).isGreaterThanOrEqualTo(cell.p50Micros()).isPositive();
        assertThat(cell.serverCpuMicrosPerOp()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void theUndertowCeilingAnswersTheSdkToo() throws Exception {
        try (ServerProcess undertow = ServerLaunchers.startDoNothingUndertow();
             DynamoDbClient undertowClient = BenchClients.dynamoDb(undertow.endpoint(), HttpClientKind.APACHE5)) {
            CellResult cell = new CellRunner(Duration.ZERO, Duration.ofMillis(200))
                    .run(undertow, undertowClient, Operation.QUERY_100, 1, false);

            assertThat(cell.errors()).as(cell.firstError()).isZero();
            assertThat(cell.operations()).isPositive();
        }
    }

    @Test
    void anAnswerThatDoesNotMatchTheStoredDataCountsAsAnError() {
        CellResult cell = new CellRunner(Duration.ZERO, Duration.ofMillis(100))
                .run(server, client, Operation.GET_ITEM, 1, true);

        assertThat(cell.operations()).isZero();
        assertThat(cell.errors()).isPositive();
        assertThat(cell.firstError()).contains("GetItem found no item");
    }
}
