package com.tradebot.auth;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Normalises an email address so that one mailbox maps to one account: trimmed and lower-cased (local parts are
 * case-insensitive at every provider we care about). Validation is the pragmatic subset of RFC 5321 that real
 * sign-up forms accept; a full RFC 5322 parser would admit addresses no mail server delivers to.
 */
public final class EmailAddress {
    private static final Pattern SHAPE = Pattern.compile(
            "[a-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+");
    private static final int MAX_LENGTH = 254;

    private EmailAddress() {
    }

    /** The normalised address, or empty when it is not a plausible address. */
    public static Optional<String> normalise(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String email = raw.trim().toLowerCase(Locale.ROOT);
        if (email.length() > MAX_LENGTH || !SHAPE.matcher(email).matches() || email.contains("..")) {
            return Optional.empty();
        }
        return Optional.of(email);
    }
}
