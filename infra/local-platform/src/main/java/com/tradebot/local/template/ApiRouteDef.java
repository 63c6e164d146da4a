package com.tradebot.local.template;

/**
 * A REST route from a function's {@code Type: Api} event.
 *
 * @param authorizer null for the API's default authorizer, {@code NONE} for none, else an authorizer's name
 */
public record ApiRouteDef(String restApiLogicalId, String functionLogicalId, String method, String path,
        String authorizer) {
}
