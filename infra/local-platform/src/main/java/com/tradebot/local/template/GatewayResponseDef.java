package com.tradebot.local.template;

import java.util.Map;

/** A gateway response ({@code GatewayResponses.<TYPE>}) with its status, headers (quotes removed) and JSON template. */
public record GatewayResponseDef(String type, Integer statusCode, Map<String, String> headers, String jsonTemplate) {
}
