package com.tradebot.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Brute-force back-off for logins, registrations and TOTP codes, per subject ({@code account:<email>},
 * {@code ip:<address>}, {@code register-ip:<address>}, {@code totp:<userId>}). An attempt is reserved before the
 * check it guards (Argon2, TOTP) and refused while the subject backs off, so requests in flight cannot outrun the
 * count: at most the threshold of attempts is ever checked per window. From the threshold on, each further attempt
 * waits twice as long as the previous one (30 s up to 15 minutes); a quiet {@link #WINDOW} starts the count again.
 * The WAF rate rules limit request volume; this limits guessing.
 */
public final class LoginThrottle {
    public static final Duration WINDOW = Duration.ofMinutes(15);
    public static final Duration FIRST_BACKOFF = Duration.ofSeconds(30);
    public static final Duration MAX_BACKOFF = Duration.ofMinutes(15);

    private final LoginAttemptRepository attempts;
    private final Clock clock;
    private final int registrationsPerIp;

    public LoginThrottle(LoginAttemptRepository attempts, Clock clock) {
        this(attempts, clock, Subject.REGISTRATION_IP.threshold);
    }

    /** {@code registrationsPerIp}: registrations one address may make per window (the template's register limit). */
    public LoginThrottle(LoginAttemptRepository attempts, Clock clock, int registrationsPerIp) {
        this.attempts = attempts;
        this.clock = clock;
        this.registrationsPerIp = registrationsPerIp;
    }

    private int threshold(Subject subject) {
        return subject == Subject.REGISTRATION_IP ? registrationsPerIp : subject.threshold;
    }

    /** Attempts tolerated per window before back-off starts, per kind of subject. */
    public enum Subject {
        ACCOUNT("account", 5), IP("ip", 20), TOTP("totp", 5), REGISTRATION_IP("register-ip", 10);

        private final String prefix;
        private final int threshold;

        Subject(String prefix, int threshold) {
            this.prefix = prefix;
            this.threshold = threshold;
        }

        public int threshold() {
            return threshold;
        }
    }

    /** A reserved attempt; end it with exactly one of {@link #failed}, {@link #succeeded} or {@link #release}. */
    public final class Attempt {
        private final Subject subject;
        private final String key;
        private final long number;

        private Attempt(Subject subject, String key, long number) {
            this.subject = subject;
            this.key = key;
            this.number = number;
        }

        /** The attempt stays counted; past the threshold it extends the back-off. */
        public void failed() {
            if (number >= threshold(subject)) {
                attempts.blockUntil(key, clock.instant().plus(backoff(number - threshold(subject))));
            }
        }

        /** The right secret: the subject starts afresh. */
        public void succeeded() {
            attempts.clear(key);
        }

        /** Not a guess after all (e.g. a successful login from a shared IP): uncounted. */
        public void release() {
            attempts.release(key);
        }
    }

    /** Counts an attempt before its check. @throws TooManyAttemptsException while the subject backs off */
    public Attempt reserve(Subject subject, String value) {
        Instant now = clock.instant();
        String key = subject.prefix + ":" + value;
        LoginAttemptRepository.Reservation reservation = attempts.reserve(key, threshold(subject), now,
                now.minus(WINDOW), now.plus(FIRST_BACKOFF), now.plus(WINDOW).plus(MAX_BACKOFF));
        if (reservation instanceof LoginAttemptRepository.Reservation.Refused refused) {
            Duration wait = Duration.between(now, refused.allowedAt());
            throw new TooManyAttemptsException(wait.isNegative() ? Duration.ofSeconds(1) : wait);
        }
        return new Attempt(subject, key, ((LoginAttemptRepository.Reservation.Reserved) reservation).number());
    }

    static Duration backoff(long failuresPastThreshold) {
        long shift = Math.min(failuresPastThreshold, 10);
        Duration backoff = FIRST_BACKOFF.multipliedBy(1L << shift);
        return backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff;
    }
}
