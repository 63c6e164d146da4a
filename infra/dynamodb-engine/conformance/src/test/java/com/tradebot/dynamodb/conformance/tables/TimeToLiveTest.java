package com.tradebot.dynamodb.conformance.tables;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.tradebot.dynamodb.conformance.support.ConformanceTest;

import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

@Tag("beyond-dynalite")
class TimeToLiveTest extends ConformanceTest {

    @Test
    void isDisabledOnANewTable() {
        String table = createTable("pk", ScalarAttributeType.S);
        var ttl = db.describeTimeToLive(r -> r.tableName(table)).timeToLiveDescription();
        assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.DISABLED);
        assertThat(ttl.attributeName()).isNull();
    }

    @Test
    void enablingReturnsTheSpecificationAndIsDescribed() {
        String table = createTable("pk", ScalarAttributeType.S);
        var spec = db.updateTimeToLive(r -> r.tableName(table)
                .timeToLiveSpecification(s -> s.enabled(true).attributeName("expiresAt"))).timeToLiveSpecification();
        assertThat(spec.enabled()).isTrue();
        assertThat(spec.attributeName()).isEqualTo("expiresAt");

        var ttl = db.describeTimeToLive(r -> r.tableName(table)).timeToLiveDescription();
        assertThat(ttl.timeToLiveStatus()).isIn(TimeToLiveStatus.ENABLED, TimeToLiveStatus.ENABLING);
        assertThat(ttl.attributeName()).isEqualTo("expiresAt");
    }

    @Test
    void enablingTwiceIsRejected() {
        String table = createTable("pk", ScalarAttributeType.S);
        db.updateTimeToLive(r -> r.tableName(table).timeToLiveSpecification(s -> s.enabled(true).attributeName("ttl")));
        assertValidation("TimeToLive is already enabled",
                () -> db.updateTimeToLive(r -> r.tableName(table).timeToLiveSpecification(s -> s.enabled(true).attributeName("ttl"))));
    }

    @Test
    void disablingAfterEnablingTurnsItOff() {
        String table = createTable("pk", ScalarAttributeType.S);
        db.updateTimeToLive(r -> r.tableName(table).timeToLiveSpecification(s -> s.enabled(true).attributeName("ttl")));
        var spec = db.updateTimeToLive(r -> r.tableName(table)
                .timeToLiveSpecification(s -> s.enabled(false).attributeName("ttl"))).timeToLiveSpecification();
        assertThat(spec.enabled()).isFalse();
        assertThat(db.describeTimeToLive(r -> r.tableName(table)).timeToLiveDescription().timeToLiveStatus())
                .isIn(TimeToLiveStatus.DISABLED, TimeToLiveStatus.DISABLING);
    }

    @Test
    void disablingWhenNotEnabledIsRejected() {
        String table = createTable("pk", ScalarAttributeType.S);
        assertValidation("TimeToLive is already disabled",
                () -> db.updateTimeToLive(r -> r.tableName(table).timeToLiveSpecification(s -> s.enabled(false).attributeName("ttl"))));
    }

    @Test
    void missingTableIsResourceNotFound() {
        assertError(ResourceNotFoundException.class, 400, null,
                () -> db.describeTimeToLive(r -> r.tableName("no_such_table_ttl")));
    }
}
