package com.tradebot.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradebot.auth.Principal;
import com.tradebot.auth.Role;
import com.tradebot.auth.TokenVerifier;
import com.tradebot.testing.LocalDynamoDb;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The WebSocket protocol against connections stored in the real engine. */
class RealtimeServiceTest {
    // now, not a fixed date: the engine's TTL sweeper would remove connections that expired in the real past
    private static final Clock CLOCK = Clock.fixed(Instant.now().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
    private static final Principal USER_1 = new Principal("user-1", Role.USER, CLOCK.instant().plusSeconds(900));

    private final List<ServerMessage> sent = new ArrayList<>();
    private final ConnectionPusher pusher = (id, message) -> sent.add(message);
    private String tableName;
    private ConnectionRepository connections;
    private RealtimeService realtime;

    @BeforeEach
    void setUp() {
        tableName = LocalDynamoDb.newMainTable();
        connections = new ConnectionRepository(LocalDynamoDb.client(), tableName);
        TokenVerifier tokens = token -> "good-token".equals(token)
                ? Optional.of(USER_1) : Optional.empty();
        realtime = new RealtimeService(connections, tokens, (userId, strategyId) -> !strategyId.equals("s-denied"), CLOCK);
    }

    @Test
    void pingIsAnsweredWithPong() {
        realtime.connect("c1", Optional.empty(), "127.0.0.1");
        realtime.onMessage("c1", "{\"action\":\"ping\"}", pusher);
        assertThat(sent).singleElement().satisfies(m -> {
            assertThat(m.event()).isEqualTo("pong");
            assertThat(m.ts()).isEqualTo(CLOCK.instant());
        });
    }

    @Test
    void malformedAndUnknownMessagesGetErrors() {
        realtime.connect("c1", Optional.empty(), "127.0.0.1");
        realtime.onMessage("c1", "not json", pusher);
        realtime.onMessage("c1", "{\"noAction\":1}", pusher);
        realtime.onMessage("c1", "{\"action\":\"dance\"}", pusher);
        assertThat(sent).extracting(ServerMessage::event).containsOnly("error");
        assertThat(sent).extracting(m -> ((ServerMessage.ErrorData) m.data()).code())
                .containsExactly("INVALID_JSON", "INVALID_MESSAGE", "UNKNOWN_ACTION");
    }

    @Test
    void subscriptionsNeedAuthenticationAndAreStoredPerChannel() {
        realtime.connect("c1", Optional.empty(), "127.0.0.1");
        realtime.onMessage("c1", "{\"action\":\"subscribe_signals\",\"strategyId\":\"s-1\"}", pusher);
        assertThat(((ServerMessage.ErrorData) sent.get(0).data()).code()).isEqualTo("UNAUTHORIZED");

        realtime.onMessage("c1", "{\"action\":\"authenticate\",\"token\":\"bad\"}", pusher);
        assertThat(((ServerMessage.ErrorData) sent.get(1).data()).code()).isEqualTo("UNAUTHORIZED");

        realtime.onMessage("c1", "{\"action\":\"authenticate\",\"token\":\"good-token\"}", pusher);
        assertThat(sent.get(2).event()).isEqualTo("authenticated");
        assertThat(connections.connectionsOfUser("user-1")).containsExactly("c1");

        realtime.onMessage("c1", "{\"action\":\"subscribe_signals\",\"strategyId\":\"s-1\"}", pusher);
        realtime.onMessage("c1", "{\"action\":\"subscribe_prices\",\"pairs\":[\"btc/usdt\",\"ETH/USDT\"]}", pusher);
        realtime.onMessage("c1", "{\"action\":\"subscribe_positions\"}", pusher);
        assertThat(sent.subList(3, 6)).extracting(ServerMessage::event).containsOnly("subscribed");
        assertThat(connections.subscribers("signals#s-1")).containsExactly("c1");
        assertThat(connections.subscribers("prices#BTC/USDT")).containsExactly("c1");
        assertThat(connections.subscribers("positions#user-1")).containsExactly("c1");
    }

    @Test
    void signalsNeedAccessToTheStrategyAndMembersCarryTheirUser() {
        realtime.connect("c1", Optional.of(USER_1), "127.0.0.1");
        realtime.onMessage("c1", "{\"action\":\"subscribe_signals\",\"strategyId\":\"s-denied\"}", pusher);
        assertThat(((ServerMessage.ErrorData) sent.get(0).data()).code()).isEqualTo("FORBIDDEN");
        assertThat(connections.subscribers("signals#s-denied")).isEmpty();
        realtime.onMessage("c1", "{\"action\":\"subscribe_signals\",\"strategyId\":\"s-1\"}", pusher);
        assertThat(connections.members("signals#s-1")).containsExactly(new ChannelMember("c1", "user-1"));
    }

    @Test
    void invalidPairsAreRejectedWithoutSubscribingAny() {
        realtime.connect("c1", Optional.of(USER_1), "127.0.0.1");
        realtime.onMessage("c1", "{\"action\":\"subscribe_prices\",\"pairs\":[\"BTC/USDT\",\"nonsense\"]}", pusher);
        assertThat(sent.get(0).event()).isEqualTo("error");
        assertThat(connections.subscribers("prices#BTC/USDT")).isEmpty();
    }

    @Test
    void disconnectRemovesTheConnectionAndItsSubscriptions() {
        realtime.connect("c1", Optional.of(USER_1), "127.0.0.1");
        realtime.connect("c2", Optional.of(USER_1), "127.0.0.1");
        realtime.onMessage("c1", "{\"action\":\"subscribe_signals\",\"strategyId\":\"s-1\"}", pusher);
        realtime.disconnect("c1");
        assertThat(connections.find("c1")).isEmpty();
        assertThat(connections.subscribers("signals#s-1")).isEmpty();
        assertThat(connections.connectionsOfUser("user-1")).containsExactly("c2");
        realtime.onMessage("c1", "{\"action\":\"ping\"}", pusher);
        assertThat(((ServerMessage.ErrorData) sent.get(sent.size() - 1).data()).code()).isEqualTo("UNKNOWN_CONNECTION");
    }

    @Test
    void connectionsExpireByTtlAfterTheGatewayLimit() {
        realtime.connect("c1", Optional.empty(), "127.0.0.1");
        var item = LocalDynamoDb.client().scan(b -> b.tableName(tableName)).items().stream()
                .filter(i -> "CONN#c1".equals(i.get("PK").s())).findFirst().orElseThrow();
        long ttl = Long.parseLong(item.get("ttl").n());
        assertThat(ttl).isEqualTo(CLOCK.instant().plusSeconds(2 * 3600 + 300).getEpochSecond());
    }

    private RealtimeService later(long seconds) {
        return new RealtimeService(connections, token -> Optional.empty(),
                Clock.offset(CLOCK, java.time.Duration.ofSeconds(seconds)));
    }

    private static String code(ServerMessage message) {
        return ((ServerMessage.ErrorData) message.data()).code();
    }

    @Test
    void aSessionWhoseTokenExpiredCannotSubscribeUntilItAuthenticatesAgain() {
        realtime.connect("c1", Optional.of(USER_1), "127.0.0.1");
        RealtimeService afterExpiry = later(900);
        afterExpiry.onMessage("c1", "{\"action\":\"subscribe_positions\"}", pusher);
        afterExpiry.onMessage("c1", "{\"action\":\"subscribe_signals\",\"strategyId\":\"s-1\"}", pusher);
        assertThat(sent).extracting(RealtimeServiceTest::code).containsExactly("TOKEN_EXPIRED", "TOKEN_EXPIRED");
        assertThat(connections.subscribers("positions#user-1")).isEmpty();
        // public prices stay available
        afterExpiry.onMessage("c1", "{\"action\":\"subscribe_prices\",\"pairs\":[\"BTC/USDT\"]}", pusher);
        assertThat(sent.get(2).event()).isEqualTo("subscribed");
    }

    @Test
    void deliveriesStopWhenTheTokenExpiresAndTheClientIsToldWhy() {
        realtime.connect("c1", Optional.of(USER_1), "127.0.0.1");
        realtime.onMessage("c1", "{\"action\":\"subscribe_positions\"}", pusher);
        sent.clear();
        ServerMessage update = ServerMessage.of("position_update", java.util.Map.of("id", "p1"), CLOCK.instant());
        assertThat(realtime.deliver("positions#user-1", update, pusher)).isEqualTo(1);
        assertThat(later(900).deliver("positions#user-1", update, pusher)).isZero();
        assertThat(sent).extracting(ServerMessage::event).containsExactly("position_update", "error");
        assertThat(code(sent.get(1))).isEqualTo("TOKEN_EXPIRED");
    }

    @Test
    void aConnectionCannotBeTakenOverByAnotherUsersToken() {
        realtime.connect("c1", Optional.of(new Principal("user-2", Role.USER, CLOCK.instant().plusSeconds(900))),
                "127.0.0.1");
        realtime.onMessage("c1", "{\"action\":\"authenticate\",\"token\":\"good-token\"}", pusher);
        assertThat(code(sent.get(0))).isEqualTo("FORBIDDEN");
        assertThat(connections.find("c1").orElseThrow().userId()).isEqualTo("user-2");
    }

    @Test
    void closingAUsersConnectionsClosesAndForgetsEachOne() {
        realtime.connect("c1", Optional.of(USER_1), "127.0.0.1");
        realtime.connect("c2", Optional.of(USER_1), "127.0.0.1");
        realtime.connect("c3", Optional.empty(), "127.0.0.1");
        List<String> closed = new ArrayList<>();
        realtime.closeConnectionsOf("user-1", new ConnectionPusher() {
            @Override
            public boolean push(String connectionId, ServerMessage message) {
                return true;
            }

            @Override
            public void close(String connectionId) {
                closed.add(connectionId);
            }
        });
        assertThat(closed).containsExactlyInAnyOrder("c1", "c2");
        assertThat(connections.connectionsOfUser("user-1")).isEmpty();
        assertThat(connections.find("c3")).isPresent();
    }
}
