package com.tradebot.functions.backtest;

import com.tradebot.backtest.BacktestJob;
import com.tradebot.backtest.BacktestNotifier;
import com.tradebot.common.AwsClients;
import com.tradebot.common.Json;
import com.tradebot.realtime.ApiGatewayConnectionPusher;
import com.tradebot.realtime.ConnectionPusher;
import com.tradebot.realtime.ConnectionRepository;
import com.tradebot.realtime.ServerMessage;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/** Sends {@code backtest_completed} to every open connection of the job's owner. */
final class WebSocketBacktestNotifier implements BacktestNotifier {
    private static final Logger LOG = LogManager.getLogger(WebSocketBacktestNotifier.class);

    private final ConnectionRepository connections;
    private final ConnectionPusher pusher;

    WebSocketBacktestNotifier(String table, String callbackUrl) {
        this(new ConnectionRepository(AwsClients.dynamoDb(), table),
                new ApiGatewayConnectionPusher(AwsClients.webSocketManagement(callbackUrl)));
    }

    WebSocketBacktestNotifier(ConnectionRepository connections, ConnectionPusher pusher) {
        this.connections = connections;
        this.pusher = pusher;
    }

    @Override
    public void finished(BacktestJob job) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", job.id());
        data.put("kind", job.kind().name());
        data.put("status", job.status().name());
        if (job.error() != null) {
            data.put("error", job.error());
        }
        if (job.summary() != null) {
            data.put("summary", Json.readTree(job.summary()));
        }
        ServerMessage message = ServerMessage.of("backtest_completed", data, Instant.now());
        int sent = 0;
        for (String connectionId : connections.connectionsOfUser(job.userId())) {
            if (pusher.push(connectionId, message)) {
                sent++;
            }
        }
        LOG.info("backtest_completed for job {} sent to {} connection(s)", job.id(), sent);
    }
}
