package com.tradebot.trading.execution;

import com.tradebot.trading.position.Position;
import com.tradebot.trading.position.PositionRepository;
import com.tradebot.trading.position.PositionService;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The executions queue's consumer for {@link SignalCloseRequest}s: closes the follower's position of an ended signal
 * once. Exactly once comes from the position itself: its close is a write conditioned on it still being live, and
 * the close order's clientOrderId is derived from the position, so a redelivered message (or one racing the user's
 * own close) finds it closed, or finds the first close order on the exchange, and sells nothing twice.
 */
public final class SignalCloseExecutor {
    private static final Logger LOG = LogManager.getLogger(SignalCloseExecutor.class);

    private final PositionRepository positions;
    private final PositionService closer;

    public SignalCloseExecutor(PositionRepository positions, PositionService closer) {
        this.positions = positions;
        this.closer = closer;
    }

    /** {@code outcome}: CLOSED, ENTRY_CANCELLED, ALREADY_CLOSED or NO_POSITION. */
    public record Result(String outcome, String positionId) {
    }

    public Result execute(SignalCloseRequest request) {
        Optional<Position> found = positions.find(request.positionId())
                .filter(p -> p.userId().equals(request.userId()) && p.signalId().equals(request.signalId()));
        if (found.isEmpty()) {
            return new Result("NO_POSITION", request.positionId());
        }
        PositionService.SignalCloseOutcome outcome = closer.closeForSignal(found.get(), request.reason());
        LOG.info("Signal {} ended ({}): position {} {}", request.signalId(), request.reason(), request.positionId(),
                outcome);
        return new Result(outcome.name(), request.positionId());
    }
}
