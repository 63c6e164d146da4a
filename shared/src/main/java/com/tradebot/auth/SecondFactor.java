package com.tradebot.auth;

import com.google.crypto.tink.Aead;
import com.tradebot.common.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * TOTP two-factor authentication: setup, enabling with recovery codes, disabling, and checking a code (a TOTP code,
 * used at most once, or a one-time recovery code). Secrets are stored encrypted, bound to the user id.
 */
public final class SecondFactor {
    private final UserRepository users;
    private final Totp totp;
    private final Aead aead;
    private final LoginThrottle throttle;

    public SecondFactor(UserRepository users, Totp totp, Aead aead, LoginThrottle throttle) {
        this.users = users;
        this.totp = totp;
        this.aead = aead;
        this.throttle = throttle;
    }

    public record Setup(String secret, String otpauthUrl) {
        @Override
        public String toString() {
            return "Setup[***]";
        }
    }

    public Setup setup(String userId) {
        User user = activeUser(userId);
        if (user.totpEnabled()) {
            throw ApiException.conflict("TOTP_ALREADY_ENABLED", "Two-factor authentication is already enabled");
        }
        String secret = totp.newSecret();
        if (!users.savePendingTotpSecret(userId, encrypt(userId, secret))) {
            throw ApiException.conflict("TOTP_ALREADY_ENABLED", "Two-factor authentication is already enabled");
        }
        return new Setup(secret, totp.otpauthUrl(secret, user.email()));
    }

    /** Confirms the pending secret with a current code and returns the recovery codes (shown once). */
    public List<String> enable(String userId, String code) {
        User user = activeUser(userId);
        if (user.totpEnabled()) {
            throw ApiException.conflict("TOTP_ALREADY_ENABLED", "Two-factor authentication is already enabled");
        }
        if (user.totpSecretCiphertext() == null) {
            throw ApiException.conflict("TOTP_NOT_SET_UP", "Call /api/auth/2fa/setup first");
        }
        LoginThrottle.Attempt attempt = throttle.reserve(LoginThrottle.Subject.TOTP, userId);
        OptionalLong step = totp.matchingStep(decrypt(userId, user.totpSecretCiphertext()), code);
        if (step.isEmpty()) {
            throw wrongCode(attempt);
        }
        List<String> recoveryCodes = totp.newRecoveryCodes();
        Set<String> hashes = new HashSet<>();
        recoveryCodes.forEach(c -> hashes.add(Totp.hashRecoveryCode(c)));
        if (!users.enableTotp(userId, hashes, step.getAsLong())) {
            attempt.release();
            throw ApiException.conflict("TOTP_ALREADY_ENABLED", "Two-factor authentication is already enabled");
        }
        attempt.succeeded();
        return recoveryCodes;
    }

    public void disable(String userId, String code) {
        User user = activeUser(userId);
        if (!user.totpEnabled()) {
            throw ApiException.conflict("TOTP_NOT_ENABLED", "Two-factor authentication is not enabled");
        }
        check(user, code);
        users.disableTotp(userId);
    }

    /** For actions that need 2FA (saving exchange keys, real trading): 2FA must be on and the code right. */
    public void require(String userId, String code) {
        User user = activeUser(userId);
        if (!user.totpEnabled()) {
            throw new ApiException(403, "TOTP_REQUIRED", "Enable two-factor authentication first");
        }
        check(user, code);
    }

    /** Accepts a fresh TOTP code or an unused recovery code; anything else is a counted failure (401). */
    public void check(User user, String code) {
        if (code == null || code.isBlank()) {
            throw ApiException.validation(List.of(new ApiException.FieldError("totpCode", "is required")));
        }
        LoginThrottle.Attempt attempt = throttle.reserve(LoginThrottle.Subject.TOTP, user.id());
        boolean accepted;
        if (Totp.looksLikeTotpCode(code)) {
            OptionalLong step = totp.matchingStep(decrypt(user.id(), user.totpSecretCiphertext()), code);
            accepted = step.isPresent() && users.consumeTotpStep(user.id(), step.getAsLong());
        } else {
            accepted = code.length() <= 64 && users.consumeRecoveryCode(user.id(), Totp.hashRecoveryCode(code));
        }
        if (!accepted) {
            throw wrongCode(attempt);
        }
        attempt.succeeded();
    }

    private static ApiException wrongCode(LoginThrottle.Attempt attempt) {
        attempt.failed();
        return new ApiException(401, "INVALID_TOTP", "Invalid or already used two-factor code");
    }

    private User activeUser(String userId) {
        User user = users.findById(userId).orElseThrow(() -> ApiException.unauthorized("Unknown user"));
        if (user.disabled()) {
            throw new ApiException(403, "ACCOUNT_DISABLED", "Account is disabled");
        }
        return user;
    }

    private byte[] encrypt(String userId, String secret) {
        try {
            return aead.encrypt(secret.getBytes(StandardCharsets.US_ASCII), associatedData(userId));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt the TOTP secret", e);
        }
    }

    private String decrypt(String userId, byte[] ciphertext) {
        try {
            return new String(aead.decrypt(ciphertext, associatedData(userId)), StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot decrypt the TOTP secret", e);
        }
    }

    private static byte[] associatedData(String userId) {
        return ("totp|" + userId).getBytes(StandardCharsets.UTF_8);
    }
}
