package com.tradebot.functions.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.backtest.rules.RuleParser;
import com.tradebot.common.Json;
import org.junit.jupiter.api.Test;

/** The Pine import route on its sample event: a rule document, or 422 with positioned diagnostics. */
class PineImportHandlerTest {
    final PineImportHandler handler = new PineImportHandler();

    private APIGatewayProxyRequestEvent event(String body) {
        APIGatewayProxyRequestEvent e = EventLoader.loadApiGatewayRestEvent("../../events/api/strategy-import-pine.json");
        if (body != null) {
            e.setBody(body);
        }
        return e;
    }

    @Test
    void textbookScriptBecomesARuleDocumentTheBacktesterAccepts() throws Exception {
        APIGatewayProxyResponseEvent r = handler.handleRequest(event(null), null);
        assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(200);
        JsonNode body = Json.readTree(r.getBody());
        assertThat(body.get("name").asText()).isEqualTo("EMA Cross");
        assertThat(body.at("/backtest/direction").asText()).isEqualTo("BOTH");
        assertThat(RuleParser.parse(body.get("rules")).indicators()).containsKeys("fastEma", "slowEma");
    }

    @Test
    void unsupportedConstructIs422WithLineAndColumn() throws Exception {
        String script = "//@version=5\\nstrategy(\\\"x\\\")\\nv = ta.vwma(close, 5)\\nif close > v\\n"
                + "    strategy.entry(\\\"L\\\", strategy.long)\\n";
        APIGatewayProxyResponseEvent r = handler.handleRequest(event("{\"script\":\"" + script + "\"}"), null);
        assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(422);
        JsonNode detail = Json.readTree(r.getBody()).at("/error/details/0");
        assertThat(detail.get("code").asText()).isEqualTo("UNSUPPORTED_FUNCTION");
        assertThat(detail.get("line").asInt()).isEqualTo(3);
        assertThat(detail.get("column").asInt()).isEqualTo(5);
    }

    @Test
    void missingScriptIs400() {
        APIGatewayProxyResponseEvent r = handler.handleRequest(event("{}"), null);
        assertThat(r.getStatusCode()).isEqualTo(400);
        assertThat(r.getBody()).contains("VALIDATION_FAILED").contains("script");
    }
}
