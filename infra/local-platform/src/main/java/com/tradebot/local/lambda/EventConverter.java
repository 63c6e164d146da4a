package com.tradebot.local.lambda;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Converts events between JSON and the types handlers declare, the way the Lambda Java runtime does: classes of
 * aws-lambda-java-events go through Lambda's own serializers (they know the AWS field names such as
 * {@code Records} or {@code detail-type}), other types through Jackson.
 */
public final class EventConverter {
    private static final String LAMBDA_EVENTS_PACKAGE = "com.amazonaws.services.lambda.runtime.events";
    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private static final Map<Class<?>, PojoSerializer<?>> SERIALIZERS = new ConcurrentHashMap<>();

    private EventConverter() {
    }

    /** {@code event} as an instance of {@code target}. */
    public static Object convert(Object event, JavaType target) throws IOException {
        Class<?> raw = target.getRawClass();
        if (event == null || raw == Object.class || (raw.isInstance(event) && !target.hasGenericTypes())) {
            return event;
        }
        String json = toJson(event);
        if (raw == String.class) {
            return json;
        }
        if (isLambdaEvent(raw)) {
            return serializer(raw).fromJson(json);
        }
        return JSON.readValue(json, target);
    }

    public static <T> T convert(Object event, Class<T> target) throws IOException {
        return target.cast(convert(event, JSON.constructType(target)));
    }

    /** The JSON Lambda would put on the wire for {@code value} (a String is taken to be JSON already). */
    public static String toJson(Object value) throws IOException {
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof JsonNode node) {
            return node.toString();
        }
        if (value != null && isLambdaEvent(value.getClass())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            serializerOf(value).toJson(value, out);
            return out.toString(StandardCharsets.UTF_8);
        }
        return JSON.writeValueAsString(value);
    }

    /** {@code value} as a JSON tree with the AWS field names. */
    public static JsonNode toTree(Object value) throws IOException {
        if (value instanceof String text) {
            try {
                return JSON.readTree(text);
            } catch (IOException notJson) {
                return JSON.getNodeFactory().textNode(text);
            }
        }
        return JSON.readTree(toJson(value));
    }

    public static JavaType type(java.lang.reflect.Type type) {
        return JSON.constructType(type);
    }

    public static ObjectMapper mapper() {
        return JSON;
    }

    private static boolean isLambdaEvent(Class<?> type) {
        return type.getName().startsWith(LAMBDA_EVENTS_PACKAGE);
    }

    @SuppressWarnings("unchecked")
    private static PojoSerializer<Object> serializerOf(Object value) {
        return (PojoSerializer<Object>) serializer(value.getClass());
    }

    private static PojoSerializer<?> serializer(Class<?> type) {
        return SERIALIZERS.computeIfAbsent(type,
                key -> LambdaEventSerializers.serializerFor(key, EventConverter.class.getClassLoader()));
    }
}
