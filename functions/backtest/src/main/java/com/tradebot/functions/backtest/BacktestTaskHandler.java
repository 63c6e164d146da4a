package com.tradebot.functions.backtest;

import com.tradebot.backtest.BacktestJobs;
import com.tradebot.functions.edge.EdgeHandler;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The Step Functions tasks of the backtest machines, selected by {@code task}:
 * validate, load, run (a batch of Map items), aggregate, save, notify, fail. Failures propagate as Lambda errors
 * (their class name is the Step Functions error) for the machine's Retry and Catch. The job id is the
 * correlation id of every log line.
 */
public final class BacktestTaskHandler extends EdgeHandler<Map<String, Object>, Object> {
    private static final Logger LOG = LogManager.getLogger(BacktestTaskHandler.class);

    private final BacktestJobs jobs;

    public BacktestTaskHandler() {
        this(BacktestModule.forTasks());
    }

    public BacktestTaskHandler(BacktestJobs jobs) {
        this.jobs = jobs;
    }

    @Override
    protected String correlationId(Map<String, Object> input) {
        return input == null ? null : plainId(String.valueOf(input.get("jobId")));
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Object handle(Map<String, Object> input, Invocation invocation) {
        String task = String.valueOf(input.get("task"));
        String jobId = String.valueOf(input.get("jobId"));
        {
            LOG.info("backtest task {}", task);
            return switch (task) {
                case "validate" -> jobs.validate(jobId);
                case "load" -> Map.of("jobId", jobId, "items", jobs.load(jobId));
                case "run" -> jobs.runItems(jobId, (List<Map<String, Object>>) input.get("Items"));
                case "aggregate" -> jobs.aggregate(jobId);
                case "save" -> jobs.save(jobId, String.valueOf(input.get("summary")));
                case "notify" -> jobs.notifyOwner(jobId);
                case "fail" -> {
                    Map<String, Object> failure = (Map<String, Object>) input.getOrDefault("failure", Map.of());
                    yield jobs.fail(jobId, String.valueOf(failure.getOrDefault("Error", "Failed")),
                            (String) failure.get("Cause"));
                }
                default -> throw new IllegalArgumentException("Unknown backtest task: " + task);
            };
        }
    }
}
