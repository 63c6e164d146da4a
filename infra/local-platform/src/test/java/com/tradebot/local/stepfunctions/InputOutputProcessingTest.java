package com.tradebot.local.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.local.stepfunctions.asl.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class InputOutputProcessingTest {
    private final RecordingSleeper sleeper = new RecordingSleeper(Instant.parse("2026-03-04T05:06:07.089Z"));

    @Test
    void processesInputAndOutputInAwsOrder() {
        AtomicReference<JsonNode> payload = new AtomicReference<>();
        TestFunctions functions = new TestFunctions().with("PriceOrder", event -> {
            payload.set(event);
            return Json.object().put("totalCents", event.get("quantity").decimalValue()
                    .multiply(new BigDecimal("123.45")).movePointRight(2).longValueExact());
        });
        ExecutionOptions options = sleeper.options().withExecution(
                "arn:aws:states:us-east-1:123456789012:stateMachine:Orders", "Orders",
                "arn:aws:states:us-east-1:123456789012:execution:Orders:run-1", "run-1");
        JsonNode input = Machines.json("{'requestId':'r1','order':{'symbol':'BTCUSDT','quantity':2,"
                + "'fills':[{'px':1.5},{'px':2}]}}");

        ExecutionResult result = Machines.load("io-processing").execute(input, functions.taskInvoker(), options);

        assertThat(payload.get()).isEqualTo(Machines.json("{'symbol':'BTCUSDT','quantity':2,'fixed':'literal',"
                + "'nested':{'firstFill':{'px':1.5}},'execution':'run-1','state':'Price'}"));
        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.output()).isEqualTo(Machines.json("{}"));
    }

    @Test
    void resultPathMergesCreatesNestedFieldsAndNullKeepsTheInput() {
        StateMachine machine = new StateMachine("""
                {"StartAt":"A","States":{
                  "A":{"Type":"Pass","InputPath":"$.order","Parameters":{"sum.$":"States.MathAdd($.a, $.b)"},
                       "ResultPath":"$.calc.deep['the sum']","Next":"B"},
                  "B":{"Type":"Pass","Result":"x","ResultPath":"$.order.a","Next":"C"},
                  "C":{"Type":"Pass","Result":{"dropped":true},"ResultPath":null,"End":true}}}""");

        ExecutionResult result = machine.execute("{\"order\":{\"a\":1,\"b\":2}}", new TestFunctions().taskInvoker(),
                sleeper.options());

        assertThat(result.output()).isEqualTo(Machines.json(
                "{'order':{'a':'x','b':2},'calc':{'deep':{'the sum':{'sum':3}}}}"));
    }

    @Test
    void resultPathOnANonObjectInputFails() {
        StateMachine machine = new StateMachine("""
                {"StartAt":"A","States":{"A":{"Type":"Pass","Result":1,"ResultPath":"$.x","End":true}}}""");

        ExecutionResult result = machine.execute("[1,2]", new TestFunctions().taskInvoker(), sleeper.options());

        assertThat(result.error()).isEqualTo("States.ResultPathMatchFailure");
    }

    @Test
    void decimalsStayExact() {
        StateMachine machine = new StateMachine("""
                {"StartAt":"A","States":{"A":{"Type":"Pass","Parameters":{"price.$":"$.price"},"End":true}}}""");

        ExecutionResult result = machine.execute("{\"price\":0.10000000000000000001}", new TestFunctions().taskInvoker(),
                sleeper.options());

        assertThat(result.output().get("price").decimalValue()).isEqualByComparingTo("0.10000000000000000001");
    }

    @Test
    void missingInputPathIsARuntimeError() {
        StateMachine machine = new StateMachine("""
                {"StartAt":"A","States":{"A":{"Type":"Pass","InputPath":"$.missing","End":true}}}""");

        ExecutionResult result = machine.execute("{}", new TestFunctions().taskInvoker(), sleeper.options());

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("States.Runtime");
    }

    @Test
    void contextObjectDescribesExecutionStateAndMachine() {
        ExecutionOptions options = sleeper.options().withExecution(
                "arn:aws:states:us-east-1:123456789012:stateMachine:Backtest", "Backtest",
                "arn:aws:states:us-east-1:123456789012:execution:Backtest:bt-7", "bt-7");

        ExecutionResult result = Machines.load("context").execute("{\"strategyId\":\"s1\"}",
                new TestFunctions().taskInvoker(), options);

        assertThat(result.output()).isEqualTo(Machines.json("{"
                + "'executionId':'arn:aws:states:us-east-1:123456789012:execution:Backtest:bt-7',"
                + "'executionName':'bt-7','executionInput':{'strategyId':'s1'},"
                + "'startTime':'2026-03-04T05:06:07.089Z','stateName':'Describe',"
                + "'enteredTime':'2026-03-04T05:06:07.089Z',"
                + "'machineId':'arn:aws:states:us-east-1:123456789012:stateMachine:Backtest','machineName':'Backtest'}"));
    }

    @Test
    void directFunctionArnPassesTheEffectiveInputAndReturnsTheHandlerOutput() {
        TestFunctions functions = new TestFunctions().with("Echo", event -> Json.object().set("got", event));
        StateMachine machine = new StateMachine("""
                {"StartAt":"A","States":{"A":{"Type":"Task",
                  "Resource":"arn:aws:lambda:us-east-1:123456789012:function:Echo","InputPath":"$.x","End":true}}}""");

        ExecutionResult result = machine.execute("{\"x\":{\"y\":1}}", functions.taskInvoker(), sleeper.options());

        assertThat(result.output()).isEqualTo(Machines.json("{'got':{'y':1}}"));
    }

    @Test
    void unknownFunctionAtRunTimeFailsWithResourceNotFound() {
        StateMachine machine = new StateMachine("""
                {"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                  "Parameters":{"FunctionName.$":"$.fn"},"End":true}}}""");

        ExecutionResult result = machine.execute("{\"fn\":\"arn:aws:lambda:us-east-1:1:function:Nope\"}",
                new TestFunctions().taskInvoker(), sleeper.options());

        assertThat(result.error()).isEqualTo("Lambda.ResourceNotFoundException");
    }

    @Test
    void oversizedStateOutputFailsWithDataLimitExceeded() {
        StateMachine machine = new StateMachine("""
                {"StartAt":"A","States":{"A":{"Type":"Pass","Parameters":{"big.$":"States.ArrayRange(1, 999, 1)",
                  "again.$":"$.text"},"End":true}}}""");

        ExecutionResult result = machine.execute(Json.object().put("text", "x".repeat(300 * 1024)),
                new TestFunctions().taskInvoker(), sleeper.options());

        assertThat(result.error()).isEqualTo("States.DataLimitExceeded");
    }
}
