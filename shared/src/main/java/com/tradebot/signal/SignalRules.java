package com.tradebot.signal;

import com.tradebot.common.ApiException;
import com.tradebot.common.ApiException.FieldError;
import com.tradebot.common.UserText;
import com.tradebot.strategy.Pairs;
import com.tradebot.strategy.Timeframes;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Validation and derived values of signals: price order by side, take-profit levels, risk/reward, results. */
public final class SignalRules {
    static final Set<String> TYPES = Set.of("ENTRY", "EXIT", "UPDATE");
    static final Set<String> SIDES = Set.of("BUY", "SELL");
    static final int MAX_TAKE_PROFITS = 10;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private SignalRules() {
    }

    /** The validated content of a new signal (ids, owner, status and times are filled in by the service). */
    public record Validated(String type, String pair, String exchange, String timeframe, String side,
                            BigDecimal entryPrice, BigDecimal stopLoss, List<TakeProfit> takeProfits, int leverage,
                            BigDecimal riskRewardRatio) {
    }

    public static Validated validate(SignalDraft draft) {
        List<FieldError> errors = new ArrayList<>();
        String type = draft.type() == null ? "ENTRY" : draft.type().toUpperCase();
        if (!TYPES.contains(type)) {
            errors.add(new FieldError("type", "must be one of " + TYPES));
        }
        String side = draft.side() == null ? null : draft.side().toUpperCase();
        if (side == null || !SIDES.contains(side)) {
            errors.add(new FieldError("side", "must be BUY or SELL"));
        }
        String pair = Pairs.normalise(draft.pair()).orElse(null);
        if (pair == null) {
            errors.add(new FieldError("pair", "must be a pair like BTC/USDT"));
        }
        if (draft.timeframe() != null && !Timeframes.isValid(draft.timeframe())) {
            errors.add(new FieldError("timeframe", "must be one of " + Timeframes.ALL));
        }
        if (draft.exchange() != null && (draft.exchange().isBlank() || draft.exchange().length() > 30)) {
            errors.add(new FieldError("exchange", "must be 1 to 30 characters"));
        }
        if (draft.exchange() != null) {
            UserText.problem(draft.exchange()).ifPresent(problem -> errors.add(new FieldError("exchange", problem)));
        }
        if (draft.indicators() != null) {
            UserText.problemIn(draft.indicators())
                    .ifPresent(problem -> errors.add(new FieldError("indicators", problem)));
        }
        positive(errors, "entryPrice", draft.entryPrice(), true);
        positive(errors, "stopLoss", draft.stopLoss(), true);
        int leverage = draft.leverage() == null ? 1 : draft.leverage();
        if (leverage < 1 || leverage > 125) {
            errors.add(new FieldError("leverage", "must be between 1 and 125"));
        }
        List<TakeProfit> takeProfits = takeProfits(errors, draft.takeProfit(), draft.takeProfits());
        if (side != null && SIDES.contains(side) && draft.entryPrice() != null && draft.entryPrice().signum() > 0) {
            priceOrder(errors, side, draft.entryPrice(), draft.stopLoss(), takeProfits);
        }
        if (draft.riskRewardRatio() != null && draft.riskRewardRatio().signum() <= 0) {
            errors.add(new FieldError("riskRewardRatio", "must be positive"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        BigDecimal riskReward = draft.riskRewardRatio() != null ? draft.riskRewardRatio()
                : riskReward(draft.entryPrice(), draft.stopLoss(), takeProfits);
        return new Validated(type, pair, draft.exchange() == null ? "binance" : draft.exchange().toLowerCase(),
                draft.timeframe(), side, draft.entryPrice(), draft.stopLoss(), takeProfits, leverage, riskReward);
    }

    /** The single {@code takeProfit} of the seed or the levels of {@code takeProfits} (percents summing to 100). */
    static List<TakeProfit> takeProfits(List<FieldError> errors, BigDecimal single, List<TakeProfit> levels) {
        if (levels == null || levels.isEmpty()) {
            if (!positive(errors, "takeProfit", single, true)) {
                return List.of();
            }
            return List.of(new TakeProfit(single, HUNDRED));
        }
        if (levels.size() > MAX_TAKE_PROFITS) {
            errors.add(new FieldError("takeProfits", "at most " + MAX_TAKE_PROFITS + " levels"));
            return List.of();
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < levels.size(); i++) {
            TakeProfit level = levels.get(i);
            if (level == null || !positive(errors, "takeProfits[" + i + "].price", level.price(), true)
                    || !positive(errors, "takeProfits[" + i + "].percent", level.percent(), true)) {
                return List.of();
            }
            sum = sum.add(level.percent());
        }
        if (sum.compareTo(HUNDRED) != 0) {
            errors.add(new FieldError("takeProfits", "percents must sum to 100 (they sum to " + sum.toPlainString() + ")"));
        }
        if (single != null && single.compareTo(levels.get(0).price()) != 0) {
            errors.add(new FieldError("takeProfit", "must equal the first of takeProfits when both are given"));
        }
        return List.copyOf(levels);
    }

    /** BUY: stopLoss < entry < every take-profit; SELL the reverse. */
    static void priceOrder(List<FieldError> errors, String side, BigDecimal entry, BigDecimal stop,
                           List<TakeProfit> takeProfits) {
        boolean buy = "BUY".equals(side);
        if (stop != null && entry != null && (buy ? stop.compareTo(entry) >= 0 : stop.compareTo(entry) <= 0)) {
            errors.add(new FieldError("stopLoss", buy ? "must be below the entry price for a BUY"
                    : "must be above the entry price for a SELL"));
        }
        for (int i = 0; i < takeProfits.size(); i++) {
            BigDecimal target = takeProfits.get(i).price();
            if (entry != null && (buy ? target.compareTo(entry) <= 0 : target.compareTo(entry) >= 0)) {
                errors.add(new FieldError(takeProfits.size() == 1 ? "takeProfit" : "takeProfits[" + i + "].price",
                        buy ? "must be above the entry price for a BUY" : "must be below the entry price for a SELL"));
            }
        }
    }

    /** Reward over risk, with the reward averaged over the take-profit levels by their percent. */
    public static BigDecimal riskReward(BigDecimal entry, BigDecimal stop, List<TakeProfit> takeProfits) {
        BigDecimal risk = entry.subtract(stop).abs();
        if (risk.signum() == 0 || takeProfits.isEmpty()) {
            return null;
        }
        BigDecimal reward = BigDecimal.ZERO;
        for (TakeProfit level : takeProfits) {
            reward = reward.add(level.price().subtract(entry).abs().multiply(level.percent()));
        }
        reward = reward.divide(HUNDRED, MathContext.DECIMAL64);
        return reward.divide(risk, 2, RoundingMode.HALF_UP);
    }

    /** The result of a signal closed at {@code exit}, in percent of the entry (unlevered), by side. */
    public static BigDecimal resultPercent(String side, BigDecimal entry, BigDecimal exit) {
        BigDecimal move = exit.subtract(entry);
        if (!"BUY".equals(side)) {
            move = move.negate();
        }
        return move.multiply(HUNDRED).divide(entry, 4, RoundingMode.HALF_UP);
    }

    static boolean positive(List<FieldError> errors, String field, BigDecimal value, boolean required) {
        if (value == null) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
            return false;
        }
        if (value.signum() <= 0) {
            errors.add(new FieldError(field, "must be positive"));
            return false;
        }
        if (value.precision() - value.scale() > 15 || value.scale() > 12) {
            errors.add(new FieldError(field, "has too many digits"));
            return false;
        }
        return true;
    }
}
