package com.tradebot.functions.backtest;

import com.tradebot.backtest.advisor.AdvisorRepository;
import com.tradebot.backtest.advisor.AdvisorService;
import com.tradebot.common.AwsClients;
import com.tradebot.common.Env;
import com.tradebot.functions.http.ApiHandler;
import com.tradebot.functions.http.ApiResponse;
import com.tradebot.strategy.StrategyRepository;
import java.time.Clock;

/**
 * {@code POST /api/advisor/ask {strategyId | rules | strategy, symbol?, timeframe?, question}} (any signed-in user):
 * the strategy consultant's answer, every suggestion backtested in and out of sample, phrased by the configured LLM
 * ({@link AdvisorNarrators}) when one is. Writes only its answer cache and the caller's daily counters.
 */
public final class AdvisorHandler extends ApiHandler {
    private final AdvisorService advisor;

    public AdvisorHandler() {
        this(new AdvisorService(new StrategyRepository(AwsClients.dynamoDb(), Env.require("TABLE_NAME")),
                BacktestModule.marketData(), new AdvisorRepository(AwsClients.dynamoDb(), Env.require("TABLE_NAME")),
                Clock.systemUTC(), Integer.parseInt(Env.get("ADVISOR_DAILY_QUESTIONS",
                        String.valueOf(AdvisorService.DEFAULT_DAILY_QUESTIONS))),
                AdvisorNarrators.fromEnvironment(), Integer.parseInt(Env.get("ADVISOR_DAILY_LLM_CALLS",
                        String.valueOf(AdvisorService.DEFAULT_DAILY_LLM_CALLS))),
                java.time.Duration.ofSeconds(Long.parseLong(Env.get("ADVISOR_NARRATION_SECONDS",
                        String.valueOf(com.tradebot.backtest.advisor.NarrationSession.MAX_DURATION.toSeconds()))))));
    }

    public AdvisorHandler(AdvisorService advisor) {
        this.advisor = advisor;
        route("POST", "/api/advisor/ask", request ->
                ApiResponse.ok(this.advisor.ask(request.requirePrincipal().userId(), request.bodyTree())));
    }
}
