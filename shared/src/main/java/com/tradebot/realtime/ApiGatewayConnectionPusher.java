package com.tradebot.realtime;

import com.tradebot.common.Json;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;

/** Pushes through API Gateway's @connections API; a 410 means the client is gone. */
public final class ApiGatewayConnectionPusher implements ConnectionPusher {
    private final ApiGatewayManagementApiClient client;

    public ApiGatewayConnectionPusher(ApiGatewayManagementApiClient client) {
        this.client = client;
    }

    @Override
    public boolean push(String connectionId, ServerMessage message) {
        return push(connectionId, message, Json.write(message));
    }

    @Override
    public boolean push(String connectionId, ServerMessage message, String json) {
        try {
            client.postToConnection(b -> b.connectionId(connectionId).data(SdkBytes.fromUtf8String(json)));
            return true;
        } catch (GoneException e) {
            return false;
        }
    }

    @Override
    public void close(String connectionId) {
        try {
            client.deleteConnection(b -> b.connectionId(connectionId));
        } catch (GoneException alreadyClosed) {
            // nothing to close
        }
    }
}
