package com.tradebot.functions.api.marketplace;

import com.tradebot.common.AwsClients;
import com.tradebot.common.Env;
import com.tradebot.signal.SignalEventPublisher;
import com.tradebot.signal.SignalRepository;
import com.tradebot.signal.SignalService;
import com.tradebot.signal.SnsSignalEventPublisher;
import com.tradebot.strategy.StrategyRepository;
import com.tradebot.strategy.StrategyService;
import com.tradebot.subscription.SubscriptionRepository;
import com.tradebot.subscription.SubscriptionService;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Builds the marketplace services a function needs from its environment (TABLE_NAME, SIGNALS_TOPIC_ARN). */
final class Marketplace {
    private Marketplace() {
    }

    static StrategyService strategies(DynamoDbClient dynamoDb, String table, Clock clock) {
        // the webhook URL is built from each request (StrategiesHandler.apiBaseUrl); this is only a default
        return new StrategyService(new StrategyRepository(dynamoDb, table), clock, "http://localhost:3000");
    }

    static StrategyService strategiesFromEnvironment() {
        return strategies(AwsClients.dynamoDb(), Env.require("TABLE_NAME"), Clock.systemUTC());
    }

    static SubscriptionService subscriptionsFromEnvironment() {
        DynamoDbClient dynamoDb = AwsClients.dynamoDb();
        String table = Env.require("TABLE_NAME");
        return new SubscriptionService(new SubscriptionRepository(dynamoDb, table),
                new StrategyRepository(dynamoDb, table), Clock.systemUTC());
    }

    static SignalService signals(DynamoDbClient dynamoDb, String table, SignalEventPublisher publisher, Clock clock) {
        return new SignalService(new SignalRepository(dynamoDb, table), strategies(dynamoDb, table, clock),
                new SubscriptionRepository(dynamoDb, table), publisher, clock);
    }

    static SignalService signalsFromEnvironment() {
        return signals(AwsClients.dynamoDb(), Env.require("TABLE_NAME"),
                new SnsSignalEventPublisher(AwsClients.sns(), Env.require("SIGNALS_TOPIC_ARN")), Clock.systemUTC());
    }

    /** For functions that read track records but never publish (no topic permission, no topic variable). */
    static SignalService readOnlySignalsFromEnvironment() {
        return signals(AwsClients.dynamoDb(), Env.require("TABLE_NAME"), message -> {
            throw new IllegalStateException("This function does not publish signal events");
        }, Clock.systemUTC());
    }
}
