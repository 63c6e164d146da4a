package com.tradebot.local.template;

import java.util.List;

/** A Lambda authorizer of a REST API ({@code Auth.Authorizers.<name>}). */
public record AuthorizerDef(String name, String functionLogicalId, String payloadType, List<String> identityHeaders,
        List<String> identityQueryStrings, int reauthorizeEverySeconds) {
}
