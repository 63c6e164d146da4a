package com.tradebot.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.local.stepfunctions.asl.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Loads the test state machines of src/test/resources/statemachines. */
final class Machines {
    private Machines() {
    }

    static String definition(String name) {
        try (InputStream in = Machines.class.getResourceAsStream("/statemachines/" + name + ".asl.json")) {
            if (in == null) {
                throw new IllegalArgumentException("no test machine " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static StateMachine load(String name) {
        return new StateMachine(definition(name));
    }

    static JsonNode json(String text) {
        return Json.parse(text.replace('\'', '"'));
    }
}
