package com.tradebot.notification.channel;

import com.tradebot.common.AwsClients;
import com.tradebot.common.Env;
import com.tradebot.crypto.LocalSecretsDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The Telegram bot token, read once when the notify function is built (cold start). On AWS it is the string value of
 * the Secrets Manager secret named by {@code TELEGRAM_BOT_TOKEN_SECRET_ID} (the template grants GetSecretValue on that
 * one secret), so it is in no template parameter, environment variable or stack output. Locally, without a secret, it
 * is the file {@code telegram-bot-token} of the local secrets directory ({@code --data DIR}: {@code DIR/secrets/}).
 * Empty: no token, and Telegram messages are refused.
 */
public final class TelegramBotToken {
    public static final String SECRET_VARIABLE = "TELEGRAM_BOT_TOKEN_SECRET_ID";
    public static final String LOCAL_FILE = "telegram-bot-token";

    private TelegramBotToken() {
    }

    public static String fromEnvironment() {
        // both read up front, so the template check sees the variable this function needs on AWS
        Optional<String> secretId = Env.find(SECRET_VARIABLE);
        Optional<Path> localDirectory = Env.find(LocalSecretsDirectory.VARIABLE).map(Path::of);
        return resolve(secretId, localDirectory, id -> secretString(AwsClients.secretsManager(), id));
    }

    /** The secret's current string value through the SDK ({@code GetSecretValue}). */
    public static String secretString(SecretsManagerClient client, String secretId) {
        return client.getSecretValue(b -> b.secretId(secretId)).secretString();
    }

    static String resolve(Optional<String> secretId, Optional<Path> localDirectory,
                          Function<String, String> secretValue) {
        if (secretId.isPresent()) {
            String value = secretValue.apply(secretId.get());
            return value == null ? "" : value.trim();
        }
        return localDirectory.map(directory -> directory.resolve(LOCAL_FILE)).filter(Files::isRegularFile)
                .map(TelegramBotToken::read).orElse("");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the local Telegram bot token", e);
        }
    }
}
