package com.tradebot.functions.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.tradebot.realtime.ConnectionRepository;
import com.tradebot.realtime.RealtimeService;
import com.tradebot.realtime.ServerMessage;
import com.tradebot.testing.LocalDynamoDb;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The three WebSocket handlers on the sample events, with connections in the real engine. */
class WebSocketHandlersTest {
    private ConnectionRepository connections;
    private RealtimeService realtime;
    private final List<ServerMessage> pushed = new ArrayList<>();

    @BeforeEach
    void setUp() {
        connections = new ConnectionRepository(LocalDynamoDb.client(), LocalDynamoDb.newMainTable());
        realtime = new RealtimeService(connections, token -> Optional.empty(), Clock.systemUTC());
    }

    private static APIGatewayV2WebSocketEvent event(String name) {
        return EventLoader.loadEvent("../../events/websocket/" + name, APIGatewayV2WebSocketEvent.class);
    }

    @Test
    void connectPingDisconnect() {
        APIGatewayV2WebSocketEvent connect = event("connect.json");
        assertThat(new ConnectHandler(realtime).handleRequest(connect, null).getStatusCode()).isEqualTo(200);
        // the sample $connect carries the authorizer's context: the connection belongs to that user
        assertThat(connections.connectionsOfUser("user-1")).containsExactly("conn-AAA=");

        new MessageHandler(realtime, (id, message) -> pushed.add(message)).handleRequest(event("message-ping.json"), null);
        assertThat(pushed).extracting(ServerMessage::event).containsExactly("pong");

        assertThat(new DisconnectHandler(realtime).handleRequest(event("disconnect.json"), null).getStatusCode()).isEqualTo(200);
        assertThat(connections.find("conn-AAA=")).isEmpty();
        assertThat(connections.connectionsOfUser("user-1")).isEmpty();
    }
}
