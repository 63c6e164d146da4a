package com.tradebot.local.rest;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.tradebot.local.lambda.EventConverter;
import com.tradebot.local.lambda.FunctionInvoker.FunctionError;
import com.tradebot.local.lambda.FunctionInvoker;
import com.tradebot.local.template.AuthorizerDef;
import com.tradebot.local.template.CfnTemplate;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs REST Lambda authorizers as API Gateway does: identity sources must be present (else 401), the function's IAM
 * policy must allow the method ARN (else 403), a function failing with "Unauthorized" means 401; results are cached
 * per identity for {@code ReauthorizeEvery} seconds.
 */
final class RestAuthorizers {
    private final FunctionInvoker invoker;
    private final Map<String, CachedResult> cache = new ConcurrentHashMap<>();

    RestAuthorizers(FunctionInvoker invoker) {
        this.invoker = invoker;
    }

    sealed interface Outcome permits Allowed, Refused {
    }

    /** Authorized: what goes into {@code requestContext.authorizer}. */
    record Allowed(Map<String, Object> authorizerContext) implements Outcome {
    }

    record Refused(GatewayError error, String message) implements Outcome {
    }

    private record CachedResult(JsonNode response, long expiresAtMillis) {
    }

    /** What the authorizer sees of the request. */
    record Request(String apiId, String stage, String requestId, String httpMethod, String path, String resourcePath,
            Map<String, String> headers, Map<String, String> queryStringParameters, Map<String, String> pathParameters,
            String sourceIp) {
        String methodArn() {
            return "arn:aws:execute-api:" + CfnTemplate.REGION + ":" + CfnTemplate.ACCOUNT_ID + ":" + apiId + "/"
                    + stage + "/" + httpMethod + path;
        }
    }

    Outcome authorize(AuthorizerDef authorizer, Request request) {
        List<String> identity = identityValues(authorizer, request);
        if (identity == null) {
            return new Refused(GatewayError.UNAUTHORIZED, "Unauthorized");
        }
        String cacheKey = authorizer.name() + "\u0000" + String.join("\u0000", identity);
        CachedResult cached = cache.get(cacheKey);
        JsonNode response;
        if (cached != null && cached.expiresAtMillis() > System.currentTimeMillis()) {
            response = cached.response();
        } else {
            try {
                response = EventConverter.toTree(invoker.invoke(authorizer.functionLogicalId(),
                        event(authorizer, request)));
            } catch (FunctionError e) {
                if ("Unauthorized".equals(e.getMessage())) {
                    return new Refused(GatewayError.UNAUTHORIZED, "Unauthorized");
                }
                return new Refused(GatewayError.AUTHORIZER_CONFIGURATION_ERROR, null);
            } catch (IOException e) {
                return new Refused(GatewayError.AUTHORIZER_CONFIGURATION_ERROR, null);
            }
            if (authorizer.reauthorizeEverySeconds() > 0) {
                cache.put(cacheKey, new CachedResult(response,
                        System.currentTimeMillis() + authorizer.reauthorizeEverySeconds() * 1000L));
            }
        }
        return decide(response, request.methodArn());
    }

    private static Outcome decide(JsonNode response, String methodArn) {
        JsonNode policy = IamPolicy.field(response, "policyDocument");
        if (policy == null) {
            return new Refused(GatewayError.AUTHORIZER_CONFIGURATION_ERROR, null);
        }
        switch (new IamPolicy(policy).evaluate(methodArn)) {
            case ALLOW:
                break;
            case EXPLICIT_DENY:
                return new Refused(GatewayError.ACCESS_DENIED,
                        "User is not authorized to access this resource with an explicit deny");
            default:
                return new Refused(GatewayError.ACCESS_DENIED, "User is not authorized to access this resource");
        }
        return new Allowed(IamPolicy.authorizerContext(response));
    }

    /** The identity source values, or null when one is missing or empty. */
    private static List<String> identityValues(AuthorizerDef authorizer, Request request) {
        List<String> values = new ArrayList<>();
        for (String header : authorizer.identityHeaders()) {
            String value = headerValue(request.headers(), header);
            if (value == null || value.isBlank()) {
                return null;
            }
            values.add(value);
        }
        for (String name : authorizer.identityQueryStrings()) {
            String value = request.queryStringParameters() == null ? null : request.queryStringParameters().get(name);
            if (value == null || value.isBlank()) {
                return null;
            }
            values.add(value);
        }
        return values;
    }

    private static String headerValue(Map<String, String> headers, String name) {
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }

    private static APIGatewayCustomAuthorizerEvent event(AuthorizerDef authorizer, Request request) {
        APIGatewayCustomAuthorizerEvent event = new APIGatewayCustomAuthorizerEvent();
        event.setMethodArn(request.methodArn());
        if ("TOKEN".equals(authorizer.payloadType())) {
            event.setType("TOKEN");
            event.setAuthorizationToken(headerValue(request.headers(), authorizer.identityHeaders().get(0)));
            return event;
        }
        event.setType("REQUEST");
        event.setResource(request.resourcePath());
        event.setPath(request.path());
        event.setHttpMethod(request.httpMethod());
        event.setHeaders(request.headers());
        event.setQueryStringParameters(request.queryStringParameters());
        event.setPathParameters(request.pathParameters());
        event.setStageVariables(Map.of());
        APIGatewayCustomAuthorizerEvent.RequestContext context = new APIGatewayCustomAuthorizerEvent.RequestContext();
        context.setAccountId(CfnTemplate.ACCOUNT_ID);
        context.setApiId(request.apiId());
        context.setStage(request.stage());
        context.setRequestId(request.requestId());
        context.setHttpMethod(request.httpMethod());
        context.setResourcePath(request.resourcePath());
        context.setPath("/" + request.stage() + request.path());
        context.setResourceId(request.resourcePath());
        APIGatewayCustomAuthorizerEvent.Identity identity = new APIGatewayCustomAuthorizerEvent.Identity();
        identity.setSourceIp(request.sourceIp());
        context.setIdentity(identity);
        event.setRequestContext(context);
        return event;
    }
}
