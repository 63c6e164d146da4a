package com.tradebot.bench.backtest;

import com.tradebot.backtest.catalogue.StrategyCatalogue;
import com.tradebot.backtest.catalogue.Ta4jReference;
import com.tradebot.backtest.engine.Direction;
import com.tradebot.backtest.engine.FusedBacktest;
import com.tradebot.backtest.engine.IndicatorCache;
import com.tradebot.backtest.engine.Metrics;
import com.tradebot.backtest.engine.SignalEvaluator;
import com.tradebot.backtest.engine.Signals;
import com.tradebot.backtest.engine.SimulationResult;
import com.tradebot.backtest.engine.SimulationSettings;
import com.tradebot.backtest.engine.Simulator;
import com.tradebot.backtest.engine.Trade;
import com.tradebot.backtest.optimize.Objective;
import com.tradebot.backtest.optimize.ParameterGrid;
import com.tradebot.backtest.optimize.Sweep;
import com.tradebot.backtest.rules.StrategyDefinition;
import com.tradebot.marketdata.CandleSeries;
import com.tradebot.marketdata.Timeframe;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.ta4j.core.BarSeries;
import org.ta4j.core.Position;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.backtest.BarSeriesManager;
import org.ta4j.core.backtest.TradeOnNextOpenModel;

/**
 * Side by side in one JVM, same synthetic bars, same strategy: (a) one RSI_MACD backtest, this engine vs ta4j's
 * BarSeriesManager (series build + run); (b) the ±30 % sweep of rsiPeriod × macdFast × macdSlow (7 × 7 × 7 = 343
 * sets) against the naive ta4j loop (one strategy + BarSeriesManager run per set on a series built once), on 1 and
 * 2 threads. Trades are compared set by set: a figure only counts if the trades are identical.
 */
public final class BacktestBenchmark {
    private BacktestBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int singleBars = intOption(args, "--single-bars", 1_000_000);
        int sweepBars = intOption(args, "--sweep-bars", 100_000);
        int repeats = intOption(args, "--repeats", 3);
        if (Arrays.asList(args).contains("--sweep-only")) { // for profiling: the engine's sweep alone, no baseline
            sweepOnly(sweepBars, repeats);
            return;
        }
        StrategyDefinition def = StrategyCatalogue.find("RSI_MACD").orElseThrow();
        Map<String, Double> params = def.bind(Map.of());
        SimulationSettings settings = comparable();
        StringBuilder md = new StringBuilder();
        md.append("# Backtest engine vs ta4j 0.17 — ").append(LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME))
                .append("\n\nMachine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
                .append(System.getProperty("java.version")).append(", max heap ")
                .append(Runtime.getRuntime().maxMemory() >> 20).append(" MB, load average before the run ")
                .append(loadAverage()).append("\n\n");

        // (a) one backtest over many bars
        CandleSeries big = synthetic(singleBars, 42);
        double oursBest = Double.MAX_VALUE;
        double ta4jBest = Double.MAX_VALUE;
        long oursHeap = 0;
        long ta4jHeap = 0;
        List<Trade> ours = null;
        List<Position> theirs = null;
        for (int r = 0; r < repeats; r++) {
            System.gc();
            resetPeaks();
            long t0 = System.nanoTime();
            Signals s = new SignalEvaluator(new IndicatorCache(big)).evaluate(def, params, Direction.LONG);
            SimulationResult sim = Simulator.run(big, s, settings);
            double oursSec = (System.nanoTime() - t0) / 1e9;
            oursHeap = Math.max(oursHeap, peakHeap());
            ours = sim.trades();
            int warmup = s.warmupBars();
            System.gc();
            resetPeaks();
            long t1 = System.nanoTime();
            BarSeries series = Ta4jReference.series(big);
            TradingRecord record = new BarSeriesManager(series, new TradeOnNextOpenModel())
                    .run(Ta4jReference.rsiMacd(series, params, warmup));
            double ta4jSec = (System.nanoTime() - t1) / 1e9;
            ta4jHeap = Math.max(ta4jHeap, peakHeap());
            theirs = record.getPositions();
            oursBest = Math.min(oursBest, oursSec);
            ta4jBest = Math.min(ta4jBest, ta4jSec);
            System.out.printf(Locale.ROOT, "(a) run %d: ours %.3f s, ta4j %.3f s%n", r + 1, oursSec, ta4jSec);
            series = null;
            record = null;
        }
        boolean sameA = same(ours, theirs);
        md.append("## (a) one RSI_MACD backtest, ").append(String.format(Locale.ROOT, "%,d", singleBars))
                .append(" synthetic 1m bars (best of ").append(repeats).append(")\n\n")
                .append("| | time | bars/s | peak heap | trades |\n|---|---|---|---|---|\n")
                .append(String.format(Locale.ROOT, "| this engine (indicators + signals + simulation) | %.3f s | %,.0f | %d MB | %d |%n",
                        oursBest, singleBars / oursBest, oursHeap >> 20, closed(ours)))
                .append(String.format(Locale.ROOT, "| ta4j BarSeriesManager, DoubleNum (series build + run) | %.3f s | %,.0f | %d MB | %d |%n",
                        ta4jBest, singleBars / ta4jBest, ta4jHeap >> 20, theirs.size()))
                .append(String.format(Locale.ROOT, "%nSpeed-up **%.1f×** (target ≥ 15×); identical trades: **%s**.%n%n",
                        ta4jBest / oursBest, sameA ? "yes" : "NO"));
        big = null;

        // (b) the sweep
        CandleSeries bars = synthetic(sweepBars, 7);
        ParameterGrid grid = new ParameterGrid(def, params, List.of("rsiPeriod", "macdFast", "macdSlow"), 7, 0.3);
        int sets = (int) grid.size();
        Sweep.Window[] whole = {new Sweep.Window(0, bars.size())};
        double[] sweepSec = new double[3];
        for (int threads : new int[] {1, 2}) {
            double best = Double.MAX_VALUE;
            for (int r = 0; r < repeats; r++) {
                long t0 = System.nanoTime();
                new Sweep(bars, def, grid, settings, Objective.ROI).score(0, sets, whole, threads);
                best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            }
            sweepSec[threads] = best;
            System.out.printf(Locale.ROOT, "(b) sweep on %d thread(s): %.3f s%n", threads, best);
        }
        // the naive ta4j loop, and trade-for-trade agreement in every set
        BarSeries series = Ta4jReference.series(bars);
        IndicatorCache cache = new IndicatorCache(bars);
        int identical = 0;
        int sameMetrics = 0;
        int valid = 0;
        long t0 = System.nanoTime();
        List<List<Position>> ta4jTrades = new ArrayList<>();
        List<Integer> warmups = new ArrayList<>();
        for (int k = 0; k < sets; k++) {
            Map<String, Double> p = grid.parameters(k);
            if (p == null) {
                ta4jTrades.add(null);
                warmups.add(0);
                continue;
            }
            int warmup = new SignalEvaluator(cache).evaluate(def, p, Direction.LONG).warmupBars();
            warmups.add(warmup);
            ta4jTrades.add(new BarSeriesManager(series, new TradeOnNextOpenModel())
                    .run(Ta4jReference.rsiMacd(series, p, warmup)).getPositions());
        }
        double naiveSec = (System.nanoTime() - t0) / 1e9;
        for (int k = 0; k < sets; k++) {
            Map<String, Double> p = grid.parameters(k);
            if (p == null) {
                continue;
            }
            valid++;
            Signals s = new SignalEvaluator(cache).evaluate(def, p, Direction.LONG);
            SimulationResult reference = Simulator.run(bars, s, settings);
            if (same(reference.trades(), ta4jTrades.get(k))) {
                identical++;
            }
            // the sweep's fused pass must give the reference metrics exactly (what the timed sweep computed)
            if (FusedBacktest.run(bars, s, settings, 0, bars.size())
                    .equals(Metrics.of(bars, reference, settings.initialCapital()))) {
                sameMetrics++;
            }
        }
        System.out.printf(Locale.ROOT, "(b) naive ta4j loop: %.3f s; identical trades in %d of %d sets, identical"
                + " metrics (fused vs reference) in %d%n", naiveSec, identical, valid, sameMetrics);
        double evals = (double) valid * sweepBars;
        md.append("## (b) ±30 % sweep, rsiPeriod × macdFast × macdSlow = 7 × 7 × 7 = ").append(sets)
                .append(" sets (").append(valid).append(" valid: macdFast < macdSlow), ")
                .append(String.format(Locale.ROOT, "%,d", sweepBars)).append(" synthetic bars\n\n")
                .append("| | time | bar-evaluations/s | vs naive ta4j |\n|---|---|---|---|\n")
                .append(String.format(Locale.ROOT, "| naive ta4j loop (strategy + BarSeriesManager per set, 1 thread) | %.2f s | %,.0f | 1× |%n",
                        naiveSec, evals / naiveSec))
                .append(String.format(Locale.ROOT, "| this engine, shared indicators, 1 thread | %.3f s | %,.0f | %.0f× |%n",
                        sweepSec[1], evals / sweepSec[1], naiveSec / sweepSec[1]))
                .append(String.format(Locale.ROOT, "| this engine, shared indicators, 2 threads | %.3f s | %,.0f | %.0f× |%n",
                        sweepSec[2], evals / sweepSec[2], naiveSec / sweepSec[2]))
                .append(String.format(Locale.ROOT, "%nIdentical trades (Simulator vs ta4j) in **%d of %d** sets; the sweep's"
                        + " fused pass gives the reference metrics bit for bit in **%d of %d**. Targets: ≥ 150× the naive loop,"
                        + " ≥ 250 M bar-evaluations/s.%n", identical, valid, sameMetrics, valid))
                .append("\nLoad average after the run: ").append(loadAverage()).append("\n");
        Path out = Path.of("bench/results/backtest-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm")) + ".md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md.toString());
        System.out.println();
        System.out.println(md);
        System.out.println("written to " + out);
    }

    /**
     * ta4j's model: one unit per trade, no costs, no cash limit. Our simulator refuses entries once cash is spent, so
     * the capital is large enough never to run out (with 10,000 a million-bar random walk ran dry after ~4,750 trades).
     */
    static SimulationSettings comparable() {
        return new SimulationSettings(1e12, 0, 0, 0, 1, SimulationSettings.Sizing.UNITS, 1, 0, 0, Direction.LONG);
    }

    static void sweepOnly(int sweepBars, int repeats) {
        StrategyDefinition def = StrategyCatalogue.find("RSI_MACD").orElseThrow();
        Map<String, Double> params = def.bind(Map.of());
        SimulationSettings settings = comparable();
        CandleSeries bars = synthetic(sweepBars, 7);
        ParameterGrid grid = new ParameterGrid(def, params, List.of("rsiPeriod", "macdFast", "macdSlow"), 7, 0.3);
        Sweep.Window[] whole = {new Sweep.Window(0, bars.size())};
        for (int threads : new int[] {1, 2}) {
            for (int r = 0; r < repeats; r++) {
                long t0 = System.nanoTime();
                new Sweep(bars, def, grid, settings, Objective.ROI).score(0, grid.size(), whole, threads);
                System.out.printf(Locale.ROOT, "sweep, %d thread(s): %.3f s%n", threads, (System.nanoTime() - t0) / 1e9);
            }
        }
    }

    /** A geometric random walk with intrabar ranges, 1-minute bars from 2020-01-01. */
    static CandleSeries synthetic(int n, long seed) {
        Random random = new Random(seed);
        long[] t = new long[n];
        double[] o = new double[n];
        double[] h = new double[n];
        double[] l = new double[n];
        double[] c = new double[n];
        double[] v = new double[n];
        double price = 20_000;
        long start = 1_577_836_800_000L;
        for (int i = 0; i < n; i++) {
            double open = price;
            double close = open * Math.exp(random.nextGaussian() * 0.002);
            double high = Math.max(open, close) * (1 + Math.abs(random.nextGaussian()) * 0.001);
            double low = Math.min(open, close) * (1 - Math.abs(random.nextGaussian()) * 0.001);
            t[i] = start + i * 60_000L;
            o[i] = open;
            h[i] = high;
            l[i] = low;
            c[i] = close;
            v[i] = 1 + random.nextDouble() * 10;
            price = close;
        }
        return new CandleSeries(Timeframe.M1, t, o, h, l, c, v);
    }

    static boolean same(List<Trade> ours, List<Position> theirs) {
        List<Trade> closed = ours.stream().filter(x -> x.exitReason() != com.tradebot.backtest.engine.ExitReason.END_OF_DATA).toList();
        if (closed.size() != theirs.size()) {
            return false;
        }
        for (int k = 0; k < closed.size(); k++) {
            Trade a = closed.get(k);
            Position b = theirs.get(k);
            if (a.entryIndex() != b.getEntry().getIndex() || a.exitIndex() != b.getExit().getIndex()
                    || a.entryPrice() != b.getEntry().getNetPrice().doubleValue()
                    || a.exitPrice() != b.getExit().getNetPrice().doubleValue()) {
                return false;
            }
        }
        return true;
    }

    static int closed(List<Trade> trades) {
        return (int) trades.stream().filter(x -> x.exitReason() != com.tradebot.backtest.engine.ExitReason.END_OF_DATA).count();
    }

    static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "n/a";
        }
    }

    static int intOption(String[] args, String name, int def) {
        int i = Arrays.asList(args).indexOf(name);
        return i >= 0 && i + 1 < args.length ? Integer.parseInt(args[i + 1]) : def;
    }
}
