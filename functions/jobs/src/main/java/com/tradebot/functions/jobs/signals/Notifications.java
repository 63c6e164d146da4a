package com.tradebot.functions.jobs.signals;

import com.tradebot.common.AwsClients;
import com.tradebot.common.Env;
import com.tradebot.notification.NotificationRepository;
import com.tradebot.notification.SignalNotifier;
import com.tradebot.notification.SqsChannelQueue;
import com.tradebot.realtime.ConnectionPusher;
import com.tradebot.signal.fanout.SignalDelivery;
import java.time.Clock;
import java.util.concurrent.Executor;

/** The notification step of delivery, built from the environment (TABLE_NAME, NOTIFY_QUEUE_URL). */
final class Notifications {
    private Notifications() {
    }

    static SignalDelivery.BatchNotifier fromEnvironment(ConnectionPusher pusher, Executor pushes) {
        return new SignalNotifier(new NotificationRepository(AwsClients.dynamoDb(), Env.require("TABLE_NAME")),
                new SqsChannelQueue(AwsClients.sqs(), Env.require("NOTIFY_QUEUE_URL")), pusher, pushes, Clock.systemUTC());
    }
}
