package com.tradebot.common;

import java.util.Optional;

/**
 * Checks for text that people see (names, titles, descriptions): well-formed UTF-16 and no control (Cc) or format
 * (Cf) characters. Cf holds the bidi overrides and isolates (U+202A–U+202E, U+2066–U+2069) that make text display
 * differently from what it is, and zero-width characters that make look-alike names; lone surrogates cannot be
 * encoded as UTF-8 at all and break tools downstream.
 */
public final class UserText {
    private UserText() {
    }

    /** Why {@code text} is not acceptable single-line user text; empty when it is. */
    public static Optional<String> problem(String text) {
        return problem(text, false);
    }

    /** As {@link #problem(String)}, but line feeds and tabs are allowed (descriptions). */
    public static Optional<String> multilineProblem(String text) {
        return problem(text, true);
    }

    /**
     * The first problem among the keys and string values of a free-form JSON map (strategy parameters, signal
     * indicators), which are shown to subscribers as they are; nested maps and lists are walked.
     */
    public static Optional<String> problemIn(Object value) {
        if (value instanceof String text) {
            return problem(text);
        }
        if (value instanceof java.util.Map<?, ?> map) {
            for (java.util.Map.Entry<?, ?> entry : map.entrySet()) {
                Optional<String> problem = problemIn(entry.getKey()).or(() -> problemIn(entry.getValue()));
                if (problem.isPresent()) {
                    return problem;
                }
            }
        } else if (value instanceof Iterable<?> items) {
            for (Object item : items) {
                Optional<String> problem = problemIn(item);
                if (problem.isPresent()) {
                    return problem;
                }
            }
        }
        return Optional.empty();
    }

    /** True when {@code text} holds a surrogate that is not part of a pair. */
    public static boolean illFormedUtf16(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<String> problem(String text, boolean multiline) {
        if (text == null) {
            return Optional.empty();
        }
        if (illFormedUtf16(text)) {
            return Optional.of("must be well-formed Unicode (no lone surrogates)");
        }
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            int type = Character.getType(codePoint);
            boolean allowedWhitespace = multiline && (codePoint == '\n' || codePoint == '\t');
            if ((type == Character.CONTROL || type == Character.FORMAT) && !allowedWhitespace) {
                return Optional.of(String.format("must not contain control or format characters (U+%04X)", codePoint));
            }
            i += Character.charCount(codePoint);
        }
        return Optional.empty();
    }
}
