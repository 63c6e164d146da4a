package com.tradebot.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LauncherTest {
    @Test
    void theChildRunsParallelGcWhenNoCollectorWasChosen() {
        assertThat(Launcher.collectorDefault(List.of("-Xmx2g", "-Dx=y"), null, null)).containsExactly("-XX:+UseParallelGC");
        assertThat(Launcher.collectorDefault(List.of(), "-XX:-UseGCOverheadLimit -Xss1m", "")).containsExactly("-XX:+UseParallelGC");
    }

    @Test
    void aCollectorChosenOnTheCommandLineOrInTheEnvironmentWins() {
        assertThat(Launcher.collectorDefault(List.of("-XX:+UseG1GC"), null, null)).isEmpty();
        assertThat(Launcher.collectorDefault(List.of("-Xmx1g"), "  -XX:+UseSerialGC", null)).isEmpty();
        assertThat(Launcher.collectorDefault(List.of(), null, "-XX:+UseZGC")).isEmpty();
    }
}
