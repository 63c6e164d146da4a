package com.tradebot.local.template;

import java.util.List;
import java.util.Map;

/** An {@code AWS::Serverless::Function} with Globals merged and its environment resolved to local values. */
public record FunctionDef(String logicalId, String functionName, String handler, String runtime, int timeoutSeconds,
        int memorySizeMb, Map<String, String> environment, List<FunctionEventDef> events) {

    public String arn() {
        return CfnTemplate.functionArn(functionName);
    }

    /** The handler class: {@code Handler} is {@code com.x.MyHandler} or {@code com.x.MyHandler::handleRequest}. */
    public String handlerClassName() {
        int separator = handler.indexOf("::");
        return separator < 0 ? handler : handler.substring(0, separator);
    }
}
