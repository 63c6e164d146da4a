package com.tradebot.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;

/**
 * Where the keys that Secrets Manager and KMS hold on AWS live locally (the functions find it in
 * {@code TRADEBOT_LOCAL_SECRETS_DIR}): {@code DIR/secrets} with {@code --data DIR}, kept across restarts; otherwise a
 * temporary directory, deleted on close.
 */
final class SecretsDirectory implements AutoCloseable {
    private final Path path;
    private final boolean temporary;

    private SecretsDirectory(Path path, boolean temporary) {
        this.path = path;
        this.temporary = temporary;
    }

    /** @param dataDir the platform's {@code --data} directory, or null when everything is in memory */
    static SecretsDirectory open(Path dataDir) {
        try {
            return dataDir == null
                    ? new SecretsDirectory(Files.createTempDirectory("tradebot-local-secrets"), true)
                    : new SecretsDirectory(Files.createDirectories(dataDir.resolve("secrets")), false);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the secrets directory", e);
        }
    }

    Path path() {
        return path;
    }

    @Override
    public void close() {
        if (!temporary) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            paths.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            LogManager.getLogger(SecretsDirectory.class).debug("Cannot delete {}: {}", path, e.toString());
        }
    }
}
