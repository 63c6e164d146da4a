package com.tradebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.tradebot.local.LocalPlatform;
import com.tradebot.local.Options;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code --data DIR} the platform keeps password hashes, ciphertexts, throttle rows and key material on disk:
 * other local users must not read any of it. Folders are 0700, files 0600, whatever the umask.
 */
class DataDirPermissionsE2ETest {

    @Test
    void dataAndSecretsAreOwnerOnly(@TempDir Path temp) throws IOException {
        assumeTrue(temp.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Path data = temp.resolve("data");
        try (LocalPlatform platform = LocalPlatform.start(Options.freePorts(ProjectTemplate.path()).withDataDir(data))) {
            // a user with 2FA-free login: writes the table and makes the functions create their keys
            new Accounts(platform).register("perm", null);
        }

        List<Path> directories;
        List<Path> files;
        try (Stream<Path> all = Files.walk(data)) {
            List<Path> paths = all.toList();
            directories = paths.stream().filter(Files::isDirectory).toList();
            files = paths.stream().filter(Files::isRegularFile).toList();
        }
        assertThat(directories).contains(data, data.resolve("dynamodb"), data.resolve("secrets"));
        assertThat(files).contains(data.resolve("dynamodb").resolve("dynamodb.mv.db"));
        assertThat(files).anySatisfy(file -> assertThat(file.getParent()).isEqualTo(data.resolve("secrets")));
        for (Path directory : directories) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).as(directory.toString())
                    .isEqualTo("rwx------");
        }
        for (Path file : files) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString())
                    .isEqualTo("rw-------");
        }
    }
}
