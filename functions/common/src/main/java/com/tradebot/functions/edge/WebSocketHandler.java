package com.tradebot.functions.edge;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.tradebot.auth.Principal;
import java.time.Clock;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Base of the WebSocket route functions ({@code $connect}, {@code $disconnect}, {@code $default} and actions).
 * Replies to a client go through the {@code @connections} API; the status returned here only matters on
 * {@code $connect} (non-2xx refuses the handshake). Unexpected failures are logged and answered 500.
 */
public abstract class WebSocketHandler extends EdgeHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
    private static final Logger LOG = LogManager.getLogger(WebSocketHandler.class);

    private final Clock clock;

    protected WebSocketHandler() {
        this(Clock.systemUTC());
    }

    protected WebSocketHandler(Clock clock) {
        this.clock = clock;
    }

    /** Handles one route event and returns the status for API Gateway. */
    protected abstract int handle(WebSocketRequest request);

    @Override
    protected final APIGatewayV2WebSocketResponse handle(APIGatewayV2WebSocketEvent event, Invocation invocation) {
        try {
            return status(handle(new WebSocketRequest(event, clock)));
        } catch (RuntimeException e) {
            LOG.error("Unhandled error on WebSocket route {}", routeKey(event), e);
            return status(500);
        }
    }

    @Override
    protected String fallbackRequestId(APIGatewayV2WebSocketEvent event) {
        var context = event == null ? null : event.getRequestContext();
        return context != null && context.getRequestId() != null ? context.getRequestId() : super.fallbackRequestId(event);
    }

    @Override
    protected String correlationId(APIGatewayV2WebSocketEvent event) {
        var context = event == null ? null : event.getRequestContext();
        return context == null ? null : context.getConnectionId();
    }

    private static String routeKey(APIGatewayV2WebSocketEvent event) {
        return event == null || event.getRequestContext() == null ? null : event.getRequestContext().getRouteKey();
    }

    private static APIGatewayV2WebSocketResponse status(int code) {
        APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
        response.setStatusCode(code);
        return response;
    }

    /** A WebSocket route event as handlers see it. */
    public static final class WebSocketRequest {
        private final APIGatewayV2WebSocketEvent event;
        private final Clock clock;

        WebSocketRequest(APIGatewayV2WebSocketEvent event, Clock clock) {
            this.event = event;
            this.clock = clock;
        }

        public APIGatewayV2WebSocketEvent event() {
            return event;
        }

        public String connectionId() {
            return event.getRequestContext().getConnectionId();
        }

        public String body() {
            return event.getBody();
        }

        /** The principal the {@code $connect} authorizer accepted, if any and still valid. */
        public Optional<Principal> principal() {
            var context = event.getRequestContext();
            return context == null ? Optional.empty() : Principal.fromAuthorizerContext(context.getAuthorizer(), clock);
        }

        public String sourceIp() {
            var context = event.getRequestContext();
            return context == null || context.getIdentity() == null ? null : context.getIdentity().getSourceIp();
        }
    }
}
