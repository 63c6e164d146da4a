package com.tradebot.dynamodb.ops;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.dynamodb.DynamoDbException;
import com.tradebot.dynamodb.TransactionCanceledException;
import com.tradebot.dynamodb.TransactionCanceledException.Reason;
import com.tradebot.dynamodb.expr.ConditionExpression;
import com.tradebot.dynamodb.expr.ExpressionContext;
import com.tradebot.dynamodb.expr.UpdateExpression;
import com.tradebot.dynamodb.protocol.Request;
import com.tradebot.dynamodb.storage.Database;
import com.tradebot.dynamodb.storage.IndexKey;
import com.tradebot.dynamodb.storage.Slot;
import com.tradebot.dynamodb.storage.TableData;
import com.tradebot.dynamodb.table.TableDefinition;
import com.tradebot.dynamodb.value.AttributeValue;
import com.tradebot.dynamodb.value.AttributeValues;
import com.tradebot.dynamodb.value.StoredItem;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Up to 100 ConditionCheck / Put / Update / Delete actions, all or nothing: every condition is evaluated under
 * the write lock and only if all pass are the changes applied (in one commit). A ClientRequestToken makes
 * the call idempotent for 10 minutes.
 */
public final class TransactWriteItems implements Operation {
    static final int MAX_ACTIONS = 100;
    static final long MAX_TRANSACTION_BYTES = 4L * 1024 * 1024;

    private final Database database;
    private final IdempotencyCache idempotency = new IdempotencyCache(Duration.ofMinutes(10));

    public TransactWriteItems(Database database) {
        this.database = database;
    }

    private enum Kind { CONDITION_CHECK, PUT, UPDATE, DELETE }

    /** size: of the item (Put) or the key (others), towards the 4 MB limit; a Put's item is checked against 400 KB. */
    private record Action(Kind kind, String table, Map<String, AttributeValue> key, Map<String, AttributeValue> item,
                          long size, ConditionExpression condition, UpdateExpression update, boolean itemOnFailure) {
    }

    @Override
    public String digestedField() {
        return "TransactItems";
    }

    @Override
    public void execute(Request request, JsonGenerator out) throws IOException {
        JsonNode itemsNode = request.array("TransactItems");
        if (itemsNode == null) {
            throw request.constraint("TransactItems", null, "Member must not be null");
        }
        if (itemsNode.isEmpty() || itemsNode.size() > MAX_ACTIONS) {
            throw request.constraint("TransactItems", itemsNode.size() + " actions", itemsNode.isEmpty()
                    ? "Member must have length greater than or equal to 1"
                    : "Member must have length less than or equal to 100");
        }
        String token = request.string("ClientRequestToken");
        if (token != null && (token.isEmpty() || token.length() > 36)) {
            throw request.constraint("ClientRequestToken", token, token.isEmpty()
                    ? "Member must have length greater than or equal to 1"
                    : "Member must have length less than or equal to 36");
        }
        Capacity capacity = new Capacity(request);
        List<Action> actions = new ArrayList<>(itemsNode.size());
        long totalSize = 0;
        for (JsonNode node : itemsNode) {
            Action action = parse(request.wrap(node, "TransactItems.member"));
            actions.add(action);
            totalSize += action.size();
        }
        if (totalSize > MAX_TRANSACTION_BYTES) {
            // "The aggregate size of the items in the transaction cannot exceed 4 MB" (developer guide, Constraints)
            throw DynamoDbException.validation("Transaction request cannot be larger than 4 MB");
        }
        // hashing the request needs no lock: done before taking it (normally while parsing), so the lock is held for less
        byte[] requestDigest = token == null ? null
                : request.fieldDigest() != null ? request.fieldDigest() : IdempotencyCache.digest(itemsNode);

        Positions validated = Positions.of(database, actions);

        database.write(batch -> {
            // checked and remembered under the write lock, so a retry racing the original runs only once
            if (token != null && idempotency.replay(token, requestDigest)) {
                return null;
            }
            // validated before taking the lock (so that it is held for less); again here only if a table it used was
            // deleted, re-created or redefined meanwhile, or if it failed (its error is answered after the replay check)
            Positions checked = validated.stillCurrent(database) ? validated : Positions.of(database, actions);
            List<IndexKey> positions = checked.get();
            List<Reason> reasons = new ArrayList<>(actions.size());
            List<Map<String, AttributeValue>> currents = new ArrayList<>(actions.size());
            List<Slot> slots = new ArrayList<>(actions.size());
            List<Map<String, AttributeValue>> results = new ArrayList<>(actions.size());
            boolean failed = false;
            for (int i = 0; i < actions.size(); i++) {
                Action action = actions.get(i);
                TableData table = database.table(action.table());
                Slot slot = table.slot(positions.get(i));
                Map<String, AttributeValue> current = slot == null ? null : slot.item();
                currents.add(current);
                slots.add(slot);
                Map<String, AttributeValue> result = current;
                Reason reason = Reason.NONE;
                if (action.condition() != null && !action.condition().matches(current == null ? Map.of() : current)) {
                    reason = new Reason("ConditionalCheckFailed", "The conditional request failed",
                            action.itemOnFailure() ? current : null);
                } else {
                    try {
                        result = switch (action.kind()) {
                            case CONDITION_CHECK -> current;
                            case PUT -> action.item();
                            case DELETE -> null;
                            case UPDATE -> UpdateItem.apply(table.definition(), action.key(), current, action.update());
                        };
                    } catch (DynamoDbException e) {
                        if (!"ValidationException".equals(e.type())) {
                            throw e;
                        }
                        reason = new Reason("ValidationError", e.getMessage(), null);
                    }
                }
                failed |= reason != Reason.NONE;
                reasons.add(reason);
                results.add(result);
            }
            if (failed) {
                throw new TransactionCanceledException(reasons);
            }
            for (int i = 0; i < actions.size(); i++) {
                Action action = actions.get(i);
                if (action.kind() == Kind.CONDITION_CHECK) {
                    continue;
                }
                TableData table = database.table(action.table());
                // still what the first pass read: nothing else writes while this holds the lock
                Map<String, AttributeValue> current = currents.get(i);
                if (current != null || results.get(i) != null) {
                    // positions are distinct (Positions.of refuses two actions on one item)
                    batch.put(table, positions.get(i), slots.get(i), current, results.get(i));
                }
                capacity.write(table.definition(), current, results.get(i), 2);
            }
            if (token != null) {
                idempotency.remember(token, requestDigest);
            }
            return null;
        });
        out.writeStartObject();
        capacity.writeList(out);
        out.writeEndObject();
    }

    /**
     * Each action's table, the definition it was validated against and its item's position; or the error the
     * validation ended with. An empty key value is refused up front, as a ValidationException for the whole request;
     * a Key of the wrong shape (missing, extra or wrong-typed attributes), an item that fails validation, or a key over
     * the size limits cancels with a ValidationError reason at its position (DynamoDB answers "The provided key element
     * does not match the schema" as a cancellation reason); two actions on one item are a ValidationException.
     */
    private static final class Positions {
        private final List<TableData> tables;
        private final List<TableDefinition> definitions;
        private final List<IndexKey> positions;
        private final RuntimeException failure;

        private Positions(List<TableData> tables, List<TableDefinition> definitions, List<IndexKey> positions,
                          RuntimeException failure) {
            this.tables = tables;
            this.definitions = definitions;
            this.positions = positions;
            this.failure = failure;
        }

        static Positions of(Database database, List<Action> actions) {
            List<TableData> tables = new ArrayList<>(actions.size());
            List<TableDefinition> definitions = new ArrayList<>(actions.size());
            List<IndexKey> positions = new ArrayList<>(actions.size());
            try {
                // a few actions are compared pairwise (IndexKey.equals compares cached hashes first), many are hashed
                Map<String, Set<IndexKey>> seen = actions.size() > FEW_ACTIONS ? new HashMap<>() : null;
                List<Reason> invalid = null;
                for (int i = 0; i < actions.size(); i++) {
                    Action action = actions.get(i);
                    TableData table = database.table(action.table());
                    TableDefinition definition = table.definition();
                    tables.add(table);
                    definitions.add(definition);
                    if (action.kind() != Kind.PUT) {
                        KeyValidation.checkKeyNotEmpty(definition, action.key());
                    }
                    IndexKey key;
                    try {
                        key = action.kind() == Kind.PUT ? KeyValidation.item(definition, action.item(), action.size())
                                : KeyValidation.key(definition, action.key());
                    } catch (DynamoDbException e) {
                        if (!"ValidationException".equals(e.type())) {
                            throw e;
                        }
                        if (invalid == null) {
                            invalid = new ArrayList<>(Collections.nCopies(actions.size(), Reason.NONE));
                        }
                        invalid.set(i, new Reason("ValidationError", e.getMessage(), null));
                        positions.add(null);
                        continue;
                    }
                    if (seen != null ? !seen.computeIfAbsent(action.table(), t -> new HashSet<>()).add(key)
                            : positionTaken(actions, positions, action.table(), key)) {
                        throw DynamoDbException.validation("Transaction request cannot include multiple operations on one item");
                    }
                    positions.add(key);
                }
                if (invalid != null) {
                    throw new TransactionCanceledException(invalid);
                }
                return new Positions(tables, definitions, positions, null);
            } catch (DynamoDbException e) {
                return new Positions(tables, definitions, positions, e);
            }
        }

        private static final int FEW_ACTIONS = 8;

        /** True when an earlier action (one per position so far) is on the item at key in the table. */
        private static boolean positionTaken(List<Action> actions, List<IndexKey> positions, String table, IndexKey key) {
            for (int j = 0; j < positions.size(); j++) {
                if (key.equals(positions.get(j)) && actions.get(j).table().equals(table)) {
                    return true;
                }
            }
            return false;
        }

        /** True when validating again now would give the same answer: it succeeded, and its tables are unchanged. */
        boolean stillCurrent(Database database) {
            if (failure != null) {
                return false;
            }
            for (int i = 0; i < tables.size(); i++) {
                TableData table = tables.get(i);
                if (database.findTable(table.name()) != table || table.definition() != definitions.get(i)) {
                    return false;
                }
            }
            return true;
        }

        /** The positions, or the validation's error. */
        List<IndexKey> get() {
            if (failure != null) {
                throw failure;
            }
            return positions;
        }
    }

    private static Action parse(Request entry) {
        Request check = entry.nested("ConditionCheck");
        Request put = entry.nested("Put");
        Request delete = entry.nested("Delete");
        Request update = entry.nested("Update");
        int present = (check != null ? 1 : 0) + (put != null ? 1 : 0) + (delete != null ? 1 : 0) + (update != null ? 1 : 0);
        if (present != 1) {
            throw DynamoDbException.validation("TransactItems can only contain one of Check, Put, Update or Delete");
        }
        Request body = check != null ? check : put != null ? put : delete != null ? delete : update;
        Kind kind = check != null ? Kind.CONDITION_CHECK : put != null ? Kind.PUT : delete != null ? Kind.DELETE : Kind.UPDATE;
        String table = body.tableName("TableName");
        ExpressionContext expressions = kind == Kind.UPDATE
                ? Expressions.context(body, "UpdateExpression", "ConditionExpression")
                : Expressions.context(body, "ConditionExpression");
        Map<String, AttributeValue> key = null;
        Map<String, AttributeValue> item = null;
        if (kind == Kind.PUT) {
            item = StoredItem.of(body.requiredItem("Item"));
        } else {
            key = body.requiredItem("Key");
        }
        UpdateExpression updateExpression = null;
        if (kind == Kind.UPDATE) {
            updateExpression = expressions.update(body.requiredString("UpdateExpression"));
        }
        String conditionText = kind == Kind.CONDITION_CHECK ? body.requiredString("ConditionExpression")
                : body.string("ConditionExpression");
        ConditionExpression condition = conditionText == null ? null : expressions.condition(conditionText, "ConditionExpression");
        expressions.checkAllUsed();
        long size = AttributeValues.itemSize(item != null ? item : key);
        return new Action(kind, table, key, item, size, condition, updateExpression, ReturnValues.itemOnConditionFailure(body));
    }
}
