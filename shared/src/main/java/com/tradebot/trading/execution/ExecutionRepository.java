package com.tradebot.trading.execution;

import static com.tradebot.storage.TableKeys.GSI1;
import static com.tradebot.storage.TableKeys.GSI1_PK;
import static com.tradebot.storage.TableKeys.GSI1_SK;
import static com.tradebot.storage.TableKeys.GSI2;
import static com.tradebot.storage.TableKeys.GSI2_PK;
import static com.tradebot.storage.TableKeys.GSI2_SK;
import static com.tradebot.storage.TableKeys.PK;
import static com.tradebot.storage.TableKeys.SK;
import static com.tradebot.storage.TableKeys.TYPE;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.tradebot.common.Json;
import com.tradebot.storage.Attr;
import com.tradebot.storage.Items;
import com.tradebot.trading.exchange.ExchangeOrder;
import com.tradebot.trading.position.Position;
import com.tradebot.trading.position.PositionRepository;
import com.tradebot.trading.risk.OrderExecutor;
import com.tradebot.trading.risk.OrderPlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Execution records, one per entry clientOrderId ({@code EXECUTION#<clientOrderId>}), written only with
 * {@code attribute_not_exists(PK)}: an order's record and its position go in one transaction, so an order is recorded
 * once and never without its position; a rejection is recorded once. A user's history is GSI1
 * {@code USEREXECUTIONS#<userId>}; the orders of one signal (whose positions its close must reach) are GSI2
 * {@code SIGNALORDERS#<signalId>}, on ordered records only.
 */
public final class ExecutionRepository {
    private final DynamoDbClient dynamoDb;
    private final String table;
    private final PositionRepository positions;

    public ExecutionRepository(DynamoDbClient dynamoDb, String table, PositionRepository positions) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.positions = positions;
    }

    public Optional<ExecutionRecord> find(String clientOrderId) {
        return Items.get(dynamoDb, table, key(clientOrderId)).map(ExecutionRepository::fromItem);
    }

    /**
     * The {@link OrderExecutor.ExecutionLog} of one execution: {@code find} answers recorded orders only, and
     * {@code record} writes the execution and the position {@code toPosition} builds, both or neither.
     */
    public OrderExecutor.ExecutionLog log(ExecutionRequest request, String mode,
                                          BiFunction<OrderPlan, ExchangeOrder, Position> toPosition,
                                          java.time.Clock clock) {
        return log(request, mode, toPosition, clock, false);
    }

    /**
     * As above; {@code alreadyLooked}: the caller read this clientOrderId's record moments ago and found none, so
     * {@code find} answers empty without a second read. Still exactly once: the exchange is asked by clientOrderId
     * before any order, and {@code record} is a conditional write.
     */
    public OrderExecutor.ExecutionLog log(ExecutionRequest request, String mode,
                                          BiFunction<OrderPlan, ExchangeOrder, Position> toPosition,
                                          java.time.Clock clock, boolean alreadyLooked) {
        return new OrderExecutor.ExecutionLog() {
            @Override
            public Optional<ExchangeOrder> find(String clientOrderId) {
                if (alreadyLooked) {
                    return Optional.empty();
                }
                return ExecutionRepository.this.find(clientOrderId)
                        .filter(r -> r.outcome() == ExecutionRecord.Outcome.ORDERED).map(ExecutionRecord::order);
            }

            @Override
            public void record(OrderPlan plan, ExchangeOrder order) {
                Position position = toPosition.apply(plan, order);
                ExecutionRecord record = new ExecutionRecord(plan.clientOrderId(), request.userId(),
                        request.subscriptionId(), request.strategyId(), request.signalId(), mode,
                        ExecutionRecord.Outcome.ORDERED, null, null, order, position.id(), clock.instant());
                try {
                    dynamoDb.transactWriteItems(b -> b.transactItems(
                            TransactWriteItem.builder().put(insertion(record, request.accountRef())).build(),
                            TransactWriteItem.builder().put(positions.insertion(position)).build()));
                } catch (TransactionCanceledException e) {
                    if (!onlyConditionsFailed(e)) {
                        throw e;
                    }
                    // already recorded by an earlier attempt: recording again is harmless, as the contract says
                }
            }
        };
    }

    /** Records a rejection; false when the execution already has a record (a redelivery). */
    public boolean recordRejection(ExecutionRecord rejection) {
        return Items.conditionally(() -> dynamoDb.putItem(insertionRequest(rejection)));
    }

    /** A follower's order on a signal: whose position ({@code positionId}) on which account. */
    public record SignalOrder(String userId, String subscriptionId, String positionId, String accountRef,
                              String mode) {
    }

    /** Every order placed on {@code signalId} (all pages of GSI2 {@code SIGNALORDERS#<signalId>}). */
    public List<SignalOrder> ordersOfSignal(String signalId) {
        List<SignalOrder> found = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamoDb.query(b -> b.tableName(table).indexName(GSI2)
                    .keyConditionExpression("#pk = :pk")
                    .expressionAttributeNames(Map.of("#pk", GSI2_PK))
                    .expressionAttributeValues(Map.of(":pk", Attr.s("SIGNALORDERS#" + signalId)))
                    .exclusiveStartKey(from));
            for (Map<String, AttributeValue> item : page.items()) {
                ExecutionRecord record = fromItem(item);
                found.add(new SignalOrder(record.userId(), record.subscriptionId(), record.positionId(),
                        Attr.str(item, "accountRef"), record.mode()));
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return found;
    }

    /** The user's executions and rejections, newest first. */
    public List<ExecutionRecord> ofUser(String userId, int limit) {
        QueryResponse page = dynamoDb.query(b -> b.tableName(table).indexName(GSI1)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", GSI1_PK))
                .expressionAttributeValues(Map.of(":pk", Attr.s("USEREXECUTIONS#" + userId)))
                .scanIndexForward(false).limit(limit));
        return page.items().stream().map(ExecutionRepository::fromItem).toList();
    }

    private static boolean onlyConditionsFailed(TransactionCanceledException e) {
        return e.hasCancellationReasons() && e.cancellationReasons().stream().map(CancellationReason::code)
                .allMatch(code -> code == null || "None".equals(code) || "ConditionalCheckFailed".equals(code));
    }

    private Put insertion(ExecutionRecord record, String accountRef) {
        Map<String, AttributeValue> item = item(record);
        // an order is what a signal's close must undo: indexed by signal, with the account its queue group needs
        item.put("accountRef", Attr.s(accountRef));
        item.put(GSI2_PK, Attr.s("SIGNALORDERS#" + record.signalId()));
        item.put(GSI2_SK, Attr.s(record.userId()));
        return Put.builder().tableName(table).item(item).conditionExpression("attribute_not_exists(PK)").build();
    }

    private software.amazon.awssdk.services.dynamodb.model.PutItemRequest insertionRequest(ExecutionRecord record) {
        return software.amazon.awssdk.services.dynamodb.model.PutItemRequest.builder().tableName(table)
                .item(item(record)).conditionExpression("attribute_not_exists(PK)").build();
    }

    private static Map<String, AttributeValue> item(ExecutionRecord record) {
        Map<String, AttributeValue> item = new HashMap<>(key(record.clientOrderId()));
        item.put(TYPE, Attr.s("Execution"));
        item.put("outcome", Attr.s(record.outcome().name()));
        item.put("doc", Attr.s(Json.write(record)));
        item.put(GSI1_PK, Attr.s("USEREXECUTIONS#" + record.userId()));
        item.put(GSI1_SK, Attr.s(record.at() + "#" + record.clientOrderId()));
        return item;
    }

    private static ExecutionRecord fromItem(Map<String, AttributeValue> item) {
        try {
            return Json.MAPPER.readValue(Attr.str(item, "doc"), ExecutionRecord.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable execution " + Attr.str(item, PK), e);
        }
    }

    private static Map<String, AttributeValue> key(String clientOrderId) {
        return Map.of(PK, Attr.s("EXECUTION#" + clientOrderId), SK, Attr.s("EXECUTION"));
    }
}
