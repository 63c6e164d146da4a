package com.tradebot.local.websocket;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.tradebot.local.template.CfnTemplate;
import com.tradebot.local.template.WebSocketApiDef;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Builds the {@link APIGatewayV2WebSocketEvent}s API Gateway sends to WebSocket route integrations. */
final class WebSocketEvents {
    private static final DateTimeFormatter REQUEST_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z",
            Locale.ENGLISH);

    private WebSocketEvents() {
    }

    static APIGatewayV2WebSocketEvent connect(WebSocketApiDef api, Connection connection, String domainName,
            Map<String, String> headers, Map<String, List<String>> multiValueHeaders, Map<String, String> query,
            Map<String, List<String>> multiValueQuery) {
        APIGatewayV2WebSocketEvent event = base(api, connection, domainName, "$connect", "CONNECT");
        event.setHeaders(headers);
        event.setMultiValueHeaders(multiValueHeaders);
        event.setQueryStringParameters(query);
        event.setMultiValueQueryStringParameters(multiValueQuery);
        return event;
    }

    static APIGatewayV2WebSocketEvent message(WebSocketApiDef api, Connection connection, String domainName,
            String routeKey, String body) {
        APIGatewayV2WebSocketEvent event = base(api, connection, domainName, routeKey, "MESSAGE");
        event.getRequestContext().setMessageId(UUID.randomUUID().toString());
        event.getRequestContext().setMessageDirection("IN");
        event.setBody(body);
        return event;
    }

    static APIGatewayV2WebSocketEvent disconnect(WebSocketApiDef api, Connection connection, String domainName) {
        return base(api, connection, domainName, "$disconnect", "DISCONNECT");
    }

    private static APIGatewayV2WebSocketEvent base(WebSocketApiDef api, Connection connection, String domainName,
            String routeKey, String eventType) {
        APIGatewayV2WebSocketEvent event = new APIGatewayV2WebSocketEvent();
        APIGatewayV2WebSocketEvent.RequestContext context = new APIGatewayV2WebSocketEvent.RequestContext();
        long now = System.currentTimeMillis();
        context.setRouteKey(routeKey);
        context.setEventType(eventType);
        context.setConnectionId(connection.id());
        context.setConnectedAt(connection.connectedAtMillis());
        context.setDomainName(domainName);
        context.setStage(connection.stage());
        context.setApiId(api.apiId());
        context.setAccountId(CfnTemplate.ACCOUNT_ID);
        String requestId = UUID.randomUUID().toString();
        context.setRequestId(requestId);
        context.setExtendedRequestId(requestId);
        context.setRequestTimeEpoch(now);
        context.setRequestTime(REQUEST_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
        context.setAuthorizer(connection.authorizer());
        APIGatewayV2WebSocketEvent.RequestIdentity identity = new APIGatewayV2WebSocketEvent.RequestIdentity();
        identity.setSourceIp(connection.sourceIp());
        identity.setUserAgent(connection.userAgent());
        context.setIdentity(identity);
        event.setRequestContext(context);
        event.setIsBase64Encoded(false);
        return event;
    }
}
