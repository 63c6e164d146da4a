package com.tradebot.functions.backtest;

import com.tradebot.backtest.BacktestJobs;
import com.tradebot.backtest.BacktestNotifier;
import com.tradebot.backtest.BacktestRepository;
import com.tradebot.backtest.JobStarter;
import com.tradebot.common.AwsClients;
import com.tradebot.common.Env;
import com.tradebot.marketdata.CandleRepository;
import com.tradebot.marketdata.MarketDataService;
import com.tradebot.strategy.StrategyRepository;
import java.time.Clock;

/** Builds the backtest services from the function's environment; each handler asks only for what it uses. */
final class BacktestModule {
    private BacktestModule() {
    }

    static MarketDataService marketData() {
        return new MarketDataService(new CandleRepository(AwsClients.dynamoDb(), Env.require("TABLE_NAME")));
    }

    static BacktestRepository repository() {
        return new BacktestRepository(AwsClients.dynamoDb(), Env.require("TABLE_NAME"));
    }

    /** For the REST function: starts executions, never notifies. */
    static BacktestJobs forApi() {
        JobStarter starter = new StepFunctionsJobStarter(StepFunctionsJobStarter.client(),
                Env.require("BACKTEST_STATE_MACHINE_ARN"), Env.require("OPTIMIZE_STATE_MACHINE_ARN"));
        return new BacktestJobs(repository(), marketData(), starter, job -> {
            throw new IllegalStateException("the API function does not notify");
        }, Clock.systemUTC(), strategies());
    }

    static StrategyRepository strategies() {
        return new StrategyRepository(AwsClients.dynamoDb(), Env.require("TABLE_NAME"));
    }

    /** For the task function: notifies over WebSocket, never starts executions. */
    static BacktestJobs forTasks() {
        BacktestNotifier notifier = new WebSocketBacktestNotifier(Env.require("TABLE_NAME"),
                Env.require("WEBSOCKET_CALLBACK_URL"));
        return new BacktestJobs(repository(), marketData(), (id, kind) -> {
            throw new IllegalStateException("tasks do not start jobs");
        }, notifier, Clock.systemUTC(), strategies());
    }
}
