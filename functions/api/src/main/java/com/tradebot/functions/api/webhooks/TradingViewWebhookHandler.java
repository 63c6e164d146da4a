package com.tradebot.functions.api.webhooks;

import com.tradebot.common.AwsClients;
import com.tradebot.common.Env;
import com.tradebot.functions.http.ApiHandler;
import com.tradebot.functions.http.ApiRequest;
import com.tradebot.functions.http.ApiResponse;
import com.tradebot.signal.SignalRepository;
import com.tradebot.signal.SignalService;
import com.tradebot.signal.SnsSignalEventPublisher;
import com.tradebot.signal.webhook.TradingViewIntake;
import com.tradebot.signal.webhook.WebhookDeliveryRepository;
import com.tradebot.strategy.StrategyRepository;
import com.tradebot.strategy.StrategyService;
import com.tradebot.subscription.SubscriptionRepository;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code POST /webhooks/tradingview/{strategyId}} (public: the passphrase in the body authenticates). JSON or
 * {@code key=value} text bodies; answers once the signal is stored and published.
 */
public final class TradingViewWebhookHandler extends ApiHandler {
    private final TradingViewIntake intake;

    public TradingViewWebhookHandler() {
        this(intakeFromEnvironment());
    }

    public TradingViewWebhookHandler(TradingViewIntake intake) {
        this.intake = intake;
        route("POST", "/webhooks/tradingview/{strategyId}", this::receive);
        // TradingView posts JSON or plain text alerts (key=value lines), as the alert message is written
        acceptAnyContentType("POST", "/webhooks/tradingview/{strategyId}");
    }

    private ApiResponse receive(ApiRequest request) {
        TradingViewIntake.Outcome outcome = intake.receive(request.pathParam("strategyId"), request.rawBody(),
                request.requestId());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("outcome", outcome.outcome());
        if (outcome.signalId() != null) {
            body.put("signalId", outcome.signalId());
        }
        return ApiResponse.ok(body);
    }

    static TradingViewIntake intakeFromEnvironment() {
        DynamoDbClient dynamoDb = AwsClients.dynamoDb();
        String table = Env.require("TABLE_NAME");
        Clock clock = Clock.systemUTC();
        StrategyRepository strategies = new StrategyRepository(dynamoDb, table);
        SignalService signals = new SignalService(new SignalRepository(dynamoDb, table),
                new StrategyService(strategies, clock, ""), new SubscriptionRepository(dynamoDb, table),
                new SnsSignalEventPublisher(AwsClients.sns(), Env.require("SIGNALS_TOPIC_ARN")), clock);
        return new TradingViewIntake(strategies, signals, new WebhookDeliveryRepository(dynamoDb, table), clock);
    }
}
