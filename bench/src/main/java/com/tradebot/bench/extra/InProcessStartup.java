package com.tradebot.bench.extra;

import com.tradebot.bench.report.ExtraFigure;
import com.tradebot.dynamodb.DynamoDbEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Times {@code DynamoDbEngine.builder().port(0).dataDir(null).start()} inside this JVM, cold then warm. */
final class InProcessStartup {
    private InProcessStartup() {
    }

    static List<ExtraFigure> measure(int starts) {
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i < starts; i++) {
            long begin = System.nanoTime();
            DynamoDbEngine engine = DynamoDbEngine.builder().port(0).dataDir(null).start();
            seconds.add((System.nanoTime() - begin) / 1e9);
            engine.close();
        }
        double cold = seconds.get(0);
        List<Double> warm = seconds.subList(1, seconds.size()).stream().sorted().toList();
        double warmMedian = warm.isEmpty() ? cold : warm.get(warm.size() / 2);
        return List.of(
                ExtraFigure.targeted("start-up in memory, in-process start(), first call (classes loading)",
                        String.format(Locale.ROOT, "%.3f s", cold), "< 0.5 s", cold < 0.5),
                ExtraFigure.untargeted("start-up in memory, in-process start(), later calls (median of " + warm.size() + ")",
                        String.format(Locale.ROOT, "%.3f s", warmMedian)));
    }
}
