package com.tradebot.strategy;

import static com.tradebot.storage.TableKeys.GSI1;
import static com.tradebot.storage.TableKeys.GSI1_PK;
import static com.tradebot.storage.TableKeys.GSI1_SK;
import static com.tradebot.storage.TableKeys.PK;
import static com.tradebot.storage.TableKeys.SK;
import static com.tradebot.storage.TableKeys.TYPE;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.tradebot.common.Json;
import com.tradebot.common.Page;
import com.tradebot.signal.track.TrackRecordEvent;
import com.tradebot.storage.Attr;
import com.tradebot.storage.PageCursor;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Strategies in the single table (docs/access-patterns.md, "Marketplace and signals"). The strategy partition
 * {@code STRATEGY#<id>} holds the strategy ({@code STRATEGY}: editable fields as one JSON document, counters and
 * statistics as their own attributes so they can change without a read), its webhook secret ({@code WEBHOOK}, never
 * part of any listing), the head of its track-record chain ({@code CHAIN}) and one listing copy per sort order
 * ({@code LIST#<sort>}, on GSI1 {@code STRATLIST#<sort>}), so every listing is a Query of one index partition.
 */
public final class StrategyRepository {
    static final String STRATEGY_SK = "STRATEGY";
    static final String WEBHOOK_SK = "WEBHOOK";
    static final String CHAIN_SK = "CHAIN";

    private final DynamoDbClient dynamoDb;
    private final String table;

    public StrategyRepository(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    public String table() {
        return table;
    }

    public static String partition(String strategyId) {
        return "STRATEGY#" + strategyId;
    }

    public static Map<String, AttributeValue> key(String strategyId, String sortKey) {
        return Map.of(PK, Attr.s(partition(strategyId)), SK, Attr.s(sortKey));
    }

    public static Map<String, AttributeValue> strategyKey(String strategyId) {
        return key(strategyId, STRATEGY_SK);
    }

    public static Map<String, AttributeValue> chainKey(String strategyId) {
        return key(strategyId, CHAIN_SK);
    }

    /** The strategy, its webhook secret and an empty chain, all or nothing. */
    public void create(Strategy strategy, String passphrase) {
        Map<String, AttributeValue> item = new HashMap<>(strategyKey(strategy.id()));
        item.put(TYPE, Attr.s("Strategy"));
        item.put("doc", Attr.s(Json.write(editable(strategy))));
        item.put("ownerId", Attr.s(strategy.ownerId()));
        item.put("subscriberCount", Attr.n(0));
        item.put("reviewCount", Attr.n(0));
        item.put("ratingSum", Attr.n(0));
        item.put(GSI1_PK, Attr.s("PROVIDERSTRATS#" + strategy.ownerId()));
        item.put(GSI1_SK, Attr.s(strategy.createdAt() + "#" + strategy.id()));
        Map<String, AttributeValue> webhook = new HashMap<>(key(strategy.id(), WEBHOOK_SK));
        webhook.put(TYPE, Attr.s("StrategyWebhook"));
        webhook.put("passphrase", Attr.s(passphrase));
        Map<String, AttributeValue> chain = new HashMap<>(chainKey(strategy.id()));
        chain.put(TYPE, Attr.s("TrackRecordHead"));
        chain.put("headSequence", Attr.n(0));
        chain.put("headHash", Attr.s(TrackRecordEvent.GENESIS));
        dynamoDb.transactWriteItems(b -> b.transactItems(
                put(item), put(webhook), put(chain)));
        refreshListing(strategy.id());
    }

    private TransactWriteItem put(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
                .conditionExpression("attribute_not_exists(PK)")).build();
    }

    public Optional<Strategy> find(String id) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(strategyKey(id))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    /** Writes the editable fields of {@code strategy} (counters and statistics are left alone). */
    public void update(Strategy strategy) {
        dynamoDb.updateItem(b -> b.tableName(table).key(strategyKey(strategy.id()))
                .updateExpression("SET doc = :doc")
                .conditionExpression("attribute_exists(PK)")
                .expressionAttributeValues(Map.of(":doc", Attr.s(Json.write(editable(strategy))))));
        refreshListing(strategy.id());
    }

    /**
     * Stores statistics and the running tally they were computed from ({@code tally}: an opaque JSON document of the
     * signal package) unless newer ones (computed through a later event) are already there.
     */
    public void updateStats(String id, StrategyStats stats, String tally) {
        try {
            dynamoDb.updateItem(b -> b.tableName(table).key(strategyKey(id))
                    .updateExpression("SET stats = :stats, statsThrough = :through, statsTally = :tally")
                    .conditionExpression("attribute_exists(PK) AND (attribute_not_exists(statsThrough) OR statsThrough <= :through)")
                    .expressionAttributeValues(Map.of(":stats", Attr.s(Json.write(stats)),
                            ":through", Attr.n(stats.throughSequence()), ":tally", Attr.s(tally))));
        } catch (ConditionalCheckFailedException e) {
            return; // a later computation won
        }
        refreshListing(id);
    }

    /** The running tally stored with the statistics by {@link #updateStats(String, StrategyStats, String)}, if any. */
    public Optional<String> statsTally(String id) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(strategyKey(id))
                .projectionExpression("statsTally").consistentRead(true)).item();
        return item == null || !item.containsKey("statsTally") ? Optional.empty()
                : Optional.of(Attr.str(item, "statsTally"));
    }

    /** The latest optimisation's robustness score, kept apart from the editable document like the statistics. */
    public void updateRobustness(String id, StrategyRobustness robustness) {
        dynamoDb.updateItem(b -> b.tableName(table).key(strategyKey(id))
                .updateExpression("SET robustness = :r")
                .conditionExpression("attribute_exists(PK)")
                .expressionAttributeValues(Map.of(":r", Attr.s(Json.write(robustness)))));
        refreshListing(id);
    }

    public void addSubscribers(String id, int delta) {
        dynamoDb.updateItem(b -> b.tableName(table).key(strategyKey(id))
                .updateExpression("ADD subscriberCount :d")
                .conditionExpression("attribute_exists(PK)")
                .expressionAttributeValues(Map.of(":d", Attr.n(delta))));
        refreshListing(id);
    }

    public List<Strategy> listByOwner(String ownerId) {
        List<Strategy> strategies = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamoDb.query(b -> b.tableName(table).indexName(GSI1)
                    .keyConditionExpression("#pk = :pk")
                    .expressionAttributeNames(Map.of("#pk", GSI1_PK))
                    .expressionAttributeValues(Map.of(":pk", Attr.s("PROVIDERSTRATS#" + ownerId)))
                    .exclusiveStartKey(from));
            page.items().forEach(item -> strategies.add(fromItem(item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return strategies;
    }

    public Optional<String> passphrase(String id) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key(id, WEBHOOK_SK))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.ofNullable(Attr.str(item, "passphrase"));
    }

    public void rotatePassphrase(String id, String passphrase) {
        dynamoDb.updateItem(b -> b.tableName(table).key(key(id, WEBHOOK_SK))
                .updateExpression("SET passphrase = :p")
                .conditionExpression("attribute_exists(PK)")
                .expressionAttributeValues(Map.of(":p", Attr.s(passphrase))));
    }

    /** What the webhook needs, in one round trip: the strategy, its secret and its chain head. */
    public record IntakeView(Strategy strategy, String passphrase, long headSequence, String headHash) {
    }

    public Optional<IntakeView> findForIntake(String id) {
        var response = dynamoDb.batchGetItem(b -> b.requestItems(Map.of(table, KeysAndAttributes.builder()
                .keys(strategyKey(id), key(id, WEBHOOK_SK), chainKey(id)).consistentRead(true).build())));
        Strategy strategy = null;
        String passphrase = null;
        long head = 0;
        String headHash = TrackRecordEvent.GENESIS;
        for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
            switch (Attr.str(item, SK)) {
                case STRATEGY_SK -> strategy = fromItem(item);
                case WEBHOOK_SK -> passphrase = Attr.str(item, "passphrase");
                case CHAIN_SK -> {
                    head = Attr.num(item, "headSequence", 0);
                    headHash = Attr.str(item, "headHash");
                }
                default -> { }
            }
        }
        if (strategy == null || passphrase == null || !response.unprocessedKeys().isEmpty() && strategy == null) {
            return Optional.empty();
        }
        return Optional.of(new IntakeView(strategy, passphrase, head, headHash));
    }

    // ---------------------------------------------------------------- the listing

    public Page<Strategy> list(StrategyQuery query) {
        String partition = "STRATLIST#" + query.sort().name();
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        names.put("#pk", GSI1_PK);
        values.put(":pk", Attr.s(partition));
        String keyCondition = "#pk = :pk";
        List<String> filters = new ArrayList<>();
        if (query.sort() == StrategyQuery.Sort.PRICE && (query.minPriceCents() != null || query.maxPriceCents() != null)) {
            names.put("#sk", GSI1_SK);
            values.put(":lo", Attr.s(padded(query.minPriceCents() == null ? 0 : query.minPriceCents())));
            values.put(":hi", Attr.s(padded(query.maxPriceCents() == null ? 999_999_999_999_999L : query.maxPriceCents()) + "#~"));
            keyCondition += " AND #sk BETWEEN :lo AND :hi";
        } else {
            if (query.minPriceCents() != null) {
                filters.add("priceCents >= :minPrice");
                values.put(":minPrice", Attr.n(query.minPriceCents()));
            }
            if (query.maxPriceCents() != null) {
                filters.add("priceCents <= :maxPrice");
                values.put(":maxPrice", Attr.n(query.maxPriceCents()));
            }
        }
        if (query.category() != null) {
            filters.add("category = :category");
            values.put(":category", Attr.s(query.category()));
        }
        if (query.pair() != null) {
            filters.add("contains(pairs, :pair)");
            values.put(":pair", Attr.s(query.pair()));
        }
        if (query.timeframe() != null) {
            filters.add("contains(timeframes, :timeframe)");
            values.put(":timeframe", Attr.s(query.timeframe()));
        }
        if (query.minWinRate() != null) {
            filters.add("winRate >= :minWinRate");
            values.put(":minWinRate", Attr.n(query.minWinRate()));
        }
        Map<String, AttributeValue> start = PageCursor.decode(query.cursor(), GSI1_PK, partition);
        QueryRequest.Builder request = QueryRequest.builder().tableName(table).indexName(GSI1)
                .keyConditionExpression(keyCondition)
                .expressionAttributeNames(names)
                .scanIndexForward(query.ascending())
                .limit(query.limit());
        if (!filters.isEmpty()) {
            request.filterExpression(String.join(" AND ", filters));
        }
        request.expressionAttributeValues(values);
        // A filter may drop most of a page: read on until the page is full or the partition ends.
        List<Strategy> items = new ArrayList<>();
        Map<String, AttributeValue> last = start;
        do {
            QueryResponse response = dynamoDb.query(request.exclusiveStartKey(last).build());
            for (Map<String, AttributeValue> item : response.items()) {
                if (items.size() < query.limit()) {
                    items.add(readDoc(Attr.str(item, "doc"), Strategy.class));
                    last = Map.of(PK, item.get(PK), SK, item.get(SK), GSI1_PK, item.get(GSI1_PK), GSI1_SK, item.get(GSI1_SK));
                }
            }
            if (items.size() >= query.limit()) {
                break;
            }
            last = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
        } while (last != null);
        return new Page<>(items, items.size() >= query.limit() && last != null ? PageCursor.encode(last) : null);
    }

    /** Rewrites (or removes, when the strategy is not listed) the strategy's copy in every sort order. */
    public void refreshListing(String id) {
        Optional<Strategy> found = find(id);
        List<WriteRequest> writes = new ArrayList<>();
        for (StrategyQuery.Sort sort : StrategyQuery.Sort.values()) {
            Map<String, AttributeValue> listingKey = key(id, "LIST#" + sort.name());
            if (found.isEmpty() || !found.get().listed()) {
                writes.add(WriteRequest.builder().deleteRequest(d -> d.key(listingKey)).build());
                continue;
            }
            Strategy strategy = found.get();
            Map<String, AttributeValue> item = new HashMap<>(listingKey);
            item.put(TYPE, Attr.s("StrategyListing"));
            item.put(GSI1_PK, Attr.s("STRATLIST#" + sort.name()));
            item.put(GSI1_SK, Attr.s(sortValue(sort, strategy) + "#" + id));
            item.put("doc", Attr.s(Json.write(strategy)));
            if (strategy.category() != null) {
                item.put("category", Attr.s(strategy.category()));
            }
            item.put("pairs", AttributeValue.fromL(strategy.supportedPairs().stream().map(Attr::s).toList()));
            item.put("timeframes", AttributeValue.fromL(strategy.supportedTimeframes().stream().map(Attr::s).toList()));
            item.put("priceCents", Attr.n(strategy.monthlyPriceCents()));
            item.put("winRate", Attr.n(strategy.stats().winRate()));
            writes.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
        }
        Map<String, List<WriteRequest>> pending = Map.of(table, writes);
        while (!pending.isEmpty()) {
            Map<String, List<WriteRequest>> request = pending;
            pending = dynamoDb.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
        }
    }

    static String sortValue(StrategyQuery.Sort sort, Strategy strategy) {
        return switch (sort) {
            case NEWEST -> strategy.createdAt().toString();
            case PRICE -> padded(strategy.monthlyPriceCents());
            case SUBSCRIBERS -> padded(strategy.subscriberCount());
            case RATING -> padded(Math.round(strategy.ratingAverage() * 1000));
            // returns are ≥ -100 %: shifted into non-negative integers of hundredths so strings sort as numbers
            case RETURN -> padded(strategy.stats().cumulativeReturn().setScale(2, RoundingMode.HALF_UP)
                    .movePointRight(2).longValue() + 1_000_000_000_000L);
        };
    }

    static String padded(long value) {
        return String.format("%015d", Math.max(0, value));
    }

    // ---------------------------------------------------------------- mapping

    /** The stored document: everything but counters, statistics and the computed rating. */
    private static Strategy editable(Strategy s) {
        return new Strategy(s.id(), s.ownerId(), s.name(), s.description(), s.type(), s.category(), s.parameters(),
                s.supportedPairs(), s.supportedTimeframes(), s.monthlyPriceCents(), s.revenueSharePercent(),
                s.isActive(), s.isPublic(), s.maxLagSeconds(), null, 0, 0, 0, s.createdAt(), s.updatedAt(),
                s.deletedAt(), null, s.backtest());
    }

    static Strategy fromItem(Map<String, AttributeValue> item) {
        Strategy doc = readDoc(Attr.str(item, "doc"), Strategy.class);
        String statsJson = Attr.str(item, "stats");
        StrategyStats stats = statsJson == null ? StrategyStats.EMPTY : readDoc(statsJson, StrategyStats.class);
        String robustnessJson = Attr.str(item, "robustness");
        StrategyRobustness robustness = robustnessJson == null ? null
                : readDoc(robustnessJson, StrategyRobustness.class);
        long reviews = Attr.num(item, "reviewCount", 0);
        double rating = reviews == 0 ? 0 : BigDecimal.valueOf(Attr.num(item, "ratingSum", 0))
                .divide(BigDecimal.valueOf(reviews), 2, RoundingMode.HALF_UP).doubleValue();
        return new Strategy(doc.id(), doc.ownerId(), doc.name(), doc.description(), doc.type(), doc.category(),
                doc.parameters(), doc.supportedPairs(), doc.supportedTimeframes(), doc.monthlyPriceCents(),
                doc.revenueSharePercent(), doc.isActive(), doc.isPublic(), doc.maxLagSeconds(), stats,
                (int) Attr.num(item, "subscriberCount", 0), (int) reviews, rating, doc.createdAt(),
                doc.updatedAt(), doc.deletedAt(), robustness,
                doc.backtest());
    }

    static <T> T readDoc(String json, Class<T> type) {
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable stored " + type.getSimpleName(), e);
        }
    }
}
