package com.tradebot.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** The platform's data and secrets folders: password hashes, ciphertexts and keys are for the owner's eyes only. */
final class OwnerOnly {
    private OwnerOnly() {
    }

    /**
     * Creates (or tightens) a data or secrets folder owner-only, like everything stored in it; missing parents (the
     * --data folder itself) are created owner-only too, an existing one is left as the user made it.
     */
    static Path directory(Path path) {
        try {
            if (!path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                return Files.createDirectories(path);
            }
            Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rwx------");
            Path created = Files.createDirectories(path, PosixFilePermissions.asFileAttribute(ownerOnly));
            Files.setPosixFilePermissions(created, ownerOnly);
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + path, e);
        }
    }
}
