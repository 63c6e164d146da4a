package com.tradebot.functions.jobs.signals;

import com.tradebot.signal.fanout.SignalDelivery;

/** The notification step of delivery, built from the environment. */
final class Notifications {
    private Notifications() {
    }

    static SignalDelivery.BatchNotifier fromEnvironment() {
        return SignalDelivery.BatchNotifier.NONE;
    }
}
