package com.tradebot.dynamodb.conformance.model;

import static com.tradebot.dynamodb.conformance.support.Values.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;


import com.tradebot.dynamodb.conformance.support.ConformanceTest;

import org.awaitility.Awaitility;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Random sequences of writes against the server and against a TreeMap model of the same table; after every step
 * the item read back, the partition queried, its global index entries and (every few steps) the whole table scanned
 * must equal the model.
 */
@net.jqwik.api.Tag("beyond-dynalite") // dynalite creates items on REMOVE-only updates of missing keys, which the model does not
class ModelBasedPropertyTest extends ConformanceTest {

    /** One key of the model table: partition "a".."c", sort 0..3. */
    record Key(String pk, int sk) implements Comparable<Key> {
        Map<String, AttributeValue> attributes() {
            return item("pk", s(pk), "sk", n(sk));
        }

        @Override
        public int compareTo(Key other) {
            int byPartition = pk.compareTo(other.pk);
            return byPartition != 0 ? byPartition : Integer.compare(sk, other.sk);
        }
    }

    sealed interface Op permits Put, PutIfAbsent, AddNumber, SetValue, RemoveValue, AddTag, DeleteTag, DebitIfEnough, Delete {
        Key key();
    }

    record Put(Key key, String value) implements Op { }

    record PutIfAbsent(Key key, String value) implements Op { }

    record AddNumber(Key key, int delta) implements Op { }

    record SetValue(Key key, String value) implements Op { }

    record RemoveValue(Key key) implements Op { }

    record AddTag(Key key, String tag) implements Op { }

    record DeleteTag(Key key, String tag) implements Op { }

    record DebitIfEnough(Key key, int amount) implements Op { }

    record Delete(Key key) implements Op { }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Key> keys = Combinators.combine(Arbitraries.of("a", "b", "c"), Arbitraries.integers().between(0, 3)).as(Key::new);
        Arbitrary<String> values = Arbitraries.of("x", "y", "z", "");
        Arbitrary<String> tags = Arbitraries.of("red", "green", "blue");
        Arbitrary<Integer> amounts = Arbitraries.integers().between(-5, 10);
        Arbitrary<Op> op = Arbitraries.oneOf(
                Combinators.combine(keys, values).as(Put::new),
                Combinators.combine(keys, values).as(PutIfAbsent::new),
                Combinators.combine(keys, amounts).as(AddNumber::new),
                Combinators.combine(keys, values).as(SetValue::new),
                keys.map(RemoveValue::new),
                Combinators.combine(keys, tags).as(AddTag::new),
                Combinators.combine(keys, tags).as(DeleteTag::new),
                Combinators.combine(keys, amounts).as(DebitIfEnough::new),
                keys.map(Delete::new));
        return op.list().ofMinSize(5).ofMaxSize(30);
    }

    @Property(tries = 12, seed = "20261126", shrinking = ShrinkingMode.BOUNDED)
    void serverBehavesLikeTheModel(@ForAll("operations") List<Op> ops) {
        String table = createTable(b -> b
                .attributeDefinitions(attribute("pk", ScalarAttributeType.S), attribute("sk", ScalarAttributeType.N),
                        attribute("n", ScalarAttributeType.N))
                .keySchema(hash("pk"), range("sk"))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byN").keySchema(hash("pk"), range("n"))
                        .projection(p -> p.projectionType(ProjectionType.ALL)).build()));
        NavigableMap<Key, Map<String, AttributeValue>> model = new TreeMap<>();
        int step = 0;
        for (Op op : ops) {
            boolean expectedToApply = applyToModel(model, op);
            boolean applied = applyToServer(table, op);
            assertThat(applied).as("step %d %s applied", step, op).isEqualTo(expectedToApply);
            assertThat(canonical(get(table, op.key().attributes()))).as("step %d %s read back", step, op)
                    .isEqualTo(canonical(model.get(op.key())));
            assertThat(queryPartition(table, op.key().pk())).as("step %d %s partition", step, op)
                    .isEqualTo(model.subMap(new Key(op.key().pk(), Integer.MIN_VALUE), true, new Key(op.key().pk(), Integer.MAX_VALUE), true)
                            .values().stream().map(ModelBasedPropertyTest::canonical).toList());
            assertIndexMatches(table, op.key().pk(), model, step, op);
            if (++step % 10 == 0) {
                assertThat(scanAll(table).stream().map(ModelBasedPropertyTest::canonical).sorted(ModelBasedPropertyTest::byKey).toList())
                        .as("scan after step %d", step).isEqualTo(model.values().stream().map(ModelBasedPropertyTest::canonical).toList());
            }
        }
        assertThat(scanAll(table)).hasSize(model.size());
    }

    /** Applies the operation to the model; false when its condition fails (so nothing changes). */
    private static boolean applyToModel(NavigableMap<Key, Map<String, AttributeValue>> model, Op op) {
        Map<String, AttributeValue> current = model.get(op.key());
        Map<String, AttributeValue> next = current == null ? null : new TreeMap<>(current);
        if (op instanceof Put put) {
            next = withValue(op.key(), put.value());
        } else if (op instanceof PutIfAbsent put) {
            if (current != null) {
                return false;
            }
            next = withValue(op.key(), put.value());
        } else if (op instanceof AddNumber add) {
            next = orKeyOnly(next, op.key());
            next.put("n", n(number(next) + add.delta()));
        } else if (op instanceof SetValue set) {
            next = orKeyOnly(next, op.key());
            next.put("v", s(set.value()));
        } else if (op instanceof RemoveValue) {
            if (next == null) {
                return true; // REMOVE alone does not create an item
            }
            next.remove("v");
        } else if (op instanceof AddTag add) {
            next = orKeyOnly(next, op.key());
            TreeSet<String> tags = next.containsKey("tags") ? new TreeSet<>(next.get("tags").ss()) : new TreeSet<>();
            tags.add(add.tag());
            next.put("tags", ss(tags.toArray(String[]::new)));
        } else if (op instanceof DeleteTag delete) {
            if (next == null) {
                return false; // sent with attribute_exists(pk)
            }
            if (next.containsKey("tags")) {
                TreeSet<String> tags = new TreeSet<>(next.get("tags").ss());
                tags.remove(delete.tag());
                if (tags.isEmpty()) {
                    next.remove("tags");
                } else {
                    next.put("tags", ss(tags.toArray(String[]::new)));
                }
            }
        } else if (op instanceof DebitIfEnough debit) {
            if (next == null || !next.containsKey("n") || number(next) < debit.amount()) {
                return false;
            }
            next.put("n", n(number(next) - debit.amount()));
        } else if (op instanceof Delete) {
            next = null;
        }
        if (next == null) {
            model.remove(op.key());
        } else {
            model.put(op.key(), next);
        }
        return true;
    }

    private static long number(Map<String, AttributeValue> item) {
        return item.containsKey("n") ? Long.parseLong(item.get("n").n()) : 0;
    }

    private static Map<String, AttributeValue> withValue(Key key, String value) {
        Map<String, AttributeValue> item = new TreeMap<>(key.attributes());
        item.put("v", s(value));
        return item;
    }

    private static Map<String, AttributeValue> orKeyOnly(Map<String, AttributeValue> item, Key key) {
        return item != null ? item : new TreeMap<>(key.attributes());
    }

    /** Sends the operation; false when the server answers ConditionalCheckFailed. */
    private boolean applyToServer(String table, Op op) {
        var key = op.key().attributes();
        try {
            if (op instanceof Put put) {
                put(table, withValue(op.key(), put.value()));
            } else if (op instanceof PutIfAbsent put) {
                db.putItem(r -> r.tableName(table).item(withValue(op.key(), put.value())).conditionExpression("attribute_not_exists(pk)"));
            } else if (op instanceof AddNumber add) {
                db.updateItem(r -> r.tableName(table).key(key).updateExpression("ADD n :d")
                        .expressionAttributeValues(Map.of(":d", n(add.delta()))));
            } else if (op instanceof SetValue set) {
                db.updateItem(r -> r.tableName(table).key(key).updateExpression("SET v = :v")
                        .expressionAttributeValues(Map.of(":v", s(set.value()))));
            } else if (op instanceof RemoveValue) {
                db.updateItem(r -> r.tableName(table).key(key).updateExpression("REMOVE v"));
            } else if (op instanceof AddTag add) {
                db.updateItem(r -> r.tableName(table).key(key).updateExpression("ADD tags :t")
                        .expressionAttributeValues(Map.of(":t", ss(add.tag()))));
            } else if (op instanceof DeleteTag delete) {
                db.updateItem(r -> r.tableName(table).key(key).updateExpression("DELETE tags :t").conditionExpression("attribute_exists(pk)")
                        .expressionAttributeValues(Map.of(":t", ss(delete.tag()))));
            } else if (op instanceof DebitIfEnough debit) {
                db.updateItem(r -> r.tableName(table).key(key).updateExpression("SET n = n - :a")
                        .conditionExpression("n >= :a").expressionAttributeValues(Map.of(":a", n(debit.amount()))));
            } else if (op instanceof Delete) {
                db.deleteItem(r -> r.tableName(table).key(key));
            }
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * The index holds exactly the partition's items that have n, in n order. Polled briefly, because a global index
     * may lag the table on real DynamoDB.
     */
    private void assertIndexMatches(String table, String pk, NavigableMap<Key, Map<String, AttributeValue>> model, int step, Op op) {
        List<Map<String, AttributeValue>> expected = model.values().stream()
                .filter(i -> i.get("pk").s().equals(pk) && i.containsKey("n"))
                .map(ModelBasedPropertyTest::canonical).sorted(ModelBasedPropertyTest::byKey).toList();
        List<Long> expectedOrder = expected.stream().map(i -> Long.parseLong(i.get("n").n())).sorted().toList();
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            List<Map<String, AttributeValue>> indexed = new ArrayList<>();
            db.queryPaginator(r -> r.tableName(table).indexName("byN").keyConditionExpression("pk = :p")
                    .expressionAttributeValues(Map.of(":p", s(pk)))).items().forEach(i -> indexed.add(canonical(i)));
            assertThat(indexed.stream().map(i -> Long.parseLong(i.get("n").n())).toList()).as("step %d %s index order", step, op)
                    .isEqualTo(expectedOrder);
            assertThat(indexed.stream().sorted(ModelBasedPropertyTest::byKey).toList()).as("step %d %s index items", step, op)
                    .isEqualTo(expected);
        });
    }

    private List<Map<String, AttributeValue>> queryPartition(String table, String pk) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        db.queryPaginator(r -> r.tableName(table).keyConditionExpression("pk = :p").consistentRead(true)
                .expressionAttributeValues(Map.of(":p", s(pk)))).items().forEach(i -> items.add(canonical(i)));
        return items;
    }

    /** Sorted attribute names and sorted set members, so equal items compare equal whatever order the server keeps. */
    private static Map<String, AttributeValue> canonical(Map<String, AttributeValue> item) {
        if (item == null) {
            return null;
        }
        Map<String, AttributeValue> sorted = new TreeMap<>();
        item.forEach((name, value) -> sorted.put(name, value.hasSs() ? ss(new TreeSet<>(value.ss()).toArray(String[]::new)) : value));
        return sorted;
    }

    private static int byKey(Map<String, AttributeValue> a, Map<String, AttributeValue> b) {
        return new Key(a.get("pk").s(), Integer.parseInt(a.get("sk").n())).compareTo(new Key(b.get("pk").s(), Integer.parseInt(b.get("sk").n())));
    }
}
