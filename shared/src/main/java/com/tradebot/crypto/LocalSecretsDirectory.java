package com.tradebot.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;

/**
 * Key material of the local platform, generated on first use and kept as files (owner-only) in the directory named by
 * {@code TRADEBOT_LOCAL_SECRETS_DIR}. On AWS the same material comes from Secrets Manager and KMS instead.
 */
public final class LocalSecretsDirectory {
    public static final String VARIABLE = "TRADEBOT_LOCAL_SECRETS_DIR";

    private final Path directory;

    public LocalSecretsDirectory(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    /**
     * The file's content, creating it from {@code generator} when absent. Several functions share the directory (in
     * one JVM or several), so the first writer must win and everyone must read its bytes: the content goes to a temp
     * file that is then hard-linked to the final name, which fails instead of replacing (a rename would replace).
     */
    public byte[] readOrCreate(String fileName, Supplier<byte[]> generator) {
        Path target = directory.resolve(fileName);
        synchronized (LocalSecretsDirectory.class) {
            try {
                if (Files.exists(target)) {
                    return Files.readAllBytes(target);
                }
                restrictToOwner(Files.createDirectories(directory), "rwx------");
                Path temp = Files.createTempFile(directory, fileName, ".tmp");
                try {
                    restrictToOwner(temp, "rw-------");
                    Files.write(temp, generator.get());
                    publish(temp, target);
                } catch (FileAlreadyExistsException raced) {
                    // another process created it first; use theirs
                } finally {
                    Files.deleteIfExists(temp);
                }
                return Files.readAllBytes(target);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read or create local secret " + fileName, e);
            }
        }
    }

    private static void publish(Path temp, Path target) throws IOException {
        try {
            Files.createLink(target, temp);
        } catch (UnsupportedOperationException noHardLinks) {
            Files.move(temp, target);
        }
    }

    private static void restrictToOwner(Path file, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the user's profile ACLs apply
        }
    }
}
