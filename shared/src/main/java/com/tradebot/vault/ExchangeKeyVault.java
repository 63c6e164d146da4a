package com.tradebot.vault;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.google.crypto.tink.Aead;
import com.tradebot.auth.SecondFactor;
import com.tradebot.common.ApiException;
import com.tradebot.common.ApiException.FieldError;
import com.tradebot.common.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Users' exchange API credentials, encrypted with AES-256-GCM (Tink AEAD; KMS envelope on AWS) under associated data
 * that binds each ciphertext to its user and exchange, so a ciphertext copied to another row does not decrypt.
 * Saving needs two-factor authentication. Secrets are never returned by the API and never logged.
 */
public final class ExchangeKeyVault {
    private static final Logger LOG = LogManager.getLogger(ExchangeKeyVault.class);
    public static final Set<String> EXCHANGES = Set.of("binance", "bybit", "bitget", "mexc", "kraken", "coinbase",
            "okx", "kucoin");
    public static final Set<String> PERMISSIONS = Set.of("READ", "TRADE");
    public static final Set<String> MARKETS = Set.of("spot", "futures");
    public static final int MAX_KEYS_PER_USER = 20;
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7E]+");

    private final ExchangeKeyRepository repository;
    private final Aead aead;
    private final SecondFactor secondFactor;
    private final Clock clock;

    public ExchangeKeyVault(ExchangeKeyRepository repository, Aead aead, SecondFactor secondFactor, Clock clock) {
        this.repository = repository;
        this.aead = aead;
        this.secondFactor = secondFactor;
        this.clock = clock;
    }

    /** The request to store a credential; {@code totpCode} proves the second factor. */
    public record NewKey(String exchange, String apiKey, String apiSecret, String passphrase, List<String> permissions,
                         Boolean testnet, String totpCode, List<String> markets) {
        /** A request without markets (clients from before markets existed): spot only. */
        public NewKey(String exchange, String apiKey, String apiSecret, String passphrase, List<String> permissions,
                      Boolean testnet, String totpCode) {
            this(exchange, apiKey, apiSecret, passphrase, permissions, testnet, totpCode, null);
        }

        @Override
        public String toString() {
            return "NewKey[exchange=" + exchange + "]";
        }
    }

    private record SecretPayload(String apiKey, String apiSecret, String passphrase) {
    }

    public ExchangeKey save(String userId, NewKey request) {
        List<FieldError> problems = new ArrayList<>();
        String exchange = request.exchange() == null ? null : request.exchange().trim().toLowerCase(Locale.ROOT);
        if (exchange == null || exchange.isEmpty()) {
            problems.add(new FieldError("exchange", "is required"));
        } else if (!EXCHANGES.contains(exchange)) {
            problems.add(new FieldError("exchange", "must be one of " + EXCHANGES.stream().sorted().toList()));
        }
        checkCredential(problems, "apiKey", request.apiKey(), 8, 256, true);
        checkCredential(problems, "apiSecret", request.apiSecret(), 8, 512, true);
        checkCredential(problems, "passphrase", request.passphrase(), 1, 128, false);
        Set<String> permissions = new LinkedHashSet<>();
        if (request.permissions() == null || request.permissions().isEmpty()) {
            problems.add(new FieldError("permissions", "must list at least one of " + PERMISSIONS));
        } else {
            for (String permission : request.permissions()) {
                String normalised = permission == null ? "" : permission.trim().toUpperCase(Locale.ROOT);
                if ("WITHDRAW".equals(normalised)) {
                    problems.add(new FieldError("permissions", "keys with withdrawal rights are refused; "
                            + "create a key without them"));
                } else if (!PERMISSIONS.contains(normalised)) {
                    problems.add(new FieldError("permissions", "unknown permission " + permission));
                } else {
                    permissions.add(normalised);
                }
            }
        }
        Set<String> markets = new LinkedHashSet<>();
        if (request.markets() == null) {
            markets.addAll(ExchangeKey.LEGACY_MARKETS);
        } else if (request.markets().isEmpty()) {
            problems.add(new FieldError("markets", "must list at least one of " + MARKETS.stream().sorted().toList()));
        } else {
            for (String market : request.markets()) {
                String normalised = market == null ? "" : market.trim().toLowerCase(Locale.ROOT);
                if (!MARKETS.contains(normalised)) {
                    problems.add(new FieldError("markets", "unknown market " + market + "; one of "
                            + MARKETS.stream().sorted().toList()));
                } else {
                    markets.add(normalised);
                }
            }
        }
        if (request.testnet() == null) {
            problems.add(new FieldError("testnet", "is required (true or false)"));
        }
        if (request.totpCode() == null || request.totpCode().isBlank()) {
            problems.add(new FieldError("totpCode", "is required"));
        }
        if (!problems.isEmpty()) {
            throw ApiException.validation(problems);
        }
        secondFactor.require(userId, request.totpCode());
        if (repository.listOf(userId).size() >= MAX_KEYS_PER_USER) {
            throw ApiException.conflict("TOO_MANY_KEYS", "At most " + MAX_KEYS_PER_USER + " exchange keys per user");
        }
        ExchangeKey key = new ExchangeKey(UUID.randomUUID().toString(), userId, exchange, mask(request.apiKey()),
                List.copyOf(permissions), List.copyOf(markets), request.testnet(), clock.instant());
        repository.save(key, encrypt(key, new SecretPayload(request.apiKey(), request.apiSecret(),
                request.passphrase())));
        LOG.info("Exchange key {} saved for user {} ({} {})", key.id(), userId, key.exchange(), key.maskedKey());
        return key;
    }

    public List<ExchangeKey> list(String userId) {
        return repository.listOf(userId);
    }

    public void delete(String userId, String keyId) {
        ExchangeKey key = owned(userId, keyId).key();
        if (!repository.delete(key.id(), userId)) {
            throw ApiException.notFound("No such exchange key");
        }
        LOG.info("Exchange key {} deleted by user {}", key.id(), userId);
    }

    /** The decrypted credential, for the trading code acting on the owner's behalf. */
    public ExchangeCredentials credentials(String userId, String keyId) {
        ExchangeKeyRepository.Stored stored = owned(userId, keyId);
        try {
            SecretPayload secret = Json.MAPPER.readValue(aead.decrypt(stored.ciphertext(),
                    associatedData(userId, stored.key().exchange())), SecretPayload.class);
            return new ExchangeCredentials(stored.key().exchange(), secret.apiKey(), secret.apiSecret(),
                    secret.passphrase(), stored.key().testnet());
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("Cannot decrypt exchange key " + keyId);
        }
    }

    /**
     * The decrypted credential for an order or check on {@code market} needing {@code right}: refused (403
     * {@code KEY_NOT_PERMITTED}) when the key was not saved for that market and right.
     */
    public ExchangeCredentials credentialsFor(String userId, String keyId, String market, String right) {
        ExchangeKey key = owned(userId, keyId).key();
        if (!key.allows(market, right)) {
            throw new ApiException(403, "KEY_NOT_PERMITTED", "This exchange key was saved for markets "
                    + key.markets() + " with rights " + key.permissions() + ", not " + market + " " + right);
        }
        return credentials(userId, keyId);
    }

    /** The key's listing (owner only). */
    public ExchangeKey get(String userId, String keyId) {
        return owned(userId, keyId).key();
    }

    /** {@code ****1234}: enough for a user to recognise a key, useless to anyone else. */
    public static String mask(String apiKey) {
        if (apiKey == null || apiKey.length() < 8) {
            return "****";
        }
        return "****" + apiKey.substring(apiKey.length() - 4);
    }

    private ExchangeKeyRepository.Stored owned(String userId, String keyId) {
        if (keyId == null || keyId.length() > 64) {
            throw ApiException.notFound("No such exchange key");
        }
        ExchangeKeyRepository.Stored stored = repository.find(keyId)
                .orElseThrow(() -> ApiException.notFound("No such exchange key"));
        if (!stored.key().userId().equals(userId)) {
            LOG.warn("User {} asked for exchange key {} of another user", userId, keyId);
            throw ApiException.forbidden("This exchange key belongs to another user");
        }
        return stored;
    }

    private byte[] encrypt(ExchangeKey key, SecretPayload secret) {
        try {
            return aead.encrypt(Json.MAPPER.writeValueAsBytes(secret), associatedData(key.userId(), key.exchange()));
        } catch (GeneralSecurityException | JsonProcessingException e) {
            // the exception text never includes the plaintext
            throw new IllegalStateException("Cannot encrypt an exchange key");
        }
    }

    static byte[] associatedData(String userId, String exchange) {
        return ("exchange-key|" + userId + "|" + exchange).getBytes(StandardCharsets.UTF_8);
    }

    private static void checkCredential(List<FieldError> problems, String field, String value, int min, int max,
                                        boolean required) {
        if (value == null || value.isEmpty()) {
            if (required) {
                problems.add(new FieldError(field, "is required"));
            }
            return;
        }
        if (value.length() < min || value.length() > max) {
            problems.add(new FieldError(field, "must be " + min + " to " + max + " characters"));
        } else if (!TOKEN.matcher(value).matches()) {
            problems.add(new FieldError(field, "must be printable ASCII without spaces"));
        }
    }
}
