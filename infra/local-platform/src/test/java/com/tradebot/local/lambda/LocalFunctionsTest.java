package com.tradebot.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.local.lambda.FunctionInvoker.FunctionError;
import com.tradebot.local.lambda.fixtures.FailingHandler;
import com.tradebot.local.template.FunctionDef;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LocalFunctionsTest {
    private LocalFunctions functions;

    @BeforeEach
    void setUp() {
        functions = new LocalFunctions(Map.of("AWS_REGION", "us-east-1", "GREETING", "common"),
                getClass().getClassLoader());
        functions.register(function("Echo", "com.tradebot.local.lambda.fixtures.EchoHandler::handleRequest",
                Map.of("GREETING", "from-template"), 10));
        functions.register(function("Sqs", "com.tradebot.local.lambda.fixtures.EventTypesHandler", Map.of(), 10));
        functions.register(function("Scheduled", "com.tradebot.local.lambda.fixtures.ScheduledHandler", Map.of(), 10));
        functions.register(function("Stream", "com.tradebot.local.lambda.fixtures.UpperCaseStreamHandler", Map.of(),
                10));
        functions.register(function("Failing", "com.tradebot.local.lambda.fixtures.FailingHandler", Map.of(), 10));
        functions.register(function("Slow", "com.tradebot.local.lambda.fixtures.SlowHandler", Map.of(), 1));
        functions.register(function("Missing", "com.tradebot.nowhere.NoHandler", Map.of(), 10));
        functions.markReady();
    }

    @AfterEach
    void tearDown() {
        functions.close();
    }

    private static FunctionDef function(String id, String handler, Map<String, String> environment, int timeout) {
        return new FunctionDef(id, "fn-" + id, handler, "java21", timeout, 256, environment, List.of());
    }

    @Test
    void handlerSeesItsOwnEnvironmentAtConstructionAndInvocationAndContext() throws Exception {
        APIGatewayProxyResponseEvent response = (APIGatewayProxyResponseEvent) functions.invoke("Echo",
                new APIGatewayProxyRequestEvent().withHttpMethod("GET").withPath("/x"));

        assertThat(response.getHeaders())
                .containsEntry("X-Greeting", "from-template")
                .containsEntry("X-Greeting-At-Construction", "from-template")
                .containsEntry("X-Function-Name", "fn-Echo")
                .containsEntry("X-Remaining-Positive", "true");
        assertThat(response.getHeaders().get("X-Log-Request-Id")).isEqualTo(response.getHeaders().get("X-Request-Id"));
    }

    @Test
    void convertsAwsShapedJsonAndMapsToEventClasses() throws Exception {
        String sqsJson = """
                {"Records":[{"messageId":"m-1","body":"hi","eventSource":"aws:sqs",
                  "eventSourceARN":"arn:aws:sqs:us-east-1:000000000000:q"}]}""";
        Map<String, Object> scheduled = Map.of("detail-type", "Scheduled Event", "source", "aws.events",
                "detail", Map.of(), "time", "2026-11-26T00:00:00Z");

        assertThat(functions.invoke("Sqs", sqsJson)).isEqualTo(List.of("m-1@arn:aws:sqs:us-east-1:000000000000:q"));
        assertThat(functions.invoke("Scheduled", scheduled)).isEqualTo("Scheduled Event|aws.events");
    }

    @Test
    void streamHandlersGetJsonAndReturnATree() throws Exception {
        Object result = functions.invoke("Stream", Map.of("say", "hi"));

        assertThat(result).isInstanceOf(JsonNode.class);
        assertThat(((JsonNode) result).get("SAY").asText()).isEqualTo("HI");
    }

    @Test
    void failuresCarryTheExceptionTypeAndTimeoutsAndUnknownFunctionsAreErrors() {
        assertThatThrownBy(() -> functions.invoke("Failing", Map.of()))
                .isInstanceOfSatisfying(FunctionError.class, error -> {
                    assertThat(error.errorType()).isEqualTo(IllegalStateException.class.getName());
                    assertThat(error.getMessage()).isEqualTo(FailingHandler.SECRET_MESSAGE);
                });
        assertThatThrownBy(() -> functions.invoke("Slow", Map.of()))
                .isInstanceOfSatisfying(FunctionError.class,
                        error -> assertThat(error.errorType()).isEqualTo("Sandbox.Timedout"));
        assertThatThrownBy(() -> functions.invoke("Nope", Map.of()))
                .isInstanceOfSatisfying(FunctionError.class,
                        error -> assertThat(error.errorType()).isEqualTo("ResourceNotFoundException"));
        assertThatThrownBy(() -> functions.invoke("Missing", Map.of()))
                .isInstanceOfSatisfying(FunctionError.class,
                        error -> assertThat(error.getMessage()).contains("com.tradebot.nowhere.NoHandler"));
    }
}
