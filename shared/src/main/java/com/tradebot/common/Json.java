package com.tradebot.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.annotation.JsonInclude;

/** The one configured ObjectMapper: ISO-8601 timestamps, exact decimals, no nulls in output. */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private Json() {
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise " + value.getClass().getName(), e);
        }
    }

    /** Parses a request body; malformed JSON is the caller's fault, so it becomes a 400. */
    public static JsonNode readTree(String body) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("INVALID_JSON", "Request body must be a JSON object");
        }
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("INVALID_JSON", "Malformed JSON: " + e.getOriginalMessage());
        }
    }
}
