package com.tradebot.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSecretsDirectoryTest {
    @Test
    void concurrentFirstUsesAllSeeTheSameSecret(@TempDir Path dir) throws Exception {
        AtomicInteger generated = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> reads = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                // separate instances, as separate functions create them
                reads.add(pool.submit(() -> new String(new LocalSecretsDirectory(dir).readOrCreate("seed",
                        () -> ("value-" + generated.incrementAndGet()).getBytes(StandardCharsets.UTF_8)),
                        StandardCharsets.UTF_8)));
            }
            String first = reads.get(0).get();
            for (Future<String> read : reads) {
                assertThat(read.get()).isEqualTo(first);
            }
            assertThat(Files.readString(dir.resolve("seed"))).isEqualTo(first);
            try (var files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("seed");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
