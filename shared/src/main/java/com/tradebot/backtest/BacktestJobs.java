package com.tradebot.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradebot.backtest.engine.Metrics;
import com.tradebot.backtest.optimize.ParameterGrid;
import com.tradebot.backtest.optimize.Robustness;
import com.tradebot.backtest.optimize.Sweep;
import com.tradebot.backtest.optimize.WalkForward;
import com.tradebot.common.ApiException;
import com.tradebot.common.Json;
import com.tradebot.marketdata.CandleSeries;
import com.tradebot.marketdata.Dataset;
import com.tradebot.marketdata.MarketDataService;
import com.tradebot.strategy.StrategyRepository;
import com.tradebot.strategy.StrategyRobustness;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Backtest jobs from request to result. {@link #submit} checks the request (400s), records the job and starts its
 * state machine; the machine's tasks then call {@link #validate}, {@link #load}, {@link #runItems} (inside a Map),
 * {@link #aggregate}, {@link #save}, {@link #notifyOwner}, and {@link #fail} from its Catch.
 */
public final class BacktestJobs {
    /** Parameter sets per Map item of an optimisation. */
    static final int SETS_PER_ITEM = 25;
    /** Walk-forward folds need this many bars in each out-of-sample window to mean anything. */
    static final int MIN_FOLD_BARS = 30;
    static final int TOP_SETS = 20;

    private final BacktestRepository jobs;
    private final MarketDataService marketData;
    private final JobStarter starter;
    private final BacktestNotifier notifier;
    private final Clock clock;
    private final int threads;
    private final StrategyRepository strategies;

    /**
     * {@code strategies} resolves a {@code strategyId} to the strategy's backtest definition ({@link StrategyBacktests})
     * and receives the robustness score of its owner's optimisations; with null, such requests are refused.
     */
    public BacktestJobs(BacktestRepository jobs, MarketDataService marketData, JobStarter starter,
                        BacktestNotifier notifier, Clock clock, StrategyRepository strategies) {
        this.strategies = strategies;
        this.jobs = jobs;
        this.marketData = marketData;
        this.starter = starter;
        this.notifier = notifier;
        this.clock = clock;
        this.threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    // ------------------------------------------------------------------ API

    public BacktestJob submit(String userId, BacktestKind kind, JsonNode body) {
        if (strategies == null && body != null && body.hasNonNull("strategyId")) {
            throw ApiException.validation(List.of(new ApiException.FieldError("strategyId",
                    "marketplace strategies are not available here")));
        }
        // the job keeps the resolved request, so every task rebuilds the same spec even if the owner edits the strategy
        if (strategies != null) {
            body = new StrategyBacktests(strategies).resolve(userId, body).request();
        }
        BacktestSpec spec = BacktestRequests.parse(kind, body);
        checkData(spec);
        Instant now = clock.instant();
        BacktestJob job = new BacktestJob(UUID.randomUUID().toString(), userId, kind, BacktestStatus.RUNNING,
                Json.write(body), now, now, 0, 0, null, null);
        jobs.create(job);
        try {
            starter.start(job.id(), kind);
        } catch (RuntimeException e) {
            jobs.finish(job.id(), BacktestStatus.FAILED, null, "Could not start the job: " + e.getMessage());
            throw new ApiException(503, "JOB_NOT_STARTED", "The backtest could not be started; try again");
        }
        return job;
    }

    /** The job with its result when done; 404 for other users' jobs as for missing ones. */
    public ObjectNode view(String userId, String id) {
        BacktestJob job = jobs.find(id).filter(j -> j.userId().equals(userId))
                .orElseThrow(() -> ApiException.notFound("No backtest " + id));
        ObjectNode out = summaryView(job);
        if (job.status() == BacktestStatus.SUCCEEDED) {
            byte[] result = jobs.blobs(id, "RESULT").get("RESULT");
            if (result != null) {
                out.set("result", Blobs.read(result));
            }
        }
        return out;
    }

    public ObjectNode history(String userId, int limit, String cursor) {
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> start = null;
        if (cursor != null) {
            try {
                String[] parts = new String(java.util.Base64.getUrlDecoder().decode(cursor)).split("\n");
                start = Map.of("PK", attr(parts[0]), "SK", attr("JOB"), "GSI1PK", attr("USERBACKTESTS#" + userId),
                        "GSI1SK", attr(parts[1]));
            } catch (RuntimeException e) {
                throw ApiException.badRequest("INVALID_CURSOR", "Invalid cursor");
            }
        }
        BacktestRepository.Page page = jobs.history(userId, limit, start);
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode items = out.putArray("items");
        page.jobs().forEach(j -> items.add(summaryView(j)));
        if (page.next() != null) {
            String raw = page.next().get("PK").s() + "\n" + page.next().get("GSI1SK").s();
            out.put("nextCursor", java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes()));
        }
        return out;
    }

    private static software.amazon.awssdk.services.dynamodb.model.AttributeValue attr(String s) {
        return software.amazon.awssdk.services.dynamodb.model.AttributeValue.builder().s(s).build();
    }

    private ObjectNode summaryView(BacktestJob job) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("id", job.id());
        out.put("kind", job.kind().name());
        out.put("status", job.status().name());
        out.put("progress", Math.round(job.progress() * 1000) / 1000.0);
        out.put("createdAt", job.createdAt().toString());
        out.put("updatedAt", job.updatedAt().toString());
        JsonNode request = Json.readTree(job.request());
        out.set("request", request);
        if (job.error() != null) {
            out.put("error", job.error());
        }
        if (job.summary() != null) {
            out.set("summary", Json.readTree(job.summary()));
        }
        return out;
    }

    private void checkData(BacktestSpec spec) {
        for (BacktestSpec.Slice slice : spec.slices()) {
            Dataset d = marketData.source(spec.exchange(), slice.symbol(), slice.timeframe())
                    .orElseThrow(() -> ApiException.badRequest("NO_DATA", "No market data for " + slice.symbol() + " "
                            + slice.timeframe() + (spec.exchange() == null ? "" : " on " + spec.exchange())
                            + "; see GET /api/market-data/datasets"));
            Instant from = spec.from() == null ? d.from() : spec.from();
            Instant to = spec.to() == null ? d.to().plusMillis(1) : spec.to();
            if (!from.isBefore(d.to().plusMillis(d.key().timeframe().millis())) || !to.isAfter(d.from())) {
                throw ApiException.badRequest("NO_DATA", "No data for " + slice.symbol() + " " + slice.timeframe()
                        + " between " + from + " and " + to + " (" + d.key() + " covers " + d.from() + " .. " + d.to()
                        + ")");
            }
        }
    }

    // ------------------------------------------------------------------ state machine tasks

    private BacktestSpec spec(BacktestJob job) {
        return BacktestRequests.parse(job.kind(), Json.readTree(job.request()));
    }

    private BacktestJob job(String id) {
        return jobs.find(id).orElseThrow(() -> new IllegalStateException("No job " + id));
    }

    /** Re-checks the stored request (it may have been written by an older version) and the data. */
    public Map<String, Object> validate(String jobId) {
        BacktestJob job = job(jobId);
        BacktestSpec spec = spec(job);
        checkData(spec);
        return Map.of("jobId", jobId, "kind", job.kind().name());
    }

    /** The work items of the Map state: one per (symbol, timeframe) slice, or index ranges of parameter sets. */
    public List<Map<String, Object>> load(String jobId) {
        BacktestJob job = job(jobId);
        BacktestSpec spec = spec(job);
        List<Map<String, Object>> items = new ArrayList<>();
        if (job.kind() == BacktestKind.OPTIMIZE) {
            BacktestSpec.Slice slice = spec.slices().get(0);
            CandleSeries bars = bars(spec, slice);
            if (spec.optimization().windows() > 0) {
                List<WalkForward.Fold> folds = WalkForward.folds(bars.size(), spec.optimization().windows(),
                        spec.optimization().inSampleFraction());
                int oos = folds.get(0).outOfSample().to() - folds.get(0).outOfSample().from();
                if (oos < MIN_FOLD_BARS) {
                    throw new JobInputException("Too few bars (" + bars.size() + ") for "
                            + spec.optimization().windows() + " walk-forward windows; use fewer windows, a longer"
                            + " period or a smaller timeframe");
                }
            }
            long sets = grid(spec).size();
            for (long from = 0; from < sets; from += SETS_PER_ITEM) {
                items.add(Map.of("from", from, "to", Math.min(sets, from + SETS_PER_ITEM)));
            }
        } else {
            for (int i = 0; i < spec.slices().size(); i++) {
                items.add(Map.of("slice", i));
            }
        }
        jobs.setTotal(jobId, items.size());
        return items;
    }

    /** One Map iteration (a batch of items): runs them and stores each item's output as a part. */
    public Map<String, Object> runItems(String jobId, List<Map<String, Object>> items) {
        BacktestJob job = job(jobId);
        BacktestSpec spec = spec(job);
        if (job.kind() == BacktestKind.OPTIMIZE) {
            BacktestSpec.Slice slice = spec.slices().get(0);
            CandleSeries bars = bars(spec, slice);
            ParameterGrid grid = grid(spec);
            Sweep sweep = new Sweep(bars, spec.definition(), grid, spec.settings(), spec.optimization().objective());
            Sweep.Window[] windows = windows(spec, bars.size());
            for (Map<String, Object> item : items) {
                long from = ((Number) item.get("from")).longValue();
                long to = ((Number) item.get("to")).longValue();
                double[][] scores = sweep.score(from, to, windows, threads);
                ObjectNode part = Json.MAPPER.createObjectNode();
                part.put("from", from);
                ArrayNode rows = part.putArray("scores");
                for (double[] row : scores) {
                    ArrayNode r = rows.addArray();
                    for (double v : row) {
                        if (Double.isNaN(v)) {
                            r.addNull();
                        } else {
                            r.add(v);
                        }
                    }
                }
                jobs.putBlob(jobId, String.format("PART#%06d", from), Blobs.write(part));
            }
        } else {
            for (Map<String, Object> item : items) {
                int index = ((Number) item.get("slice")).intValue();
                BacktestSpec.Slice slice = spec.slices().get(index);
                CandleSeries bars = bars(spec, slice);
                BacktestResult result = BacktestRunner.run(exchangeOf(spec, slice), slice.symbol().toString(), bars,
                        spec.definition(), spec.parameters(), spec.settings());
                jobs.putBlob(jobId, String.format("PART#%06d", index), Blobs.write(result));
            }
        }
        jobs.addProgress(jobId, items.size());
        return Map.of("done", items.size());
    }

    /** Joins the parts into the final result, stores it, and returns the summary kept on the job item. */
    public Map<String, Object> aggregate(String jobId) {
        BacktestJob job = job(jobId);
        BacktestSpec spec = spec(job);
        Map<String, byte[]> parts = jobs.blobs(jobId, "PART#");
        if (job.kind() == BacktestKind.RUN && parts.size() == 1) {
            // one slice: its stored part is the result as is (no second JSON + gzip pass); only the headline is read
            byte[] only = parts.values().iterator().next();
            ObjectNode summary = Json.MAPPER.createObjectNode();
            summary.put("strategy", spec.strategy());
            summary.set("metrics", headline(Blobs.read(only).get("metrics")));
            jobs.putBlob(jobId, "RESULT", only);
            return Map.of("jobId", jobId, "summary", Json.write(summary));
        }
        ObjectNode result;
        ObjectNode summary = Json.MAPPER.createObjectNode();
        summary.put("strategy", spec.strategy());
        if (job.kind() == BacktestKind.OPTIMIZE) {
            result = optimizationResult(spec, parts, summary);
        } else {
            List<JsonNode> results = parts.values().stream().map(Blobs::read).toList();
            if (results.size() != spec.slices().size()) {
                throw new IllegalStateException("Expected " + spec.slices().size() + " results, found " + results.size());
            }
            if (job.kind() == BacktestKind.RUN) {
                result = (ObjectNode) results.get(0);
                summary.set("metrics", headline(result.get("metrics")));
            } else {
                result = Json.MAPPER.createObjectNode();
                ArrayNode all = result.putArray("results");
                ArrayNode rows = summary.putArray("results");
                for (JsonNode r : results) {
                    all.add(r);
                    rows.addObject().put("symbol", r.get("symbol").asText()).put("timeframe", r.get("timeframe").asText())
                            .set("metrics", headline(r.get("metrics")));
                }
            }
        }
        jobs.putBlob(jobId, "RESULT", Blobs.write(result));
        return Map.of("jobId", jobId, "summary", Json.write(summary));
    }

    public Map<String, Object> save(String jobId, String summary) {
        BacktestJob job = job(jobId);
        JsonNode strategyId = Json.readTree(job.request()).get("strategyId");
        // only the owner's optimisation becomes the score shown on the strategy; anyone else's is just a result
        if (job.kind() == BacktestKind.OPTIMIZE && strategyId != null && strategyId.isTextual() && strategies != null
                && strategies.find(strategyId.asText()).filter(st -> st.ownerId().equals(job.userId())).isPresent()) {
            JsonNode s = Json.readTree(summary);
            JsonNode r = s.get("robustness");
            strategies.updateRobustness(strategyId.asText(), new StrategyRobustness(r.get("score").asDouble(),
                    r.get("neighbourStability").asDouble(),
                    r.hasNonNull("walkForwardEfficiency") ? r.get("walkForwardEfficiency").asDouble() : null,
                    s.get("objective").asText(), jobId, clock.instant()));
        }
        jobs.finish(jobId, BacktestStatus.SUCCEEDED, summary, null);
        return Map.of("jobId", jobId, "status", BacktestStatus.SUCCEEDED.name());
    }

    public Map<String, Object> notifyOwner(String jobId) {
        notifier.finished(job(jobId));
        return Map.of("jobId", jobId, "notified", true);
    }

    /** The Catch of the state machine: FAILED with the reason, and the owner is told. */
    public Map<String, Object> fail(String jobId, String error, String cause) {
        String reason = cause == null || cause.isBlank() ? error : readableCause(error, cause);
        if (jobs.finish(jobId, BacktestStatus.FAILED, null, reason)) {
            jobs.find(jobId).ifPresent(notifier::finished);
        }
        return Map.of("jobId", jobId, "status", BacktestStatus.FAILED.name(), "error", reason);
    }

    /** Lambda errors arrive as JSON ({@code errorMessage}, {@code errorType}); keep the message. */
    private static String readableCause(String error, String cause) {
        try {
            JsonNode node = Json.MAPPER.readTree(cause);
            if (node.hasNonNull("errorMessage")) {
                return node.get("errorMessage").asText();
            }
        } catch (Exception e) {
            // not JSON: use as is
        }
        return error + ": " + cause;
    }

    // ------------------------------------------------------------------ helpers

    private CandleSeries bars(BacktestSpec spec, BacktestSpec.Slice slice) {
        long from = spec.from() == null ? Long.MIN_VALUE / 2 : spec.from().toEpochMilli();
        long to = spec.to() == null ? Long.MAX_VALUE / 2 : spec.to().toEpochMilli();
        try {
            return marketData.load(spec.exchange(), slice.symbol(), slice.timeframe(), from, to);
        } catch (ApiException e) {
            throw new JobInputException(e.getMessage());
        }
    }

    private String exchangeOf(BacktestSpec spec, BacktestSpec.Slice slice) {
        return marketData.source(spec.exchange(), slice.symbol(), slice.timeframe()).map(d -> d.key().exchange())
                .orElse(spec.exchange());
    }

    private static ParameterGrid grid(BacktestSpec spec) {
        BacktestSpec.Optimization o = spec.optimization();
        return new ParameterGrid(spec.definition(), spec.parameters(), o.vary(), o.steps(), o.range());
    }

    /** Window 0 is the whole period; then each fold's in-sample window. */
    private static Sweep.Window[] windows(BacktestSpec spec, int bars) {
        List<Sweep.Window> out = new ArrayList<>();
        out.add(new Sweep.Window(0, bars));
        for (WalkForward.Fold f : WalkForward.folds(bars, spec.optimization().windows(),
                spec.optimization().inSampleFraction())) {
            out.add(f.inSample());
        }
        return out.toArray(Sweep.Window[]::new);
    }

    private ObjectNode optimizationResult(BacktestSpec spec, Map<String, byte[]> parts, ObjectNode summary) {
        BacktestSpec.Slice slice = spec.slices().get(0);
        CandleSeries bars = bars(spec, slice);
        ParameterGrid grid = grid(spec);
        Sweep.Window[] windows = windows(spec, bars.size());
        int sets = (int) grid.size();
        double[][] scores = new double[windows.length][sets];
        for (double[] row : scores) {
            java.util.Arrays.fill(row, Double.NaN);
        }
        int received = 0;
        for (byte[] blob : parts.values()) {
            JsonNode part = Blobs.read(blob);
            int from = part.get("from").asInt();
            for (int w = 0; w < windows.length; w++) {
                JsonNode row = part.get("scores").get(w);
                for (int k = 0; k < row.size(); k++) {
                    scores[w][from + k] = row.get(k).isNull() ? Double.NaN : row.get(k).asDouble();
                }
            }
            received += part.get("scores").get(0).size();
        }
        if (received != sets) {
            throw new IllegalStateException("Expected scores of " + sets + " parameter sets, found " + received);
        }
        Sweep sweep = new Sweep(bars, spec.definition(), grid, spec.settings(), spec.optimization().objective());
        int best = argMax(scores[0], 0, sets);
        if (best < 0) {
            throw new JobInputException("No parameter set satisfies the strategy's constraints");
        }
        List<Integer> ranked = new ArrayList<>();
        for (int k = 0; k < sets; k++) {
            if (!Double.isNaN(scores[0][k])) {
                ranked.add(k);
            }
        }
        ranked.sort(Comparator.comparingDouble((Integer k) -> scores[0][k]).reversed());

        ObjectNode result = Json.MAPPER.createObjectNode();
        result.put("objective", spec.optimization().objective().field());
        ObjectNode gridNode = result.putObject("grid");
        for (int d = 0; d < grid.names().size(); d++) {
            ArrayNode values = gridNode.putArray(grid.names().get(d));
            for (double v : grid.values(d)) {
                values.add(v);
            }
        }
        result.put("parameterSets", sets);
        result.put("evaluated", ranked.size());
        // issue 19: the objective of every set of the grid (index order of ParameterGrid: the last named parameter
        // varies fastest; null where a set breaks a constraint), so the dashboard draws the whole ±30% heatmap.
        // Bounded: a request may not ask for more than ParameterGrid.MAX_SETS sets.
        ArrayNode gridScores = result.putArray("gridScores");
        for (int k = 0; k < sets; k++) {
            if (Double.isNaN(scores[0][k]) || Double.isInfinite(scores[0][k])) {
                gridScores.addNull();
            } else {
                gridScores.add(scores[0][k]);
            }
        }
        ArrayNode top = result.putArray("top");
        for (int k : ranked.subList(0, Math.min(TOP_SETS, ranked.size()))) {
            top.addObject().put("objective", scores[0][k]).set("parameters", Json.MAPPER.valueToTree(grid.parameters(k)));
        }
        Map<String, Double> bestParams = grid.parameters(best);
        BacktestResult bestRun = BacktestRunner.run(exchangeOf(spec, slice), slice.symbol().toString(), bars,
                spec.definition(), bestParams, spec.settings());
        result.set("best", Json.MAPPER.valueToTree(bestRun));

        List<Double> neighbours = grid.neighbours(best).stream().map(n -> scores[0][(int) (long) n]).toList();
        double stability = Robustness.stability(scores[0][best], neighbours);
        Double efficiency = null;
        ArrayNode folds = result.putArray("walkForward");
        List<WalkForward.Fold> foldList = WalkForward.folds(bars.size(), spec.optimization().windows(),
                spec.optimization().inSampleFraction());
        if (!foldList.isEmpty()) {
            List<Double> is = new ArrayList<>();
            List<Double> oos = new ArrayList<>();
            for (int f = 0; f < foldList.size(); f++) {
                WalkForward.Fold fold = foldList.get(f);
                int chosen = argMax(scores[f + 1], 0, sets);
                Map<String, Double> p = grid.parameters(chosen);
                Metrics outOfSample = sweep.evaluate(p, fold.outOfSample());
                double oosScore = spec.optimization().objective().of(outOfSample);
                is.add(scores[f + 1][chosen]);
                oos.add(oosScore);
                ObjectNode fn = folds.addObject();
                fn.set("parameters", Json.MAPPER.valueToTree(p));
                fn.putObject("inSample").put("from", Instant.ofEpochMilli(bars.time()[fold.inSample().from()]).toString())
                        .put("to", Instant.ofEpochMilli(bars.time()[fold.inSample().to() - 1]).toString())
                        .put("objective", scores[f + 1][chosen]);
                ObjectNode o = fn.putObject("outOfSample");
                o.put("from", Instant.ofEpochMilli(bars.time()[fold.outOfSample().from()]).toString())
                        .put("to", Instant.ofEpochMilli(bars.time()[fold.outOfSample().to() - 1]).toString())
                        .put("objective", oosScore);
                o.set("metrics", Json.MAPPER.valueToTree(outOfSample));
            }
            efficiency = Robustness.efficiency(is, oos);
        }
        Robustness robustness = Robustness.of(stability, efficiency);
        result.set("robustness", Json.MAPPER.valueToTree(robustness));
        summary.put("objective", spec.optimization().objective().field());
        summary.put("bestObjective", scores[0][best]);
        summary.set("bestParameters", Json.MAPPER.valueToTree(bestParams));
        summary.set("metrics", headline(Json.MAPPER.valueToTree(bestRun.metrics())));
        summary.set("robustness", Json.MAPPER.valueToTree(robustness));
        return result;
    }

    private static int argMax(double[] v, int from, int to) {
        int best = -1;
        for (int k = from; k < to; k++) {
            if (!Double.isNaN(v[k]) && (best < 0 || v[k] > v[best])) {
                best = k;
            }
        }
        return best;
    }

    private static JsonNode headline(JsonNode metrics) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        for (String f : List.of("totalTrades", "winRate", "roi", "sharpeRatio", "maxDrawdown", "profitFactor",
                "buyAndHoldReturn")) {
            if (metrics.has(f)) {
                out.set(f, metrics.get(f));
            }
        }
        return out;
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
