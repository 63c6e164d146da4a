package com.tradebot.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

class FailureReportTest {

    @Test
    void showsTheCauseChainWithMessagesThatNameCodeAndWithholdsTheOthers() {
        ClassNotFoundException missing = new ClassNotFoundException("software.amazon.awssdk.services.sns.SnsClient");
        NoClassDefFoundError linkage = new NoClassDefFoundError("software/amazon/awssdk/services/sns/SnsClient");
        linkage.initCause(missing);
        IllegalArgumentException quoting = new IllegalArgumentException("bad body {\"password\":\"hunter2\"}", linkage);

        String report = FailureReport.of(quoting);

        assertThat(report).startsWith("java.lang.IllegalArgumentException (message withheld")
                .contains("\nCaused by: java.lang.NoClassDefFoundError: software/amazon/awssdk/services/sns/SnsClient")
                .contains("\nCaused by: java.lang.ClassNotFoundException: software.amazon.awssdk.services.sns.SnsClient")
                .doesNotContain("hunter2");
    }

    @Test
    void listsTheFirstFramesOfTheProjectsCodeButNotThePlatforms() {
        RuntimeException failure = new RuntimeException("x");
        failure.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("com.fasterxml.jackson.Parser", "parse", "Parser.java", 10),
                new StackTraceElement("com.tradebot.realtime.RealtimeService", "reply", "RealtimeService.java", 52),
                new StackTraceElement("com.tradebot.functions.realtime.MessageHandler", "handleRequest",
                        "MessageHandler.java", 40),
                new StackTraceElement("com.tradebot.local.lambda.LocalFunctions$LoadedHandler", "invoke", "LocalFunctions.java", 99)});

        String report = FailureReport.of(failure);

        assertThat(report).contains("at com.tradebot.realtime.RealtimeService.reply(RealtimeService.java:52)")
                .contains("at com.tradebot.functions.realtime.MessageHandler.handleRequest(MessageHandler.java:40)")
                .doesNotContain("LocalFunctions").doesNotContain("jackson");
    }

    @Test
    void anAwsServiceErrorShowsItsCodeAndStatusNotItsMessage() {
        ResourceNotFoundException notFound = (ResourceNotFoundException) ResourceNotFoundException.builder()
                .message("Requested resource not found: item {secret-value}").statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ResourceNotFoundException").build()).build();

        assertThat(FailureReport.headline(notFound)).isEqualTo(ResourceNotFoundException.class.getName()
                + " [ResourceNotFoundException, status 400]");
    }

    @Test
    void aFailureOutsideTheProjectShowsItsTopFrame() {
        IllegalStateException failure = new IllegalStateException();
        failure.setStackTrace(new StackTraceElement[] {new StackTraceElement("java.util.Objects", "requireNonNull",
                "Objects.java", 5)});

        assertThat(FailureReport.of(failure)).isEqualTo("java.lang.IllegalStateException\n"
                + "    at java.util.Objects.requireNonNull(Objects.java:5) (no frame of the project's code)");
    }
}
