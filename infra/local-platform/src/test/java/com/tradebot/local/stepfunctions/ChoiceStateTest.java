package com.tradebot.local.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ChoiceStateTest {
    private final StateMachine machine = Machines.load("choice");
    private final RecordingSleeper sleeper = new RecordingSleeper(Instant.parse("2026-06-01T00:00:00Z"));

    /** Every variable the rules read, with values that match no rule; each case overrides some. */
    private static final String NEUTRAL = "{'side':'buy','symbol':'ETHBTC','price':1,'limit':200,'paper':false,"
            + "'at':'2026-06-01T00:00:00Z','note':'x','name':'a','other':'b'}";

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "{}                                              | Fallback",
        "{'side':'halt','symbol':'BTCUSDT'}              | Halted",
        "{'symbol':'BTCUSDT'}                            | Tether",
        "{'symbol':'BTCUSDTX'}                           | Fallback",
        "{'symbol':'BTC*USD','price':100.5}              | InRange",
        "{'price':100.49}                                | Fallback",
        "{'price':199.99}                                | InRange",
        "{'price':200}                                   | Fallback",
        "{'price':'150'}                                 | Fallback",
        "{'paper':true}                                  | Paper",
        "{'paper':'true'}                                | Fallback",
        "{'at':'2025-12-31T23:59:59+00:00'}              | Old",
        "{'at':'2026-01-01T01:00:00+02:00'}              | Old",
        "{'at':'2026-01-01T00:00:00Z'}                   | Fallback",
        "{'at':'not a time'}                             | Fallback",
        "{'note':null}                                   | NoNote",
        "{'note':'REMOVE'}                               | NoNote",
        "{'name':'b','other':'a'}                        | After"
    })
    void routesByOperator(String overrides, String expectedState) {
        ObjectNode input = (ObjectNode) Machines.json(NEUTRAL);
        Machines.json(overrides).fields().forEachRemaining(field -> {
            if ("REMOVE".equals(field.getValue().asText())) {
                input.remove(field.getKey());
            } else {
                input.set(field.getKey(), field.getValue());
            }
        });

        ExecutionResult result = machine.execute(input, new TestFunctions().taskInvoker(), sleeper.options());

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.output().asText()).isEqualTo(expectedState);
    }

    @Test
    void noMatchWithoutDefaultFailsWithNoChoiceMatched() {
        StateMachine noDefault = Machines.load("choice-no-default");

        ExecutionResult matched = noDefault.execute("{\"n\":1.0}", new TestFunctions().taskInvoker(), sleeper.options());
        ExecutionResult unmatched = noDefault.execute("{\"n\":2}", new TestFunctions().taskInvoker(), sleeper.options());

        assertThat(matched.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(unmatched.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(unmatched.error()).isEqualTo("States.NoChoiceMatched");
    }

    @Test
    void missingVariableIsARuntimeError() {
        StateMachine noDefault = Machines.load("choice-no-default");

        ExecutionResult result = noDefault.execute("{}", new TestFunctions().taskInvoker(), sleeper.options());

        assertThat(result.error()).isEqualTo("States.Runtime");
        assertThat(result.cause()).contains("$.n");
    }
}
