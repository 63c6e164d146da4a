package com.tradebot.functions.backtest;

import com.tradebot.backtest.BacktestKind;
import com.tradebot.backtest.JobStarter;
import com.tradebot.common.AwsClients;
import com.tradebot.common.Env;
import com.tradebot.common.Json;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.services.sfn.SfnClient;

/** Starts one execution per job, named after the job id (Step Functions refuses a second start of the same name). */
final class StepFunctionsJobStarter implements JobStarter {
    /** One client per endpoint (as AwsClients does): several local platforms may run in one JVM. */
    private static final java.util.Map<String, SfnClient> CLIENTS = new java.util.concurrent.ConcurrentHashMap<>();

    private final SfnClient sfn;
    private final String runArn;
    private final String optimizeArn;

    StepFunctionsJobStarter(SfnClient sfn, String runArn, String optimizeArn) {
        this.sfn = sfn;
        this.runArn = runArn;
        this.optimizeArn = optimizeArn;
    }

    /** One client per container; the local platform points it at its own endpoint. */
    static SfnClient client() {
        java.util.Optional<String> endpoint = Env.find("TRADEBOT_SFN_ENDPOINT");
        return CLIENTS.computeIfAbsent(endpoint.orElse(""), k -> {
            var builder = SfnClient.builder().httpClient(AwsClients.httpClient());
            endpoint.map(URI::create).ifPresent(builder::endpointOverride);
            return builder.build();
        });
    }

    @Override
    public void start(String jobId, BacktestKind kind) {
        sfn.startExecution(r -> r.stateMachineArn(kind == BacktestKind.OPTIMIZE ? optimizeArn : runArn)
                .name(jobId).input(Json.write(Map.of("jobId", jobId))));
    }
}
