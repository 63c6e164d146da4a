package com.tradebot.backtest.advisor;

import com.tradebot.common.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Accepts a model's narration only if it adds nothing untested: every number in it comes from the answer's backtested
 * figures (as a fraction or a percentage, rounded to at most two decimals), and every concrete change it names is
 * one of the tested changes word for word. Anything else is refused and the rule-based summary is shown instead.
 */
public final class NarrationCheck {
    public static final int MAX_CHARS = 2_000;
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");
    /** The shapes the advisor's own changes take; a model naming any other change is inventing advice. */
    private static final Pattern CHANGE = Pattern.compile(
            "(set \\w+ to [\\d.]+|stop-loss (?:of|to) [\\d.]+ ?%|(?:long|short) side only|leverage[^.]*\\d)",
            Pattern.CASE_INSENSITIVE);

    private NarrationCheck() {
    }

    /** Empty when acceptable, else why not. */
    public static Optional<String> problem(String text, Map<String, Object> answer) {
        if (text == null || text.isBlank()) {
            return Optional.of("empty narration");
        }
        if (text.length() > MAX_CHARS) {
            return Optional.of("narration longer than " + MAX_CHARS + " characters");
        }
        Set<String> numbers = new HashSet<>();
        collect(Json.MAPPER.convertValue(answer, Object.class), numbers); // records → plain maps and numbers
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> suggestions = (List<Map<String, Object>>) answer.getOrDefault("suggestions", List.of());
        numbers.add(String.valueOf(suggestions.size()));
        numbers.add(String.valueOf(Math.round(RuleBasedAdvisor.IN_SAMPLE_FRACTION * 100)));
        numbers.add(String.valueOf(Math.round((1 - RuleBasedAdvisor.IN_SAMPLE_FRACTION) * 100)));
        Matcher n = NUMBER.matcher(text);
        while (n.find()) {
            if (!numbers.contains(canonical(new BigDecimal(n.group())))) {
                return Optional.of("number " + n.group() + " is not among the backtested figures");
            }
        }
        String lower = text.toLowerCase(Locale.ROOT);
        Matcher c = CHANGE.matcher(lower);
        while (c.find()) {
            String named = c.group();
            boolean tested = suggestions.stream().map(s -> String.valueOf(s.get("change")).toLowerCase(Locale.ROOT))
                    .anyMatch(change -> change.contains(named.trim()));
            if (!tested) {
                return Optional.of("'" + named + "' is not one of the tested changes");
            }
        }
        return Optional.empty();
    }

    private static void collect(Object value, Set<String> out) {
        if (value instanceof Map<?, ?> map) {
            map.values().forEach(v -> collect(v, out));
        } else if (value instanceof Iterable<?> list) {
            list.forEach(v -> collect(v, out));
        } else if (value instanceof Number number) {
            double v = number.doubleValue();
            for (double shown : new double[] {v, v * 100, Math.abs(v), Math.abs(v) * 100}) {
                if (Double.isFinite(shown)) {
                    for (int scale = 0; scale <= 2; scale++) {
                        out.add(canonical(BigDecimal.valueOf(shown).setScale(scale, RoundingMode.HALF_UP)));
                    }
                    out.add(canonical(BigDecimal.valueOf(shown)));
                }
            }
        } else if (value instanceof String s) {
            Matcher n = NUMBER.matcher(s); // numbers inside the tested change texts ("set rsiPeriod to 18 (from 14)")
            while (n.find()) {
                out.add(canonical(new BigDecimal(n.group())));
            }
        }
    }

    private static String canonical(BigDecimal d) {
        return d.stripTrailingZeros().toPlainString();
    }
}
