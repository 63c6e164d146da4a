package com.tradebot.local.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.local.stepfunctions.asl.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.Stream;

class IntrinsicFunctionsTest {
    private static final String INPUT = "{\"name\":\"Ada\",\"n\":3,\"list\":[1,2,2,3],\"obj\":{\"a\":1},"
            + "\"json\":\"{\\\"k\\\":[true]}\",\"csv\":\"a,b;;c\",\"other\":{\"b\":2,\"a\":9}}";
    private final RecordingSleeper sleeper = new RecordingSleeper(Instant.parse("2026-01-01T00:00:00Z"));

    private JsonNode evaluate(String expression) {
        String definition = Json.write(Json.object().put("StartAt", "A").set("States", Json.object().set("A",
                Json.object().put("Type", "Pass").put("End", true).set("Parameters",
                        Json.object().put("value.$", expression)))));
        ExecutionResult result = new StateMachine(definition).execute(INPUT, new TestFunctions().taskInvoker(),
                sleeper.options());
        assertThat(result.status()).as("%s: %s %s", expression, result.error(), result.cause())
                .isEqualTo(ExecutionStatus.SUCCEEDED);
        return result.output().get("value");
    }

    static Stream<Arguments> calls() {
        return Stream.of(
                Arguments.of("States.Format('Hello, {}! n={} {}', $.name, $.n, true)", "\"Hello, Ada! n=3 true\""),
                Arguments.of("States.Format('esc \\{\\} \\' {}', $.name)", "\"esc {} ' Ada\""),
                Arguments.of("States.StringToJson($.json)", "{\"k\":[true]}"),
                Arguments.of("States.JsonToString($.obj)", "\"{\\\"a\\\":1}\""),
                Arguments.of("States.Array(1, 'two', $.obj, null)", "[1,\"two\",{\"a\":1},null]"),
                Arguments.of("States.ArrayPartition(States.ArrayRange(1, 5, 1), 2)", "[[1,2],[3,4],[5]]"),
                Arguments.of("States.ArrayContains($.list, 3)", "true"),
                Arguments.of("States.ArrayContains($.list, 7)", "false"),
                Arguments.of("States.ArrayRange(10, 0, -5)", "[10,5,0]"),
                Arguments.of("States.ArrayGetItem($.list, 3)", "3"),
                Arguments.of("States.ArrayLength($.list)", "4"),
                Arguments.of("States.ArrayUnique($.list)", "[1,2,3]"),
                Arguments.of("States.Base64Encode('TradeBot')", "\"VHJhZGVCb3Q=\""),
                Arguments.of("States.Base64Decode(States.Base64Encode($.name))", "\"Ada\""),
                Arguments.of("States.Hash('abc', 'SHA-256')",
                        "\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\""),
                Arguments.of("States.Hash('abc', 'MD5')", "\"900150983cd24fb0d6963f7d28e17f72\""),
                Arguments.of("States.JsonMerge($.obj, $.other, false)", "{\"a\":9,\"b\":2}"),
                Arguments.of("States.MathAdd($.n, -5)", "-2"),
                Arguments.of("States.StringSplit($.csv, ',;')", "[\"a\",\"b\",\"c\"]"),
                Arguments.of("States.StringSplit(',,,,', ',')", "[]"),
                Arguments.of("States.StringSplit(', , ,', ',')", "[\" \",\" \"]"),
                Arguments.of("States.ArrayGetItem($['list'], States.MathAdd(1, 0))", "2"),
                Arguments.of("States.ArrayLength(States.StringSplit(States.Format('{}-{}', $.name, $$.State.Name), '-'))",
                        "2"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("calls")
    void evaluates(String expression, String expectedJson) {
        assertThat(evaluate(expression)).isEqualTo(Json.parse(expectedJson));
    }

    @Test
    void randomAndUuidAreWellFormed() {
        assertThat(evaluate("States.MathRandom(5, 8)").asInt()).isBetween(5, 7);
        assertThat(evaluate("States.MathRandom(0, 1000, 42)")).isEqualTo(evaluate("States.MathRandom(0, 1000, 42)"));
        assertThat(evaluate("States.UUID()").asText())
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    @Test
    void badArgumentsFailWithIntrinsicFailure() {
        String definition = """
                {"StartAt":"A","States":{"A":{"Type":"Pass","Parameters":{"v.$":"States.ArrayGetItem($.list, 9)"},
                  "End":true}}}""";

        ExecutionResult result = new StateMachine(definition).execute(INPUT, new TestFunctions().taskInvoker(),
                sleeper.options());

        assertThat(result.error()).isEqualTo("States.IntrinsicFailure");
        assertThat(result.cause()).contains("out of bounds");
    }

    @Test
    void syntaxErrorsAreFoundWhenTheDefinitionLoads() {
        for (String expression : new String[] {"States.Format('unterminated)", "States.Nope(1)",
                "States.Array(1,", "States.Array(1) trailing", "States.Array(@)"}) {
            String definition = Json.write(Json.object().put("StartAt", "A").set("States", Json.object().set("A",
                    Json.object().put("Type", "Pass").put("End", true).set("Parameters",
                            Json.object().put("v.$", expression)))));
            assertThatThrownBy(() -> new StateMachine(definition))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("State 'A'");
        }
    }
}
