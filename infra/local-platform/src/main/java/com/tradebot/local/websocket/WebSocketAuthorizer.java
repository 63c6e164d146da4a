package com.tradebot.local.websocket;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.local.lambda.EventConverter;
import com.tradebot.local.lambda.FunctionInvoker.FunctionError;
import com.tradebot.local.lambda.FunctionInvoker;
import com.tradebot.local.rest.IamPolicy;
import com.tradebot.local.template.CfnTemplate;
import com.tradebot.local.template.WebSocketApiDef;
import com.tradebot.local.template.WebSocketAuthorizerDef;
import java.io.IOException;
import java.util.Map;

/** Runs a WebSocket API's REQUEST authorizer on $connect and tells the gateway the status to reject with, if any. */
final class WebSocketAuthorizer {
    private static final String QUERY_SOURCE = "route.request.querystring.";
    private static final String HEADER_SOURCE = "route.request.header.";

    private final FunctionInvoker invoker;

    WebSocketAuthorizer(FunctionInvoker invoker) {
        this.invoker = invoker;
    }

    /** Authorized: {@link #context()} is principalId plus the authorizer's context; else {@link #status()} rejects. */
    record Result(int status, Map<String, Object> context) {
        boolean allowed() {
            return status == 200;
        }
    }

    Result authorize(WebSocketApiDef api, String stage, WebSocketAuthorizerDef authorizer, String requestId,
            Map<String, String> headers, Map<String, String> query, String sourceIp) {
        for (String source : authorizer.identitySources()) {
            String value = source.startsWith(QUERY_SOURCE)
                    ? (query == null ? null : query.get(source.substring(QUERY_SOURCE.length())))
                    : source.startsWith(HEADER_SOURCE) ? header(headers, source.substring(HEADER_SOURCE.length()))
                    : null;
            if (value == null || value.isBlank()) {
                return new Result(401, null);
            }
        }
        String methodArn = "arn:aws:execute-api:" + CfnTemplate.REGION + ":" + CfnTemplate.ACCOUNT_ID + ":"
                + api.apiId() + "/" + stage + "/$connect";
        JsonNode response;
        try {
            response = EventConverter.toTree(invoker.invoke(authorizer.functionLogicalId(),
                    event(api, stage, methodArn, requestId, headers, query, sourceIp)));
        } catch (FunctionError e) {
            return new Result("Unauthorized".equals(e.getMessage()) ? 401 : 500, null);
        } catch (IOException e) {
            return new Result(500, null);
        }
        JsonNode policy = IamPolicy.field(response, "policyDocument");
        if (policy == null) {
            return new Result(500, null);
        }
        if (new IamPolicy(policy).evaluate(methodArn) != IamPolicy.Decision.ALLOW) {
            return new Result(403, null);
        }
        return new Result(200, IamPolicy.authorizerContext(response));
    }

    private static String header(Map<String, String> headers, String name) {
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }

    private static APIGatewayCustomAuthorizerEvent event(WebSocketApiDef api, String stage, String methodArn,
            String requestId, Map<String, String> headers, Map<String, String> query, String sourceIp) {
        APIGatewayCustomAuthorizerEvent event = new APIGatewayCustomAuthorizerEvent();
        event.setType("REQUEST");
        event.setMethodArn(methodArn);
        event.setHeaders(headers);
        event.setQueryStringParameters(query);
        event.setStageVariables(Map.of());
        APIGatewayCustomAuthorizerEvent.RequestContext context = new APIGatewayCustomAuthorizerEvent.RequestContext();
        context.setAccountId(CfnTemplate.ACCOUNT_ID);
        context.setApiId(api.apiId());
        context.setStage(stage);
        context.setRequestId(requestId);
        APIGatewayCustomAuthorizerEvent.Identity identity = new APIGatewayCustomAuthorizerEvent.Identity();
        identity.setSourceIp(sourceIp);
        context.setIdentity(identity);
        event.setRequestContext(context);
        return event;
    }
}
