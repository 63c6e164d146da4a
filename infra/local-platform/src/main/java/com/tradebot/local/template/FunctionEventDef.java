package com.tradebot.local.template;

import java.util.Map;

/** One entry of a function's {@code Events}: its name, {@code Type} (Api, SQS, Schedule, ...) and resolved properties. */
public record FunctionEventDef(String name, String type, Map<String, Object> properties) {
}
