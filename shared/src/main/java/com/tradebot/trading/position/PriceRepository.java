package com.tradebot.trading.position;

import static com.tradebot.storage.TableKeys.PK;
import static com.tradebot.storage.TableKeys.SK;
import static com.tradebot.storage.TableKeys.TYPE;

import com.tradebot.storage.Attr;
import com.tradebot.storage.Items;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The last price the feed read per exchange and pair ({@code PRICE#<exchange>#<pair>}); positions mark to it. */
public final class PriceRepository {
    public record LastPrice(BigDecimal price, Instant at) {
    }

    private final DynamoDbClient dynamoDb;
    private final String table;

    public PriceRepository(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /** Stores the price unless a newer one is there already (two feed runs racing keep the newest). */
    public void save(String exchange, String pair, LastPrice last) {
        Items.conditionally(() -> dynamoDb.putItem(b -> b.tableName(table)
                .item(Map.of(PK, key(exchange, pair).get(PK), SK, key(exchange, pair).get(SK),
                        TYPE, Attr.s("LastPrice"), "price", Attr.n(last.price()), "atMs", Attr.n(last.at().toEpochMilli())))
                .conditionExpression("attribute_not_exists(PK) OR atMs <= :at")
                .expressionAttributeValues(Map.of(":at", Attr.n(last.at().toEpochMilli())))));
    }

    public Optional<LastPrice> find(String exchange, String pair) {
        return Items.get(dynamoDb, table, key(exchange, pair))
                .map(item -> new LastPrice(Attr.decimal(item, "price"),
                        Instant.ofEpochMilli(Attr.num(item, "atMs", 0))));
    }

    private static Map<String, AttributeValue> key(String exchange, String pair) {
        return Map.of(PK, Attr.s("PRICE#" + exchange + "#" + pair), SK, Attr.s("LAST"));
    }
}
