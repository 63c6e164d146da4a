package com.tradebot.dynamodb.conformance.capacity;

import static com.tradebot.dynamodb.conformance.support.Values.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.tradebot.dynamodb.conformance.support.ConformanceTest;

import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** ReturnConsumedCapacity: 1 KB write units, 4 KB read units, half price for eventually consistent reads. */
class ConsumedCapacityTest extends ConformanceTest {
    private String table;

    @BeforeEach
    void table() {
        table = createTable("pk", ScalarAttributeType.S);
    }

    @Test
    void noCapacityUnlessAsked() {
        assertThat(db.putItem(r -> r.tableName(table).item(item("pk", s("a")))).consumedCapacity()).isNull();
    }

    @Test
    void smallWriteCostsOneUnit() {
        var capacity = db.putItem(r -> r.tableName(table).item(item("pk", s("a"), "v", s("x")))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity();
        assertThat(capacity.tableName()).isEqualTo(table);
        assertThat(capacity.capacityUnits()).isEqualTo(1.0);
    }

    @Test
    void writeUnitsRoundUpPerKilobyte() {
        String fiveKb = "x".repeat(4 * 1024 + 100); // a little over 4 KB with the names: 5 units
        var capacity = db.putItem(r -> r.tableName(table).item(item("pk", s("a"), "v", s(fiveKb)))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity();
        assertThat(capacity.capacityUnits()).isEqualTo(5.0);
    }

    @Test
    void overwritingALargeItemCostsTheLargerOfOldAndNew() {
        put(table, item("pk", s("a"), "v", s("x".repeat(3 * 1024))));
        var capacity = db.putItem(r -> r.tableName(table).item(item("pk", s("a")))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity();
        assertThat(capacity.capacityUnits()).isEqualTo(4.0);
    }

    @Test
    void readsCostHalfWhenEventuallyConsistent() {
        put(table, item("pk", s("a"), "v", s("x")));
        var eventual = db.getItem(r -> r.tableName(table).key(item("pk", s("a"))).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
                .consumedCapacity();
        var strong = db.getItem(r -> r.tableName(table).key(item("pk", s("a"))).consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity();
        assertThat(eventual.capacityUnits()).isEqualTo(0.5);
        assertThat(strong.capacityUnits()).isEqualTo(1.0);
    }

    @Test
    void readUnitsRoundUpPerFourKilobytes() {
        put(table, item("pk", s("a"), "v", s("x".repeat(9 * 1024))));
        var strong = db.getItem(r -> r.tableName(table).key(item("pk", s("a"))).consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity();
        assertThat(strong.capacityUnits()).isEqualTo(3.0);
    }

    @Test
    void indexesModeReportsTheTablePart() {
        var capacity = db.putItem(r -> r.tableName(table).item(item("pk", s("a")))
                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)).consumedCapacity();
        assertThat(capacity.table().capacityUnits()).isEqualTo(1.0);
    }
}
