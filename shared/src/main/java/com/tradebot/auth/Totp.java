package com.tradebot.auth;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.recovery.RecoveryCodeGenerator;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * RFC 6238 TOTP (SHA-1, 6 digits, 30 s) through dev.samstevens totp, plus one-time recovery codes. The library's
 * verifier only answers yes/no; {@link #matchingStep} uses its code generator directly to learn which time step
 * matched, so a code can be refused when it is replayed.
 */
public final class Totp {
    public static final int PERIOD_SECONDS = 30;
    private static final int DIGITS = 6;
    private static final int ALLOWED_DRIFT_STEPS = 1;
    private static final Pattern CODE = Pattern.compile("\\d{6}");
    private static final String ISSUER = "TradeBot";

    private final DefaultSecretGenerator secrets = new DefaultSecretGenerator(32);
    private final DefaultCodeGenerator codes = new DefaultCodeGenerator(HashingAlgorithm.SHA1, DIGITS);
    private final RecoveryCodeGenerator recovery = new RecoveryCodeGenerator();
    private final Clock clock;

    public Totp(Clock clock) {
        this.clock = clock;
    }

    public String newSecret() {
        return secrets.generate();
    }

    public String otpauthUrl(String secret, String accountEmail) {
        return new QrData.Builder().label(accountEmail).secret(secret).issuer(ISSUER)
                .algorithm(HashingAlgorithm.SHA1).digits(DIGITS).period(PERIOD_SECONDS).build().getUri();
    }

    /** The time step whose code equals {@code code}, within one step of clock drift. */
    public OptionalLong matchingStep(String secret, String code) {
        if (code == null || !CODE.matcher(code).matches()) {
            return OptionalLong.empty();
        }
        long current = clock.instant().getEpochSecond() / PERIOD_SECONDS;
        for (long step = current - ALLOWED_DRIFT_STEPS; step <= current + ALLOWED_DRIFT_STEPS; step++) {
            try {
                if (MessageDigest.isEqual(codes.generate(secret, step).getBytes(StandardCharsets.US_ASCII),
                        code.getBytes(StandardCharsets.US_ASCII))) {
                    return OptionalLong.of(step);
                }
            } catch (CodeGenerationException e) {
                throw new IllegalStateException("Cannot compute a TOTP code", e);
            }
        }
        return OptionalLong.empty();
    }

    /** The current code of a secret (tests and clients that act as an authenticator). */
    public String currentCode(String secret) {
        try {
            return codes.generate(secret, clock.instant().getEpochSecond() / PERIOD_SECONDS);
        } catch (CodeGenerationException e) {
            throw new IllegalStateException("Cannot compute a TOTP code", e);
        }
    }

    public List<String> newRecoveryCodes() {
        return List.of(recovery.generateCodes(10));
    }

    /** Recovery codes are long random strings, so a plain SHA-256 is enough to store them (no slow hash needed). */
    public static String hashRecoveryCode(String code) {
        String normalised = code.trim().toLowerCase(Locale.ROOT).replace("-", "");
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(normalised.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean looksLikeTotpCode(String code) {
        return code != null && CODE.matcher(code).matches();
    }
}
