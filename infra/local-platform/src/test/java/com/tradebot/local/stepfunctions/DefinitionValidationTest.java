package com.tradebot.local.stepfunctions;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DefinitionValidationTest {
    private static final String LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:F";

    static Stream<Arguments> invalidDefinitions() {
        return Stream.of(
                Arguments.of("{\"StartAt\":\"Nope\",\"States\":{\"A\":{\"Type\":\"Succeed\"}}}", "StartAt 'Nope'"),
                Arguments.of("{\"StartAt\":\"A\",\"States\":{}}", "States must be a non-empty object"),
                Arguments.of("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Next\":\"B\"}}}",
                        "State 'A': transition to 'B'"),
                Arguments.of("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\"}}}",
                        "State 'A': needs exactly one of Next"),
                Arguments.of("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true,\"Next\":\"A\"}}}",
                        "State 'A': needs exactly one of Next"),
                Arguments.of("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Succeed\",\"Next\":\"A\"}}}",
                        "State 'A': unknown or unsupported field 'Next'"),
                Arguments.of("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Teleport\",\"End\":true}}}",
                        "State 'A': unknown Type 'Teleport'"),
                Arguments.of("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true,\"Resultpath\":\"$\"}}}",
                        "State 'A': unknown or unsupported field 'Resultpath'"),
                Arguments.of("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Task\",\"End\":true,"
                        + "\"Resource\":\"arn:aws:states:::sqs:sendMessage\"}}}", "State 'A': unknown Task resource"),
                Arguments.of("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Task\",\"End\":true,"
                        + "\"Resource\":\"arn:aws:states:::lambda:invoke.waitForTaskToken\","
                        + "\"Parameters\":{\"FunctionName\":\"F\"}}}}", "State 'A': resource 'arn:aws:states:::lambda:invoke.waitForTaskToken' is not supported"),
                Arguments.of("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Task\",\"End\":true,"
                        + "\"Resource\":\"" + LAMBDA + "\",\"TimeoutSeconds\":5,\"HeartbeatSeconds\":5}}}",
                        "State 'A': HeartbeatSeconds must be smaller"),
                Arguments.of("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Choice\",\"Choices\":["
                        + "{\"Variable\":\"$.x\",\"StringEquals\":1,\"Next\":\"A\"}]}}}", "State 'A' Choices[0].StringEquals"),
                Arguments.of("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Choice\",\"Choices\":["
                        + "{\"Variable\":\"$.x\",\"StringEquals\":\"a\",\"NumericEquals\":1,\"Next\":\"A\"}]}}}",
                        "exactly one operator"),
                Arguments.of("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Choice\",\"Choices\":["
                        + "{\"Not\":{\"Variable\":\"$.x\",\"IsNull\":true,\"Next\":\"A\"},\"Next\":\"A\"}]}}}",
                        "nested choice rules must not have Next"),
                Arguments.of("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Choice\",\"Choices\":["
                        + "{\"Variable\":\"$.x\",\"IsNull\":true,\"Next\":\"A\"}],\"Default\":\"Z\"}}}",
                        "transition to 'Z'"),
                Arguments.of("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Wait\",\"Seconds\":1,\"SecondsPath\":\"$.s\",\"End\":true}}}",
                        "State 'A': a Wait needs exactly one of"),
                Arguments.of("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true,\"ResultPath\":\"$.a[*]\"}}}",
                        "State 'A' ResultPath"),
                Arguments.of("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true,\"InputPath\":\"$..[\"}}}",
                        "State 'A' InputPath: invalid JSONPath"),
                Arguments.of("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true,\"Parameters\":{\"x.$\":\"nope\"}}}}",
                        "State 'A' Parameters.x.$"),
                Arguments.of("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Task\",\"Resource\":\"" + LAMBDA + "\",\"End\":true,"
                        + "\"Retry\":[{\"ErrorEquals\":[\"States.ALL\"]},{\"ErrorEquals\":[\"X\"]}]}}}",
                        "States.ALL must be alone"),
                Arguments.of("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Task\",\"Resource\":\"" + LAMBDA + "\",\"End\":true,"
                        + "\"Retry\":[{\"ErrorEquals\":[\"X\"],\"BackoffRate\":0.5}]}}}", "BackoffRate must be a number >= 1.0"),
                Arguments.of("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Task\",\"Resource\":\"" + LAMBDA + "\",\"End\":true,"
                        + "\"Catch\":[{\"ErrorEquals\":[\"X\"],\"Next\":\"Nowhere\"}]}}}", "transition to 'Nowhere'"),
                Arguments.of("{\"StartAt\":\"M\",\"States\":{\"M\":{\"Type\":\"Map\",\"End\":true,\"ItemProcessor\":"
                        + "{\"StartAt\":\"In\",\"States\":{\"In\":{\"Type\":\"Pass\",\"Next\":\"Out\"}}}}}}",
                        "State 'In': transition to 'Out', which is not a state of State 'M' ItemProcessor"),
                Arguments.of("{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Parallel\",\"End\":true,\"Branches\":[]}}}",
                        "State 'P': Branches must be a non-empty array"),
                Arguments.of("{\"StartAt\":\"A\",\"QueryLanguage\":\"JSONata\",\"States\":{\"A\":{\"Type\":\"Succeed\"}}}",
                        "only QueryLanguage JSONPath"),
                Arguments.of("not json", "Invalid JSON"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidDefinitions")
    void rejectsWithAMessageNamingTheProblem(String definition, String message) {
        assertThatThrownBy(() -> new StateMachine(definition))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void acceptsEverySampleMachine() {
        for (String name : new String[] {"map-concurrency", "map-distributed", "map-fails-fast", "choice",
                "choice-no-default", "retry-catch", "task-timeout", "io-processing", "context", "parallel-wait-fail"}) {
            assertThatCode(() -> Machines.load(name)).as(name).doesNotThrowAnyException();
        }
    }
}
