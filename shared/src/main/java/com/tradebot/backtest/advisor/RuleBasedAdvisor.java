package com.tradebot.backtest.advisor;

import com.tradebot.backtest.BacktestRunner;
import com.tradebot.backtest.engine.Direction;
import com.tradebot.backtest.engine.Metrics;
import com.tradebot.backtest.engine.SimulationSettings;
import com.tradebot.backtest.rules.ParameterSpec;
import com.tradebot.backtest.rules.RuleValidationException;
import com.tradebot.backtest.rules.StrategyDefinition;
import com.tradebot.marketdata.CandleSeries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The offline strategy consultant: deterministic, no model, no key. The question only selects a {@link Focus} from
 * fixed keywords (its text never reaches anything that runs), candidate changes come from a fixed list (a stop-loss,
 * one side only, each parameter ±30 %), every candidate is backtested on the in-sample part of the data, and the
 * best ones are then backtested on the held-out part and shown beside the original's out-of-sample figures. Only
 * tested suggestions exist in the output.
 */
public final class RuleBasedAdvisor {
    public static final double IN_SAMPLE_FRACTION = 0.7;
    public static final int MAX_SUGGESTIONS = 3;

    public enum Focus { DRAWDOWN, WIN_RATE, RETURN, RISK_ADJUSTED }

    public record Figures(int totalTrades, double roi, double maxDrawdown, double sharpeRatio, double winRate) {
        static Figures of(Metrics m) {
            return new Figures(m.totalTrades(), m.roi(), m.maxDrawdown(), m.sharpeRatio(), m.winRate());
        }
    }

    /** One tested change: what to do, and how the original and the change did on data neither was chosen on. */
    public record Suggestion(String change, Map<String, Double> parameters, double stopLoss, Direction direction,
                             Figures inSample, Figures outOfSample, Figures originalOutOfSample,
                             boolean betterOutOfSample) {
    }

    public record Advice(Focus focus, Instant inSampleFrom, Instant outOfSampleFrom, Instant outOfSampleTo,
                         Figures originalInSample, Figures originalOutOfSample, int candidatesTested,
                         List<Suggestion> suggestions, String summary) {
    }

    private record Candidate(String change, Map<String, Double> parameters, SimulationSettings settings) {
    }

    private RuleBasedAdvisor() {
    }

    public static Focus focus(String question) {
        String q = question == null ? "" : question.toLowerCase(Locale.ROOT);
        if (q.contains("drawdown") || q.contains("risk") || q.contains("loss") || q.contains("safer")) {
            return Focus.DRAWDOWN;
        }
        if (q.contains("win rate") || q.contains("winrate") || q.contains("accuracy")) {
            return Focus.WIN_RATE;
        }
        if (q.contains("return") || q.contains("profit") || q.contains("roi")) {
            return Focus.RETURN;
        }
        return Focus.RISK_ADJUSTED;
    }

    public static Advice advise(CandleSeries bars, StrategyDefinition definition, Map<String, Double> parameters,
                                SimulationSettings settings, String question) {
        Focus focus = focus(question);
        int cut = (int) (bars.size() * IN_SAMPLE_FRACTION);
        CandleSeries in = bars.range(0, cut);
        CandleSeries out = bars.range(cut, bars.size());
        Figures originalIn = run(in, definition, parameters, settings);
        Figures originalOut = run(out, definition, parameters, settings);

        List<Candidate> candidates = candidates(definition, parameters, settings);
        List<Map.Entry<Candidate, Figures>> tested = new ArrayList<>();
        for (Candidate c : candidates) {
            tested.add(Map.entry(c, run(in, definition, c.parameters(), c.settings())));
        }
        Comparator<Figures> better = order(focus);
        List<Suggestion> suggestions = new ArrayList<>();
        tested.stream()
                .filter(e -> e.getValue().totalTrades() > 0 && better.compare(e.getValue(), originalIn) < 0)
                .sorted(Map.Entry.comparingByValue(better))
                .limit(MAX_SUGGESTIONS)
                .forEach(e -> {
                    Candidate c = e.getKey();
                    Figures o = run(out, definition, c.parameters(), c.settings());
                    suggestions.add(new Suggestion(c.change(), c.parameters(), c.settings().stopLoss(),
                            c.settings().direction(), e.getValue(), o, originalOut, better.compare(o, originalOut) < 0));
                });
        long held = suggestions.stream().filter(Suggestion::betterOutOfSample).count();
        String summary = suggestions.isEmpty()
                ? "None of the " + candidates.size() + " tested changes beat the original on " + label(focus)
                        + " in sample; keep the strategy as it is."
                : suggestions.size() + " of " + candidates.size() + " tested changes beat the original on "
                        + label(focus) + " in sample; " + held + " of them also did on the held-out "
                        + Math.round((1 - IN_SAMPLE_FRACTION) * 100) + " % of the data.";
        return new Advice(focus, Instant.ofEpochMilli(bars.firstTime()), Instant.ofEpochMilli(out.firstTime()),
                Instant.ofEpochMilli(bars.lastTime() + bars.timeframe().millis()), originalIn, originalOut,
                candidates.size(), suggestions, summary);
    }

    private static String label(Focus f) {
        return switch (f) {
            case DRAWDOWN -> "maximum drawdown";
            case WIN_RATE -> "win rate";
            case RETURN -> "return";
            case RISK_ADJUSTED -> "Sharpe ratio";
        };
    }

    /** Smaller is better. */
    static Comparator<Figures> order(Focus focus) {
        return switch (focus) {
            case DRAWDOWN -> Comparator.comparingDouble(Figures::maxDrawdown);
            case WIN_RATE -> Comparator.comparingDouble(f -> -f.winRate());
            case RETURN -> Comparator.comparingDouble(f -> -f.roi());
            case RISK_ADJUSTED -> Comparator.comparingDouble(f -> -f.sharpeRatio());
        };
    }

    private static List<Candidate> candidates(StrategyDefinition def, Map<String, Double> params,
                                              SimulationSettings s) {
        List<Candidate> out = new ArrayList<>();
        double[] stops = s.stopLoss() == 0 ? new double[] {0.01, 0.02, 0.03, 0.05}
                : new double[] {s.stopLoss() * 0.5, s.stopLoss() * 0.75};
        for (double stop : stops) {
            out.add(new Candidate((s.stopLoss() == 0 ? "add a stop-loss of " : "tighten the stop-loss to ")
                    + pct(stop), params, with(s, stop, s.direction())));
        }
        if (s.direction() == Direction.BOTH) {
            if (def.canGoLong()) {
                out.add(new Candidate("trade the long side only", params, with(s, s.stopLoss(), Direction.LONG)));
            }
            if (def.canGoShort()) {
                out.add(new Candidate("trade the short side only", params, with(s, s.stopLoss(), Direction.SHORT)));
            }
        }
        for (Map.Entry<String, ParameterSpec> e : def.parameters().entrySet()) {
            for (double factor : new double[] {0.7, 1.3}) {
                ParameterSpec spec = e.getValue();
                double v = params.get(e.getKey()) * factor;
                v = spec.integer() ? Math.rint(v) : Math.round(v * 1e6) / 1e6;
                v = Math.max(spec.min(), Math.min(spec.max(), v));
                if (v == params.get(e.getKey())) {
                    continue;
                }
                Map<String, Double> changed = new LinkedHashMap<>(params);
                changed.put(e.getKey(), v);
                try {
                    def.bind(changed);
                } catch (RuleValidationException invalid) {
                    continue; // breaks a constraint such as fast < slow
                }
                out.add(new Candidate("set " + e.getKey() + " to " + fmt(v) + " (from " + fmt(params.get(e.getKey()))
                        + ")", Map.copyOf(changed), s));
            }
        }
        return out;
    }

    static SimulationSettings with(SimulationSettings s, double stop, Direction d) {
        return new SimulationSettings(s.initialCapital(), s.makerFee(), s.takerFee(), s.slippage(), s.leverage(),
                s.sizing(), s.sizingValue(), stop, s.takeProfit(), d);
    }

    static Figures run(CandleSeries bars, StrategyDefinition def, Map<String, Double> params,
                               SimulationSettings s) {
        return Figures.of(BacktestRunner.run("", "", bars, def, params, s).metrics());
    }

    static String pct(double v) {
        return fmt(Math.round(v * 10_000) / 100.0) + " %";
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
