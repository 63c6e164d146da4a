package com.tradebot.dynamodb.conformance.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.awaitility.Awaitility;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** Base of every conformance test: the shared target, table creation and error assertions. */
public abstract class ConformanceTest {
    private static final AtomicInteger TABLE_COUNTER = new AtomicInteger();
    private static final String RUN_ID = Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);

    protected final DynamoDbClient db = DynamoDbTarget.shared().client();

    /**
     * A table name unique for this JVM run, so tests never see each other's data even on a shared server; the counter
     * is zero-padded so names created later also sort later.
     */
    protected String uniqueTableName() {
        return String.format("conf_%s_%s_%06d", getClass().getSimpleName(), RUN_ID, TABLE_COUNTER.incrementAndGet());
    }

    protected String createTable(String hashKey, ScalarAttributeType hashType) {
        return createTable(b -> b
                .attributeDefinitions(attribute(hashKey, hashType))
                .keySchema(hash(hashKey)));
    }

    protected String createTable(String hashKey, ScalarAttributeType hashType, String rangeKey, ScalarAttributeType rangeType) {
        return createTable(b -> b
                .attributeDefinitions(attribute(hashKey, hashType), attribute(rangeKey, rangeType))
                .keySchema(hash(hashKey), range(rangeKey)));
    }

    /** Creates an on-demand table with a fresh name (the customizer may set anything else) and waits until ACTIVE. */
    protected String createTable(Consumer<CreateTableRequest.Builder> customizer) {
        String name = uniqueTableName();
        CreateTableRequest.Builder builder = CreateTableRequest.builder().tableName(name).billingMode(BillingMode.PAY_PER_REQUEST);
        customizer.accept(builder);
        db.createTable(builder.build());
        awaitActive(name);
        return name;
    }

    protected void awaitActive(String table) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> db.describeTable(r -> r.tableName(table)).table().tableStatus() == TableStatus.ACTIVE);
    }

    protected static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    protected static KeySchemaElement hash(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.HASH).build();
    }

    protected static KeySchemaElement range(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.RANGE).build();
    }

    protected void put(String table, Map<String, AttributeValue> item) {
        db.putItem(r -> r.tableName(table).item(item));
    }

    protected Map<String, AttributeValue> get(String table, Map<String, AttributeValue> key) {
        var response = db.getItem(r -> r.tableName(table).key(key).consistentRead(true));
        return response.hasItem() ? response.item() : null;
    }

    /** Every item of the table, following LastEvaluatedKey. */
    protected List<Map<String, AttributeValue>> scanAll(String table) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        db.scanPaginator(r -> r.tableName(table).consistentRead(true)).items().forEach(items::add);
        return items;
    }

    /**
     * Asserts DynamoDB's answer to a bad request: the SDK's typed exception, the HTTP status, and (when DynamoDB's
     * text is known) the exact message.
     */
    protected static <E extends DynamoDbException> E assertError(Class<E> type, int status, String message, ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("expected %s", type.getSimpleName()).isInstanceOf(type);
        E error = type.cast(thrown);
        assertThat(error.statusCode()).as("HTTP status").isEqualTo(status);
        if (message != null) {
            assertThat(error.awsErrorDetails().errorMessage()).as("message").isEqualTo(message);
        }
        return error;
    }

    /** A 400 ValidationException (the SDK has no subclass for it) with DynamoDB's exact message. */
    protected static DynamoDbException assertValidation(String message, ThrowingCallable call) {
        DynamoDbException error = assertError(DynamoDbException.class, 400, message, call);
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        return error;
    }

    /** A 400 ValidationException whose message starts with the given text (for messages that echo request data). */
    protected static DynamoDbException assertValidationStartsWith(String prefix, ThrowingCallable call) {
        DynamoDbException error = assertError(DynamoDbException.class, 400, null, call);
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        assertThat(error.awsErrorDetails().errorMessage()).startsWith(prefix);
        return error;
    }

    protected static DynamoDbException assertValidationContains(String fragment, ThrowingCallable call) {
        DynamoDbException error = assertError(DynamoDbException.class, 400, null, call);
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        assertThat(error.awsErrorDetails().errorMessage()).contains(fragment);
        return error;
    }
}
