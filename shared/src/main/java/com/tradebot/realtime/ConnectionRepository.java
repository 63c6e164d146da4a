package com.tradebot.realtime;

import static com.tradebot.storage.TableKeys.GSI1;
import static com.tradebot.storage.TableKeys.GSI1_PK;
import static com.tradebot.storage.TableKeys.GSI1_SK;
import static com.tradebot.storage.TableKeys.PK;
import static com.tradebot.storage.TableKeys.SK;
import static com.tradebot.storage.TableKeys.TTL;
import static com.tradebot.storage.TableKeys.TYPE;

import com.tradebot.auth.Principal;
import com.tradebot.auth.Role;
import com.tradebot.storage.Attr;
import com.tradebot.storage.Items;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Connections in the single table: {@code CONN#<id> / META} (GSI1: the user's connections) and one
 * {@code CONN#<id> / SUB#<channel>} item per subscription (GSI1: the channel's subscribers). Items expire by TTL after
 * API Gateway's 2-hour connection limit, so a missed $disconnect leaves nothing behind for long.
 */
public final class ConnectionRepository {
    private static final Duration MAX_CONNECTION_AGE = Duration.ofHours(2).plusMinutes(5);

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public ConnectionRepository(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    public void save(Connection connection) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, Attr.s(connectionKey(connection.connectionId())));
        item.put(SK, Attr.s("META"));
        item.put(TYPE, Attr.s("Connection"));
        item.put("connectedAt", Attr.s(connection.connectedAt().toString()));
        item.put(TTL, Attr.n(connection.connectedAt().plus(MAX_CONNECTION_AGE).getEpochSecond()));
        if (connection.sourceIp() != null) {
            item.put("sourceIp", Attr.s(connection.sourceIp()));
        }
        if (connection.authenticated()) {
            item.put("userId", Attr.s(connection.principal().userId()));
            item.put("role", Attr.s(connection.principal().role().name()));
            item.put("tokenExpiresAt", Attr.n(connection.principal().expiresAt().getEpochSecond()));
            item.put(GSI1_PK, Attr.s("USERCONN#" + connection.userId()));
            item.put(GSI1_SK, Attr.s(connectionKey(connection.connectionId())));
        }
        dynamoDb.putItem(b -> b.tableName(tableName).item(item));
    }

    public Optional<Connection> find(String connectionId) {
        return Items.get(dynamoDb, tableName, Map.of(PK, Attr.s(connectionKey(connectionId)), SK, Attr.s("META")))
                .map(item -> new Connection(connectionId, principalOf(item), Attr.str(item, "sourceIp"),
                        Attr.instant(item, "connectedAt")));
    }

    private static Principal principalOf(Map<String, AttributeValue> item) {
        String userId = Attr.str(item, "userId");
        AttributeValue expiresAt = item.get("tokenExpiresAt");
        if (userId == null || expiresAt == null) {
            return null;
        }
        return Role.parse(Attr.str(item, "role"))
                .map(role -> new Principal(userId, role, Instant.ofEpochSecond(Long.parseLong(expiresAt.n()))))
                .orElse(null);
    }

    /** Removes the connection and every subscription it holds. */
    public void delete(String connectionId) {
        List<WriteRequest> deletes = new ArrayList<>();
        for (Map<String, AttributeValue> item : queryAll(QueryRequest.builder().tableName(tableName)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", PK))
                .expressionAttributeValues(Map.of(":pk", Attr.s(connectionKey(connectionId))))
                .projectionExpression("#pk, SK")
                .build())) {
            deletes.add(WriteRequest.builder().deleteRequest(d -> d.key(Map.of(PK, item.get(PK), SK, item.get(SK)))).build());
        }
        for (int i = 0; i < deletes.size(); i += 25) {
            List<WriteRequest> chunk = deletes.subList(i, Math.min(i + 25, deletes.size()));
            Map<String, List<WriteRequest>> pending = Map.of(tableName, chunk);
            while (!pending.isEmpty()) {
                Map<String, List<WriteRequest>> request = pending;
                pending = dynamoDb.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
            }
        }
    }

    /** Subscribes a connection to a channel, e.g. {@code signals#<strategyId>} or {@code positions#<userId>}. */
    public void subscribe(String connectionId, String channel) {
        Connection connection = find(connectionId).orElseThrow(() -> new IllegalStateException("Unknown connection"));
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, Attr.s(connectionKey(connectionId)));
        item.put(SK, Attr.s("SUB#" + channel));
        item.put(TYPE, Attr.s("ConnectionSubscription"));
        item.put(GSI1_PK, Attr.s("CHANNEL#" + channel));
        item.put(GSI1_SK, Attr.s(connectionKey(connectionId)));
        if (connection.userId() != null) {
            item.put("userId", Attr.s(connection.userId()));
        }
        item.put(TTL, Attr.n(connection.connectedAt().plus(MAX_CONNECTION_AGE).getEpochSecond()));
        dynamoDb.putItem(b -> b.tableName(tableName).item(item));
    }

    public List<String> subscribers(String channel) {
        return connectionIdsOnGsi1("CHANNEL#" + channel);
    }

    /** The connections subscribed to a channel with their users (for per-user delivery rules). */
    public List<ChannelMember> members(String channel) {
        List<ChannelMember> members = new ArrayList<>();
        for (Map<String, AttributeValue> item : queryAll(QueryRequest.builder().tableName(tableName).indexName(GSI1)
                .keyConditionExpression("#pk = :pk")
                .projectionExpression("#sk, userId") // a 1,000-member channel is read on every signal event
                .expressionAttributeNames(Map.of("#pk", GSI1_PK, "#sk", GSI1_SK))
                .expressionAttributeValues(Map.of(":pk", Attr.s("CHANNEL#" + channel)))
                .build())) {
            members.add(new ChannelMember(Attr.str(item, GSI1_SK).substring("CONN#".length()), Attr.str(item, "userId")));
        }
        return members;
    }

    public List<String> connectionsOfUser(String userId) {
        return connectionIdsOnGsi1("USERCONN#" + userId);
    }

    private List<String> connectionIdsOnGsi1(String partition) {
        List<String> ids = new ArrayList<>();
        for (Map<String, AttributeValue> item : queryAll(QueryRequest.builder().tableName(tableName).indexName(GSI1)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", GSI1_PK))
                .expressionAttributeValues(Map.of(":pk", Attr.s(partition)))
                .build())) {
            ids.add(Attr.str(item, GSI1_SK).substring("CONN#".length()));
        }
        return ids;
    }

    private List<Map<String, AttributeValue>> queryAll(QueryRequest request) {
        return dynamoDb.queryPaginator(request).items().stream().toList();
    }

    private static String connectionKey(String connectionId) {
        return "CONN#" + connectionId;
    }
}
