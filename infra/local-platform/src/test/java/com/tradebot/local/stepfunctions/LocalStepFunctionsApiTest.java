package com.tradebot.local.stepfunctions;

import com.tradebot.local.template.StateMachineDef;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.local.stepfunctions.asl.Json;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidExecutionInputException;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.ListExecutionsResponse;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;

class LocalStepFunctionsApiTest {
    private static final String MACHINE_ARN_PREFIX = "arn:aws:states:us-east-1:123456789012:stateMachine:";
    private static final String BACKTEST = MACHINE_ARN_PREFIX + "Backtest";
    private static final String SLEEPY = MACHINE_ARN_PREFIX + "Sleepy";
    private static final String SLEEPY_WITH_TIMEOUT = MACHINE_ARN_PREFIX + "SleepyWithTimeout";

    private static final AtomicInteger BLOCKED = new AtomicInteger();
    private static final AtomicInteger INTERRUPTED = new AtomicInteger();
    private static LocalStepFunctions stepFunctions;
    private static SfnClient sfn;

    @BeforeAll
    static void start() {
        TestFunctions functions = new TestFunctions()
                .with("ValidateBacktest", event -> {
                    if (!event.has("strategyId")) {
                        throw new IllegalArgumentException("strategyId is required");
                    }
                    return Json.object().set("slices", Json.parse("[1,2,3]"));
                })
                .with("RunSlice", event -> event.asLong() * 150)
                .with("Block", event -> {
                    BLOCKED.incrementAndGet();
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        INTERRUPTED.incrementAndGet();
                        throw e;
                    }
                    return "not stopped";
                });
        List<StateMachineDef> machines = List.of(
                spec("Backtest", "backtest"), spec("Sleepy", "sleepy"), spec("SleepyWithTimeout", "sleepy-with-timeout"),
                spec("BlockingMap", "blocking-map"));
        // Real time scaled down: the 5 s machine timeout lasts 50 ms, the 100000 s wait 1000 s.
        stepFunctions = LocalStepFunctions.start(0, machines, functions, TestFunctions::logicalIdOf,
                ExecutionOptions.defaults().withTimeScale(0.01));
        sfn = SfnClient.builder()
                .endpointOverride(stepFunctions.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(Apache5HttpClient.create())
                // StartSyncExecution's "sync-" host prefix cannot resolve against a local endpoint.
                .overrideConfiguration(o -> o.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
                .build();
    }

    private static StateMachineDef spec(String name, String file) {
        return new StateMachineDef(name + "StateMachine", name, MACHINE_ARN_PREFIX + name, Machines.definition(file));
    }

    @AfterAll
    static void stop() {
        sfn.close();
        stepFunctions.close();
    }

    private static DescribeExecutionResponse awaitStatus(String executionArn, ExecutionStatus status) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(
                () -> sfn.describeExecution(b -> b.executionArn(executionArn)).status() != ExecutionStatus.RUNNING);
        DescribeExecutionResponse described = sfn.describeExecution(b -> b.executionArn(executionArn));
        assertThat(described.status()).isEqualTo(status);
        return described;
    }

    @Test
    void startedExecutionSucceedsWithItsOutput() {
        StartExecutionResponse started = sfn.startExecution(b -> b.stateMachineArn(BACKTEST).name("bt-ok")
                .input("{\"strategyId\":\"s-1\"}"));

        DescribeExecutionResponse described = awaitStatus(started.executionArn(), ExecutionStatus.SUCCEEDED);

        assertThat(started.executionArn()).isEqualTo("arn:aws:states:us-east-1:123456789012:execution:Backtest:bt-ok");
        assertThat(Json.parse(described.output())).isEqualTo(Machines.json(
                "{'strategyId':'s-1','slicePnlCents':[150,300,450],'slices':3}"));
        assertThat(described.name()).isEqualTo("bt-ok");
        assertThat(described.stateMachineArn()).isEqualTo(BACKTEST);
        assertThat(described.input()).isEqualTo("{\"strategyId\":\"s-1\"}");
        assertThat(described.startDate()).isNotNull();
        assertThat(described.stopDate()).isAfterOrEqualTo(described.startDate());
    }

    @Test
    void failedExecutionShowsErrorAndCause() {
        String arn = sfn.startExecution(b -> b.stateMachineArn(BACKTEST).input("{}")).executionArn();

        DescribeExecutionResponse described = awaitStatus(arn, ExecutionStatus.FAILED);

        assertThat(described.error()).isEqualTo("java.lang.IllegalArgumentException");
        assertThat(Json.parse(described.cause()).get("errorMessage").asText()).isEqualTo("strategyId is required");
        assertThat(described.output()).isNull();
    }

    @Test
    void historyListsTheMainEvents() {
        String arn = sfn.startExecution(b -> b.stateMachineArn(BACKTEST).input("{\"strategyId\":\"s-2\"}"))
                .executionArn();
        awaitStatus(arn, ExecutionStatus.SUCCEEDED);

        List<HistoryEvent> events = sfn.getExecutionHistory(b -> b.executionArn(arn).maxResults(1000)).events();

        List<HistoryEventType> types = events.stream().map(HistoryEvent::type).toList();
        assertThat(types.get(0)).isEqualTo(HistoryEventType.EXECUTION_STARTED);
        assertThat(types.get(types.size() - 1)).isEqualTo(HistoryEventType.EXECUTION_SUCCEEDED);
        assertThat(types).contains(HistoryEventType.TASK_STATE_ENTERED, HistoryEventType.TASK_SCHEDULED,
                HistoryEventType.TASK_SUCCEEDED, HistoryEventType.TASK_STATE_EXITED, HistoryEventType.MAP_STATE_ENTERED,
                HistoryEventType.LAMBDA_FUNCTION_SCHEDULED, HistoryEventType.LAMBDA_FUNCTION_SUCCEEDED,
                HistoryEventType.PASS_STATE_EXITED);
        assertThat(events.get(1).stateEnteredEventDetails().name()).isEqualTo("Validate");
        assertThat(events.get(0).executionStartedEventDetails().input()).isEqualTo("{\"strategyId\":\"s-2\"}");
        assertThat(events).extracting(HistoryEvent::id).isSorted().doesNotHaveDuplicates();

        List<HistoryEvent> reversed = sfn.getExecutionHistory(b -> b.executionArn(arn).reverseOrder(true).maxResults(2))
                .events();
        assertThat(reversed).hasSize(2);
        assertThat(reversed.get(0).type()).isEqualTo(HistoryEventType.EXECUTION_SUCCEEDED);
    }

    @Test
    void startIsIdempotentForTheSameNameAndInputWhileRunning() {
        String first = sfn.startExecution(b -> b.stateMachineArn(SLEEPY).name("same").input("{\"a\":1}")).executionArn();
        String again = sfn.startExecution(b -> b.stateMachineArn(SLEEPY).name("same").input("{\"a\":1}")).executionArn();

        assertThat(again).isEqualTo(first);
        assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(SLEEPY).name("same").input("{\"a\":2}")))
                .isInstanceOf(ExecutionAlreadyExistsException.class);
        sfn.stopExecution(b -> b.executionArn(first).error("Manual").cause("test is done"));
        DescribeExecutionResponse stopped = awaitStatus(first, ExecutionStatus.ABORTED);
        assertThat(stopped.error()).isEqualTo("Manual");
        assertThat(stopped.cause()).isEqualTo("test is done");
        assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(SLEEPY).name("same").input("{\"a\":1}")))
                .isInstanceOf(ExecutionAlreadyExistsException.class);
    }

    @Test
    void stopExecutionInterruptsRunningMapIterations() {
        String arn = sfn.startExecution(b -> b.stateMachineArn(MACHINE_ARN_PREFIX + "BlockingMap")
                .input("{\"items\":[1,2,3]}")).executionArn();
        await().atMost(Duration.ofSeconds(10)).until(() -> BLOCKED.get() == 3);

        sfn.stopExecution(b -> b.executionArn(arn));

        awaitStatus(arn, ExecutionStatus.ABORTED);
        await().atMost(Duration.ofSeconds(10)).until(() -> INTERRUPTED.get() == 3);
        List<HistoryEventType> types = sfn.getExecutionHistory(b -> b.executionArn(arn)).events().stream()
                .map(HistoryEvent::type).toList();
        assertThat(types.get(types.size() - 1)).isEqualTo(HistoryEventType.EXECUTION_ABORTED);
    }

    @Test
    void machineTimeoutEndsTheExecutionAsTimedOut() {
        String arn = sfn.startExecution(b -> b.stateMachineArn(SLEEPY_WITH_TIMEOUT)).executionArn();

        DescribeExecutionResponse described = awaitStatus(arn, ExecutionStatus.TIMED_OUT);

        assertThat(described.error()).isEqualTo("States.Timeout");
    }

    @Test
    void listExecutionsFiltersByStatusAndPages() {
        for (int i = 0; i < 3; i++) {
            int n = i;
            sfn.startExecution(b -> b.stateMachineArn(SLEEPY).name("list-" + n));
        }

        ListExecutionsResponse firstPage = sfn.listExecutions(b -> b.stateMachineArn(SLEEPY)
                .statusFilter(ExecutionStatus.RUNNING).maxResults(2));
        ListExecutionsResponse secondPage = sfn.listExecutions(b -> b.stateMachineArn(SLEEPY)
                .statusFilter(ExecutionStatus.RUNNING).maxResults(2).nextToken(firstPage.nextToken()));

        List<String> names = firstPage.executions().stream().map(e -> e.name()).collect(Collectors.toList());
        secondPage.executions().forEach(e -> names.add(e.name()));
        assertThat(names).contains("list-2", "list-1", "list-0");
        assertThat(names.indexOf("list-2")).isLessThan(names.indexOf("list-0")); // newest first
        assertThat(firstPage.nextToken()).isNotNull();
        assertThat(sfn.listExecutions(b -> b.stateMachineArn(SLEEPY).statusFilter(ExecutionStatus.SUCCEEDED))
                .executions()).isEmpty();
        for (String name : List.of("list-0", "list-1", "list-2")) {
            sfn.stopExecution(b -> b.executionArn("arn:aws:states:us-east-1:123456789012:execution:Sleepy:" + name));
        }
    }

    @Test
    void describesAndListsStateMachines() {
        var described = sfn.describeStateMachine(b -> b.stateMachineArn(BACKTEST));
        var listed = sfn.listStateMachines(b -> b.maxResults(10));

        assertThat(described.name()).isEqualTo("Backtest");
        assertThat(Json.parse(described.definition())).isEqualTo(Json.parse(Machines.definition("backtest")));
        assertThat(described.statusAsString()).isEqualTo("ACTIVE");
        assertThat(listed.stateMachines()).extracting(m -> m.name()).containsExactly("Backtest", "Sleepy",
                "SleepyWithTimeout", "BlockingMap");
    }

    @Test
    void startSyncExecutionReturnsTheResult() {
        StartSyncExecutionResponse response = sfn.startSyncExecution(b -> b.stateMachineArn(BACKTEST)
                .input("{\"strategyId\":\"sync\"}"));

        assertThat(response.status()).isEqualTo(SyncExecutionStatus.SUCCEEDED);
        JsonNode output = Json.parse(response.output());
        assertThat(output.get("slices").asInt()).isEqualTo(3);
    }

    @Test
    void errorsComeBackAsTheSdksExceptions() {
        assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(MACHINE_ARN_PREFIX + "Nope")))
                .isInstanceOf(StateMachineDoesNotExistException.class)
                .hasMessageContaining("Nope");
        assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn("not-an-arn")))
                .isInstanceOf(InvalidArnException.class);
        assertThatThrownBy(() -> sfn.describeExecution(b -> b.executionArn(
                "arn:aws:states:us-east-1:123456789012:execution:Backtest:never")))
                .isInstanceOf(ExecutionDoesNotExistException.class);
        assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(BACKTEST).input("{not json")))
                .isInstanceOf(InvalidExecutionInputException.class);
        assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(BACKTEST).name("has space")))
                .isInstanceOf(InvalidNameException.class);
    }

    @Test
    void startRejectsInvalidDefinitionsAndUnknownFunctions() {
        TestFunctions functions = new TestFunctions();
        StateMachineDef broken = new StateMachineDef("BrokenStateMachine", "Broken", MACHINE_ARN_PREFIX + "Broken",
                "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Next\":\"B\"}}}");
        StateMachineDef unknownFunction = new StateMachineDef("OrphanStateMachine", "Orphan",
                MACHINE_ARN_PREFIX + "Orphan", "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Task\",\"End\":true,"
                + "\"Resource\":\"arn:aws:lambda:us-east-1:999999999999:function:Missing\"}}}");

        assertThatThrownBy(() -> LocalStepFunctions.start(0, List.of(broken), functions, TestFunctions::logicalIdOf))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BrokenStateMachine").hasMessageContaining("State 'A'");
        assertThatThrownBy(() -> LocalStepFunctions.start(0, List.of(unknownFunction), functions,
                TestFunctions::logicalIdOf))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("OrphanStateMachine").hasMessageContaining("Missing");
    }
}
