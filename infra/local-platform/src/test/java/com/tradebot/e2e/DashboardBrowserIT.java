package com.tradebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The dashboard in a real browser, run by failsafe after {@code package}: the packaged jar on free ports, then
 * {@code web/e2e/dashboard.e2e.mjs} (node's test runner, playwright-core driving Debian's {@code /usr/bin/chromium}):
 * sign up, subscribe, a TradingView alert appears live; a backtest with its chart; the strategy lab (a Pine script to a
 * rule document, its backtest, the consultant's tested alternatives, a diagnostic at line and column); 2FA with a QR
 * code and a masked exchange key; cookie-only sessions; 375 px; axe-core. Screenshots land in
 * {@code target/dashboard-screenshots}.
 * Skipped, loudly, where chromium or node is missing ({@code .ci/run} installs both).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserIT {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final Path CHROMIUM = Path.of(System.getProperty("tradebot.chromium", "/usr/bin/chromium"));

    private final Path repository = Path.of(System.getProperty("tradebot.repository", "../..")).toAbsolutePath()
            .normalize();
    private final Path jar = Path.of(System.getProperty("tradebot.localJar", "target/tradebot-local.jar"))
            .toAbsolutePath().normalize();
    private PlatformProcess platform;

    @BeforeAll
    void startThePackagedPlatform() {
        if (!Files.isExecutable(CHROMIUM)) {
            System.out.println("[browser] SKIPPED: no Chromium at " + CHROMIUM
                    + " (apt-get install chromium); the dashboard's browser tests did not run");
        }
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed at " + CHROMIUM);
        Assumptions.assumeTrue(Files.isDirectory(repository.resolve("web/node_modules/playwright-core")),
                "web/node_modules is missing (mvn package runs npm ci)");
        // Every actor of the walk (eight accounts) browses from this one IP: the per-IP API limit (WAF api-per-ip,
        // 100 a minute) is sized for one person, so it is raised here; GatewayHardeningE2ETest checks the limit
        // itself.
        platform = PlatformProcess.start(repository, jar, READY_TIMEOUT,
                List.of("--parameter", "ApiRateLimitPerMinute=1000"));
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            platform.stop();
        }
    }

    @Test
    void dashboardWorksInChromium() throws IOException, InterruptedException {
        Path screenshots = Path.of("target/dashboard-screenshots").toAbsolutePath();
        Path log = Path.of("target/dashboard-e2e.log").toAbsolutePath();
        ProcessBuilder node = new ProcessBuilder("node", "--test", "--test-reporter=spec", "e2e/dashboard.e2e.mjs")
                .directory(repository.resolve("web").toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // The page must use the printed port, and localhost (a secure context for the Secure cookie).
        node.environment().put("BASE_URL", "http://localhost:" + platform.endpoint("REST").getPort());
        node.environment().put("SCREENSHOTS", screenshots.toString());
        node.environment().put("CHROMIUM", CHROMIUM.toString());
        Process process = node.start();
        // about 1.5 min alone; the walk runs beside the rest of mvn verify on a loaded machine
        boolean finished = process.waitFor(6, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(output);
        assertThat(finished).as("browser tests finished in time").isTrue();
        assertThat(process.exitValue()).as("browser tests (output above)").isZero();
        assertThat(output).contains("pass 5").contains("fail 0");
        assertThat(screenshots.resolve("backtest-lab.png")).isRegularFile();
        assertThat(screenshots.resolve("strategy-lab.png")).isRegularFile();
    }
}
