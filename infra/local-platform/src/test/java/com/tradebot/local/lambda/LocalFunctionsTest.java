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

    @Test
    void aFailureIsLoggedWithFunctionRequestIdCauseChainAndProjectFramesButNotItsMessage() {
        List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        org.apache.logging.log4j.core.Logger logger =
                (org.apache.logging.log4j.core.Logger) org.apache.logging.log4j.LogManager.getLogger(LocalFunctions.class);
        var appender = new org.apache.logging.log4j.core.appender.AbstractAppender("failure-capture", null, null, true,
                org.apache.logging.log4j.core.config.Property.EMPTY_ARRAY) {
            @Override
            public void append(org.apache.logging.log4j.core.LogEvent event) {
                logged.add(event.getLevel() + " " + event.getMessage().getFormattedMessage());
            }
        };
        appender.start();
        logger.addAppender(appender);
        try {
            assertThatThrownBy(() -> functions.invoke("Failing", Map.of())).isInstanceOf(FunctionError.class);
            assertThatThrownBy(() -> functions.invoke("Missing", Map.of())).isInstanceOf(FunctionError.class);
        } finally {
            logger.removeAppender(appender);
            appender.stop();
        }

        assertThat(logged).hasSize(2);
        assertThat(logged.get(0)).startsWith("ERROR Function Failing (fn-Failing) failed, request ")
                .matches("(?s).*request [0-9a-f-]{36}: java.lang.IllegalStateException \\(message withheld.*")
                .contains("at com.tradebot.local.lambda.fixtures.FailingHandler.handleRequest(FailingHandler.java:")
                .doesNotContain(FailingHandler.SECRET_MESSAGE);
        assertThat(logged.get(1)).contains("HandlerLoadException: Cannot create handler com.tradebot.nowhere.NoHandler")
                .contains("Caused by: java.lang.ClassNotFoundException: com.tradebot.nowhere.NoHandler");
    }
}
