package com.tradebot.functions.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.common.ApiException;
import com.tradebot.functions.http.ApiHandler;
import com.tradebot.functions.http.ApiRequest;
import com.tradebot.functions.http.ApiResponse;
import com.tradebot.strategy.pine.PineDiagnostic;
import com.tradebot.strategy.pine.PineImport;
import com.tradebot.strategy.pine.PineImportException;
import com.tradebot.strategy.pine.PineImporter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/strategies/import/pine {"script": "..."}}: a Pine v5 strategy → a rule document for the backtester
 * (200), or 422 with every syntax error and unsupported construct at its line and column. Pure computation: the
 * function reads no table and no configuration.
 */
public final class PineImportHandler extends ApiHandler {
    public PineImportHandler() {
        route("POST", "/api/strategies/import/pine", this::importPine);
    }

    private ApiResponse importPine(ApiRequest request) {
        request.requirePrincipal();
        JsonNode body = request.bodyTree();
        JsonNode script = body == null ? null : body.get("script");
        if (script == null || !script.isTextual()) {
            throw ApiException.validation(List.of(new ApiException.FieldError("script",
                    "required: the Pine Script source as a string")));
        }
        if (script.asText().length() > PineImporter.MAX_SOURCE_CHARS) {
            throw ApiException.payloadTooLarge("script: at most " + PineImporter.MAX_SOURCE_CHARS + " characters");
        }
        try {
            PineImport imported = PineImporter.translate(script.asText());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("name", imported.name());
            out.put("rules", imported.rules());
            out.put("backtest", imported.backtest());
            out.put("diagnostics", imported.diagnostics().stream().map(PineImportHandler::view).toList());
            return ApiResponse.ok(out);
        } catch (PineImportException e) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("code", "PINE_UNSUPPORTED");
            error.put("message", e.getMessage());
            error.put("details", e.diagnostics().stream().map(PineImportHandler::view).toList());
            return ApiResponse.of(422, Map.of("error", error));
        }
    }

    private static Map<String, Object> view(PineDiagnostic d) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("field", "script:" + d.line() + ":" + d.column());
        v.put("message", d.message());
        v.put("severity", d.severity().name());
        v.put("code", d.code());
        v.put("line", d.line());
        v.put("column", d.column());
        return v;
    }
}
