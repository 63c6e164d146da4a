package com.tradebot.functions.backtest;

import com.tradebot.backtest.BacktestJob;
import com.tradebot.backtest.BacktestJobs;
import com.tradebot.backtest.BacktestKind;
import com.tradebot.common.ApiException;
import com.tradebot.functions.http.ApiHandler;
import com.tradebot.functions.http.ApiRequest;
import com.tradebot.functions.http.ApiResponse;
import java.util.Map;

/** {@code /api/backtest/*}: submit run, batch and optimise jobs (202), read one job, list mine. */
public final class BacktestApiHandler extends ApiHandler {
    private final BacktestJobs jobs;

    public BacktestApiHandler() {
        this(BacktestModule.forApi());
    }

    public BacktestApiHandler(BacktestJobs jobs) {
        this.jobs = jobs;
        route("POST", "/api/backtest/run", request -> submit(request, BacktestKind.RUN));
        route("POST", "/api/backtest/batch", request -> submit(request, BacktestKind.BATCH));
        route("POST", "/api/backtest/optimize", request -> submit(request, BacktestKind.OPTIMIZE));
        route("GET", "/api/backtest/history", this::history);
        route("GET", "/api/backtest/{id}", request ->
                ApiResponse.ok(this.jobs.view(request.requirePrincipal().userId(), request.pathParam("id"))));
    }

    private ApiResponse submit(ApiRequest request, BacktestKind kind) {
        String userId = request.requirePrincipal().userId();
        BacktestJob job = jobs.submit(userId, kind, request.bodyTree());
        return ApiResponse.accepted(Map.of("id", job.id(), "status", job.status().name()));
    }

    private ApiResponse history(ApiRequest request) {
        String userId = request.requirePrincipal().userId();
        int limit;
        try {
            limit = Integer.parseInt(request.query("limit").orElse("20"));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("INVALID_LIMIT", "limit must be a whole number from 1 to 100");
        }
        if (limit < 1 || limit > 100) {
            throw ApiException.badRequest("INVALID_LIMIT", "limit must be a whole number from 1 to 100");
        }
        return ApiResponse.ok(jobs.history(userId, limit, request.query("cursor").orElse(null)));
    }
}
