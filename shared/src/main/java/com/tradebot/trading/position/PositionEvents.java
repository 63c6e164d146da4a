package com.tradebot.trading.position;

import java.util.Map;

/** Where position changes and execution outcomes are pushed (the user's {@code positions#<userId>} channel). */
public interface PositionEvents {
    PositionEvents NONE = new PositionEvents() {
        @Override
        public void positionChanged(PositionView position) {
        }

        @Override
        public void executionRejected(String userId, Map<String, Object> details) {
        }
    };

    /** {@code position_update}. */
    void positionChanged(PositionView position);

    /** {@code notification} of a signal not executed, with its reason. */
    void executionRejected(String userId, Map<String, Object> details);

    /** {@code position_update} of a live paper session after a newly closed candle (issue 18 §3). */
    default void paperSessionChanged(String userId, Map<String, Object> update) {
    }
}
