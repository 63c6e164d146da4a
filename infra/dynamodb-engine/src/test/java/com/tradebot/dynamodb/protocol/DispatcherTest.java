package com.tradebot.dynamodb.protocol;

import com.tradebot.dynamodb.DynamoDbException;
import com.tradebot.dynamodb.ops.Operation;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Answers written one after another by the thread's generator stay separate, also after one failed midway. */
class DispatcherTest {
    @Test
    void consecutiveAnswersOnOneThreadAreEachWhole() {
        Operation empty = (request, out) -> {
            out.writeStartObject();
            out.writeEndObject();
        };
        Operation failsMidway = (request, out) -> {
            out.writeStartObject();
            out.writeStringField("half", "written");
            out.writeFieldName("Item");
            out.writeStartObject();
            throw DynamoDbException.validation("stop here");
        };
        Operation unfinished = (request, out) -> {
            out.writeStartObject();
            out.writeStringField("a", "b");
        };
        Operation nothing = (request, out) -> { };
        Dispatcher dispatcher = new Dispatcher(Map.of("Empty", empty, "Fails", failsMidway, "Unfinished", unfinished,
                "Nothing", nothing));
        for (int i = 0; i < 3; i++) {
            assertThat(text(dispatcher.handle("Empty", new byte[0]))).isEqualTo("{}");
            assertThat(text(dispatcher.handle("Empty", "{}".getBytes(StandardCharsets.UTF_8)))).isEqualTo("{}");
            Response failed = dispatcher.handle("Fails", new byte[0]);
            assertThat(failed.status()).isEqualTo(400);
            assertThat(text(failed)).contains("stop here").doesNotContain("half");
            assertThat(text(dispatcher.handle("Empty", new byte[0]))).isEqualTo("{}");
            assertThat(text(dispatcher.handle("Unfinished", new byte[0]))).isEqualTo("{\"a\":\"b\"}");
            assertThat(text(dispatcher.handle("Nothing", new byte[0]))).isEmpty();
            assertThat(text(dispatcher.handle("Empty", new byte[0]))).isEqualTo("{}");
        }
    }

    private static String text(Response response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
