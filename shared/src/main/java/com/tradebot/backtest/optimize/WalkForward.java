package com.tradebot.backtest.optimize;

import java.util.ArrayList;
import java.util.List;

/**
 * Rolling in-sample / out-of-sample windows: each in-sample window of {@code inSampleFraction} of a window length
 * is followed by its out-of-sample window, and windows advance by the out-of-sample length, so the out-of-sample
 * windows tile the end of the series without overlap.
 */
public final class WalkForward {
    private WalkForward() {
    }

    /** One step of a walk-forward: where the set is chosen and where it is then tested. */
    public record Fold(Sweep.Window inSample, Sweep.Window outOfSample) {
    }

    public static List<Fold> folds(int bars, int windows, double inSampleFraction) {
        List<Fold> out = new ArrayList<>();
        if (windows <= 0) {
            return out;
        }
        // bars = inSample + windows * outOfSample, with inSample = outOfSample * f / (1 - f)
        double ratio = inSampleFraction / (1 - inSampleFraction);
        int oos = (int) Math.floor(bars / (windows + ratio));
        int is = bars - windows * oos;
        for (int k = 0; k < windows; k++) {
            int isFrom = k * oos;
            int isTo = isFrom + is;
            out.add(new Fold(new Sweep.Window(isFrom, isTo), new Sweep.Window(isTo, Math.min(bars, isTo + oos))));
        }
        return out;
    }
}
