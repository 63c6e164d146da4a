package com.tradebot.local.stepfunctions.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import java.math.BigDecimal;
import java.time.Instant;

/** JSON details of the AWS JSON 1.0 protocol. */
final class ApiJson {
    private ApiJson() {
    }

    /** Timestamps travel as epoch seconds with a fraction (milliseconds). */
    static JsonNode epochSeconds(Instant instant) {
        return DecimalNode.valueOf(BigDecimal.valueOf(instant.toEpochMilli(), 3));
    }
}
