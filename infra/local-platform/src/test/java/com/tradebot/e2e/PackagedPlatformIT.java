package com.tradebot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.tradebot.testing.WebSocketTestClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Smoke test of the ARTIFACT, run by failsafe in {@code mvn verify} after {@code package}: the packaged
 * {@code tradebot-local.jar} started as a user starts it (a child process, free ports), then the README's tour, one
 * test method per step, in order. After the last step the process is stopped and its whole output must hold no
 * ERROR, no stack trace and none of the secrets the steps sent.
 *
 * <p>To add a step for a new feature: add its line to the README's tour and a method here with the next
 * {@code @Order}, using {@link #http}, {@link #webSocket(String)}, {@link #aws(String...)} and the state that earlier
 * steps left ({@link #user}). Keep steps independent of timing; a step may rely on the ones before it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PackagedPlatformIT {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final String PASSWORD = "Smoke-test-pass-9";
    private static final String EXCHANGE_API_KEY = "SMOKEKEY00004321";
    private static final String EXCHANGE_API_SECRET = "smoke-secret-never-logged-7f3a";
    /** Lines a healthy run never prints: log events at ERROR, Java stack frames, uncaught exceptions. */
    private static final Pattern BAD_OUTPUT = Pattern.compile(
            "\"level\":\"(ERROR|FATAL)\"|\\bERROR\\b|^\\s+at [\\w$.]+\\(|^Caused by: |Exception in thread",
            Pattern.MULTILINE);

    private final Path repository = Path.of(System.getProperty("tradebot.repository", "../..")).toAbsolutePath()
            .normalize();
    private final Path jar = Path.of(System.getProperty("tradebot.localJar", "target/tradebot-local.jar"))
            .toAbsolutePath().normalize();
    private PlatformProcess platform;
    private Http http;

    /** Set by the accounts steps, used by later ones. */
    private String email;
    private String accessToken;
    private String totpSecret;

    /**
     * Binance for the live paper session step (issue 18): klines of ETHUSDT; every other request is dropped as an
     * unreachable exchange would be (the machine is offline), so the other steps see what they saw without it.
     */
    private WireMockServer binance;

    @BeforeAll
    void startThePackagedPlatform() {
        binance = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        binance.start();
        binance.stubFor(WireMock.any(WireMock.anyUrl()).atPriority(10)
                .willReturn(WireMock.aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        platform = PlatformProcess.start(repository, jar, READY_TIMEOUT,
                List.of("--parameter", "ExchangeBinanceUrl=http://127.0.0.1:" + binance.port()));
        http = new Http(platform.endpoint("REST"));
        System.out.println("[smoke] packaged platform ready in " + platform.readyMillis() + " ms");
    }

    @AfterAll
    void stopAndReadTheOutput() {
        if (binance != null) {
            binance.stop();
        }
        if (platform == null) {
            return;
        }
        platform.stop();
        String output = platform.output();
        assertThat(output).as("the platform's output").contains("Ready in");
        assertThat(BAD_OUTPUT.matcher(output).find())
                .as("ERROR or stack trace in the packaged platform's output:\n%s", output).isFalse();
        assertThat(output).as("secrets in the platform's output")
                .doesNotContain(PASSWORD).doesNotContain(EXCHANGE_API_SECRET);
    }

    // ---------------------------------------------------------------- the artifact itself

    /**
     * Every class that the project's code (platform and functions) references is on the packaged class path: jdeps
     * over the jar and the project's jars, resolved against the jar's manifest Class-Path only (what {@code java -jar}
     * loads, and not a stale file left in {@code lib/}). A dependency that a POM narrows to test scope leaves the
     * manifest and shows up here as "not found".
     */
    @Test
    @Order(10)
    void packagedClassPathHasEveryClassTheProjectReferences() throws IOException {
        List<String> classPath;
        try (JarFile file = new JarFile(jar.toFile())) {
            String manifestClassPath = file.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            assertThat(manifestClassPath).as("Class-Path of %s", jar).isNotBlank();
            classPath = Stream.of(manifestClassPath.trim().split("\\s+"))
                    .map(entry -> jar.resolveSibling(entry).toString()).toList();
        }
        for (String entry : classPath) {
            assertThat(Path.of(entry)).as("manifest Class-Path entry").isRegularFile();
        }
        List<String> roots = new ArrayList<>(List.of(jar.toString()));
        // tradebot-web holds only the dashboard's static files: no classes for jdeps.
        classPath.stream()
                .filter(name -> Path.of(name).getFileName().toString().matches("(tradebot-(?!web)|dynamodb-engine).*"))
                .forEach(roots::add);
        assertThat(roots).as("project jars on the class path").hasSizeGreaterThan(4);
        List<String> arguments = new ArrayList<>(List.of("--missing-deps", "--multi-release", "17",
                "--class-path", String.join(java.io.File.pathSeparator, classPath)));
        arguments.addAll(roots);
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("no jdeps"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = jdeps.run(new PrintStream(out, true, StandardCharsets.UTF_8), System.err,
                arguments.toArray(String[]::new));
        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(report).as("classes the project references but the packaged class path lacks")
                .doesNotContain("not found");
        assertThat(status).as("jdeps exit status; output:\n%s", report).isZero();
    }

    // ---------------------------------------------------------------- the README's tour

    @Test
    @Order(20)
    void health() {
        Http.Response health = http.get("/health");
        assertThat(health.status()).as(health.body()).isEqualTo(200);
        assertThat(health.json().at("/status").asText()).isEqualTo("ok");
        assertThat(health.json().at("/checks/dynamodb/status").asText()).isEqualTo("ok");
        assertThat(health.json().at("/checks/sqs/status").asText()).isEqualTo("ok");
    }

    @Test
    @Order(25)
    void dashboardAtTheRoot() {
        Http.Response page = http.get("/");
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.header("Content-Security-Policy")).isPresent();
        assertThat(page.body()).contains("<div id=\"app\">", "assets/app.js");
        Http.Response script = http.get("/assets/app.js");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.header("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/javascript"));
        Http.Response config = http.get("/config.json");
        assertThat(config.json().at("/webSocketUrl").asText())
                .endsWith(":" + platform.endpoint("WebSocket").getPort());
        assertThat(http.get("/assets/nope.js").status()).isEqualTo(404);
        assertThat(http.get("/assets/%2e%2e/index.html").status()).as("no traversal").isNotEqualTo(200);
    }

    @Test
    @Order(30)
    void unknownPathIs404Json() {
        Http.Response missing = http.get("/nope");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.errorCode()).isEqualTo("NOT_FOUND");
    }

    @Test
    @Order(40)
    void webSocketPingAnonymously() throws Exception {
        try (WebSocketTestClient client = webSocket("")) {
            assertPong(client.send("{\"action\":\"ping\"}"));
        }
    }

    @Test
    @Order(50)
    void fireAScheduleNow() {
        Http.Response fired = http.post("/_local/schedules/dead-letter-monitor", "");
        assertThat(fired.status()).as(fired.body()).isBetween(200, 299);
        assertThat(http.post("/_local/schedules/no-such-schedule", "").status()).isEqualTo(404);
    }

    @Test
    @Order(60)
    void awsCliListsTablesAndScansTheMainTable() {
        URI dynamoDb = platform.endpoint("DynamoDB");
        assertThat(aws("dynamodb", "list-tables", "--endpoint-url", dynamoDb.toString()))
                .contains("tradebot-local-main");
        assertThat(aws("dynamodb", "scan", "--table-name", "tradebot-local-main", "--endpoint-url",
                dynamoDb.toString())).contains("\"Count\"");
    }

    @Test
    @Order(70)
    void awsCliListsQueues() {
        assertThat(aws("sqs", "list-queues", "--endpoint-url", platform.endpoint("SQS").toString()))
                .contains("tradebot-local-dispatch").contains("tradebot-local-executions.fifo");
    }

    @Test
    @Order(80)
    void awsCliListsStateMachines() {
        assertThat(aws("stepfunctions", "list-state-machines", "--endpoint-url",
                platform.endpoint("Step Functions").toString())).contains("tradebot-local-self-check");
    }

    // ---------------------------------------------------------------- accounts

    @Test
    @Order(100)
    void registerAndLogIn() {
        email = Accounts.uniqueEmail("smoke");
        Http.Response registered = http.post("/api/auth/register",
                Http.json(Map.of("email", email, "password", PASSWORD, "name", "Smoke")));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        assertThat(registered.json().at("/user/email").asText()).isEqualTo(email);

        Http.Response login = http.post("/api/auth/login", Http.json(Map.of("email", email, "password", PASSWORD)));
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        accessToken = login.json().get("accessToken").asText();
        assertThat(accessToken).isNotBlank();
    }

    @Test
    @Order(110)
    void setUpTwoFactor() {
        Http.Response setup = http.post("/api/auth/2fa/setup", "{}", "Authorization", Http.bearer(accessToken));
        assertThat(setup.status()).as(setup.body()).isEqualTo(200);
        totpSecret = setup.json().get("secret").asText();
        Http.Response verified = http.post("/api/auth/2fa/verify",
                Http.json(Map.of("code", Accounts.code(totpSecret, 0))), "Authorization", Http.bearer(accessToken));
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(verified.json().get("recoveryCodes")).isNotEmpty();
    }

    @Test
    @Order(120)
    void saveAnExchangeKeyAndListItWithoutTheSecret() {
        Http.Response saved = http.post("/api/exchange-keys", Http.json(Map.of("exchange", "binance",
                        "apiKey", EXCHANGE_API_KEY, "apiSecret", EXCHANGE_API_SECRET, "permissions", List.of("READ"),
                        "testnet", true, "totpCode", Accounts.code(totpSecret, 1))),
                "Authorization", Http.bearer(accessToken));
        assertThat(saved.status()).as(saved.body()).isEqualTo(201);

        Http.Response listed = http.get("/api/exchange-keys", "Authorization", Http.bearer(accessToken));
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().at("/items/0/maskedKey").asText()).isEqualTo("****4321");
        assertThat(listed.body()).doesNotContain(EXCHANGE_API_SECRET).doesNotContain(EXCHANGE_API_KEY)
                .doesNotContain("apiSecret");
    }

    @Test
    @Order(130)
    void webSocketPingWithAToken() throws Exception {
        try (WebSocketTestClient client = webSocket("?token=" + accessToken)) {
            assertPong(client.send("{\"action\":\"ping\"}"));
        }
    }

    /** The README's one-curl backtest: RSI_MACD on the bundled real Bitstamp BTC/USD data, then its metrics. */
    @Test
    @Order(140)
    void backtestRsiMacdOnTheBundledBitcoinData() throws Exception {
        Http.Response datasets = http.get("/api/market-data/datasets", "Authorization", Http.bearer(accessToken));
        assertThat(datasets.body()).contains("\"symbol\":\"BTC/USD\"");
        long start = System.nanoTime();
        Http.Response accepted = http.post("/api/backtest/run",
                "{\"strategy\":\"RSI_MACD\",\"symbol\":\"BTC/USD\",\"timeframe\":\"15m\"}",
                "Authorization", Http.bearer(accessToken));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String id = accepted.json().get("id").asText();
        Http.Response job = finishedBacktest(id, accessToken);
        System.out.println("[smoke] backtest done in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        assertThat(job.json().get("status").asText()).as(job.body()).isEqualTo("SUCCEEDED");
        assertThat(job.json().at("/result/metrics/totalTrades").asInt()).isPositive();
        assertThat(job.json().at("/result/metrics").has("sharpeRatio")).isTrue();
    }

    /** Issue 19 (dash3): the backtest lab's candles, read a page at a time from the stored (resampled) bars. */
    @Test
    @Order(142)
    void readCandlesPageByPage() throws Exception {
        Http.Response first = http.get("/api/market-data/candles?symbol=BTC/USD&timeframe=15m&limit=50",
                "Authorization", Http.bearer(accessToken));
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("items")).hasSize(50);
        String cursor = first.json().get("nextCursor").asText();
        Http.Response second = http.get("/api/market-data/candles?symbol=BTC/USD&timeframe=15m&limit=50&cursor="
                + cursor, "Authorization", Http.bearer(accessToken));
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        java.time.Instant lastOfFirst = java.time.Instant.parse(first.json().get("items").get(49).get("time").asText());
        java.time.Instant firstOfSecond = java.time.Instant.parse(second.json().get("items").get(0).get("time").asText());
        assertThat(firstOfSecond).isAfter(lastOfFirst);
        JsonNode bar = second.json().get("items").get(0);
        assertThat(bar.get("high").asDouble()).isGreaterThanOrEqualTo(bar.get("low").asDouble());
    }

    /** README: scripts/import-candles (ImportCommand from the jar) into the running platform's DynamoDB port. */
    @Test
    @Order(145)
    void importCandlesFromTheCommandLine() throws Exception {
        Path csv = Files.createTempDirectory("import-candles").resolve("BTCUSDT-1m-2024-01-01.csv");
        Files.writeString(csv, """
                1704067200000,42283.58,42298.62,42261.02,42298.61,35.92724,1704067259999,1519032.81,1327,19.58,827883.98,0
                1704067260000,42298.62,42320.00,42298.61,42320.00,21.07919,1704067319999,891870.48,1110,13.26,561228.84,0
                """);
        Process importer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", jar.toString(), "com.tradebot.marketdata.importer.ImportCommand",
                "--endpoint", platform.endpoint("DynamoDB").toString(), csv.toString())
                .redirectErrorStream(true).start();
        String output = new String(importer.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(importer.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(importer.exitValue()).as(output).isZero();
        assertThat(output).contains("binance:BTC/USDT:1m", "2 bars");
        assertThat(http.get("/api/market-data/datasets", "Authorization", Http.bearer(accessToken)).body())
                .contains("\"exchange\":\"binance\"", "\"symbol\":\"BTC/USDT\"");
    }

    /** The README's Pine import: a textbook EMA-cross script becomes a rule document that then backtests. */
    @Test
    @Order(150)
    void importAPineStrategyAndBacktestIt() throws Exception {
        String script = "//@version=5\\nstrategy(\\\"EMA Cross\\\")\\nfast = ta.ema(close, 9)\\nslow = ta.ema(close, 21)\\n"
                + "if ta.crossover(fast, slow)\\n    strategy.entry(\\\"L\\\", strategy.long)\\n"
                + "if ta.crossunder(fast, slow)\\n    strategy.close(\\\"L\\\")\\n";
        Http.Response imported = http.post("/api/strategies/import/pine", "{\"script\":\"" + script + "\"}",
                "Authorization", Http.bearer(accessToken));
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(imported.json().at("/backtest/direction").asText()).isEqualTo("LONG");
        Http.Response refused = http.post("/api/strategies/import/pine",
                "{\"script\":\"//@version=5\\nstrategy(\\\"x\\\")\\nv = ta.vwma(close, 5)\\n\"}",
                "Authorization", Http.bearer(accessToken));
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.json().at("/error/details/0/line").asInt()).isEqualTo(3);

        Http.Response accepted = http.post("/api/backtest/run", "{\"rules\":" + imported.json().get("rules")
                + ",\"symbol\":\"BTC/USD\",\"timeframe\":\"15m\"}", "Authorization", Http.bearer(accessToken));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String id = accepted.json().get("id").asText();
        Http.Response job = finishedBacktest(id, accessToken);
        assertThat(job.json().get("status").asText()).as(job.body()).isEqualTo("SUCCEEDED");
        assertThat(job.json().at("/result/metrics/totalTrades").asInt()).isPositive();
    }

    /** The README's consultant: "how do I reduce the drawdown?" answered with changes backtested out of sample. */
    @Test
    @Order(160)
    void askTheStrategyConsultant() throws Exception {
        Http.Response answer = http.post("/api/advisor/ask", "{\"strategy\":\"RSI_MACD\",\"direction\":\"BOTH\","
                + "\"symbol\":\"BTC/USD\",\"timeframe\":\"15m\",\"question\":\"How can I reduce the drawdown?\"}",
                "Authorization", Http.bearer(accessToken));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("focus").asText()).isEqualTo("DRAWDOWN");
        assertThat(answer.json().get("suggestions")).isNotEmpty();
        assertThat(answer.json().at("/suggestions/0/outOfSample").has("maxDrawdown")).isTrue();
        Http.Response bad = http.post("/api/advisor/ask", "{\"strategy\":\"RSI_MACD\"}", "Authorization",
                Http.bearer(accessToken));
        assertThat(bad.status()).as(bad.body()).isEqualTo(400);
    }

    // ---------------------------------------------------------------- bad input on the WebSocket

    @Test
    @Order(200)
    void webSocketBadInputGetsErrorEventsAndTheConnectionStaysUsable() throws Exception {
        try (WebSocketTestClient client = webSocket("")) {
            assertError(client.send("{\"action\":\"ping\""), "INVALID_JSON");
            assertError(client.send("[1,2,3]"), "INVALID_MESSAGE");
            assertError(client.send("\"ping\""), "INVALID_MESSAGE");
            assertError(client.send("{\"action\":\"no_such_action\"}"), "UNKNOWN_ACTION");
            client.sendBinary(new byte[] {(byte) 0xff, 0x00, 0x7b});
            assertError(client.next(), "INVALID_JSON");
            assertPong(client.send("{\"action\":\"ping\"}"));
        }
    }

    /** API Gateway closes the connection with 1009 when a message exceeds 128 KB; a new connection works. */
    @Test
    @Order(210)
    void webSocketMessageOver128KbClosesWith1009() throws Exception {
        try (WebSocketTestClient client = webSocket("")) {
            client.sendText("{\"action\":\"ping\",\"pad\":\"" + "x".repeat(128 * 1024) + "\"}");
            assertThat(client.awaitServerClose(Duration.ofSeconds(15))).isEqualTo(1009);
        }
        try (WebSocketTestClient client = webSocket("")) {
            assertPong(client.send("{\"action\":\"ping\"}"));
        }
    }

    // ---------------------------------------------------------------- what the gateway refuses (issue 22)

    /** A trailing slash still reaches login, so it counts towards the WAF's 20 logins per IP and minute. */
    @Test
    @Order(300)
    void trailingSlashLoginsHitTheWafLimit() {
        RawHttp attacker = new RawHttp(platform.endpoint("REST"), "127.0.0.9");
        for (int i = 1; i <= 20; i++) {
            Http.Response response = attacker.post("/api/auth/login/", "{}");
            assertThat(response.status()).as("login #%d: %s", i, response.body()).isEqualTo(400);
        }
        Http.Response blocked = attacker.post("/api/auth/login/", "{}");
        assertThat(blocked.status()).as(blocked.body()).isEqualTo(429);
        assertThat(blocked.errorCode()).isEqualTo("TOO_MANY_REQUESTS");
        assertThat(blocked.header("Retry-After")).contains("60");
    }

    /** Only the platform's functions can sign for @connections: nothing else can inject a frame. */
    @Test
    @Order(310)
    void connectionsApiRefusesUnsignedAndForeignCallers() throws Exception {
        URI connections = platform.endpoint("@connections");
        try (WebSocketTestClient victim = webSocket("")) {
            assertPong(victim.send("{\"action\":\"ping\"}"));
            RawHttp local = new RawHttp(connections, "127.0.0.1");
            Http.Response unsigned = local.post(connections.getPath() + "/any-connection-id", "{\"event\":\"x\"}");
            assertThat(unsigned.status()).as(unsigned.body()).isEqualTo(403);
            assertThat(unsigned.json().get("message").asText()).isEqualTo("Missing Authentication Token");
            try (var stranger = software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient
                    .builder().endpointOverride(URI.create(connections.toString().replaceAll("/@connections$", "")))
                    .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                    .httpClient(software.amazon.awssdk.http.apache5.Apache5HttpClient.create())
                    .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("local", "local")))
                    .build()) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> stranger.getConnection(
                        request -> request.connectionId("any-connection-id")))
                        .isInstanceOfSatisfying(software.amazon.awssdk.awscore.exception.AwsServiceException.class,
                                refused -> assertThat(refused.statusCode()).isEqualTo(403));
            }
            assertThat(victim.poll(Duration.ofMillis(300))).as("nothing injected").isNull();
            assertPong(victim.send("{\"action\":\"ping\"}"));
        }
    }

    @Test
    @Order(320)
    void badPercentEscapeIs400Json() {
        Http.Response response = new RawHttp(platform.endpoint("REST"), "127.0.0.1")
                .send("DELETE", "/api/exchange-keys/%zz", null);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("BAD_REQUEST");
    }

    // ---------------------------------------------------------------- marketplace and signals (README tour)

    private String providerToken;
    private String subscriberToken;
    private String strategyId;
    private String subscriptionId;
    private WebSocketTestClient subscriberSocket;

    @Test
    @Order(500)
    void registerAProviderAndASubscriber() {
        providerToken = http.post("/api/auth/register", Http.json(Map.of("email", Accounts.uniqueEmail("smoke-pro"),
                "password", PASSWORD, "name", "Pro", "role", "PROVIDER"))).json().get("accessToken").asText();
        subscriberToken = http.post("/api/auth/register", Http.json(Map.of("email", Accounts.uniqueEmail("smoke-sub"),
                "password", PASSWORD, "name", "Sub"))).json().get("accessToken").asText();
        assertThat(providerToken).isNotBlank();
        assertThat(subscriberToken).isNotBlank();
    }

    @Test
    @Order(510)
    void createAStrategyAndSeeItListed() {
        Http.Response created = http.post("/api/strategies", Http.json(Map.of("name", "EMA cross", "category", "trend",
                "supportedPairs", List.of("BTCUSDT"), "supportedTimeframes", List.of("1h"), "monthlyPrice", 0)),
                "Authorization", Http.bearer(providerToken));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        strategyId = created.json().get("id").asText();
        assertThat(http.get("/api/strategies?sort=newest").json().get("items").findValuesAsText("id"))
                .contains(strategyId);
    }

    /** README (issue 16): the strategy points to its backtest definition; anyone backtests it by strategyId. */
    @Test
    @Order(513)
    void defineTheStrategysBacktestAndRunItById() throws Exception {
        Http.Response missing = http.post("/api/backtest/run", Http.json(Map.of("strategyId", strategyId,
                "symbol", "BTC/USD", "timeframe", "15m")), "Authorization", Http.bearer(subscriberToken));
        assertThat(missing.status()).as(missing.body()).isEqualTo(400);
        assertThat(missing.json().at("/error/code").asText()).isEqualTo("NO_BACKTEST_DEFINITION");
        Http.Response defined = http.send("PUT", "/api/strategies/" + strategyId, Http.json(Map.of("backtest",
                Map.of("strategy", "EMA_CROSS", "parameters", Map.of("fastPeriod", 9, "slowPeriod", 21)))),
                "Authorization", Http.bearer(providerToken));
        assertThat(defined.status()).as(defined.body()).isEqualTo(200);
        assertThat(defined.json().at("/backtest/strategy").asText()).isEqualTo("EMA_CROSS");
        Http.Response accepted = http.post("/api/backtest/run", Http.json(Map.of("strategyId", strategyId,
                "symbol", "BTC/USD", "timeframe", "15m")), "Authorization", Http.bearer(subscriberToken));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        Http.Response job = finishedBacktest(accepted.json().get("id").asText(), subscriberToken);
        assertThat(job.json().get("status").asText()).as(job.body()).isEqualTo("SUCCEEDED");
        assertThat(job.json().at("/request/strategy").asText()).isEqualTo("EMA_CROSS");
        assertThat(job.json().at("/result/metrics/totalTrades").asInt()).isPositive();
    }

    /** README: an optimisation naming the strategy stores its robustness score, shown in the strategy's detail. */
    @Test
    @Order(515)
    void optimiseTheStrategyAndSeeItsRobustness() throws Exception {
        Http.Response accepted = http.post("/api/backtest/optimize", Http.json(Map.of(
                "symbol", "BTC/USD", "timeframe", "5m", "strategyId", strategyId,
                "optimize", Map.of("steps", 3, "walkForward", Map.of("windows", 2)))),
                "Authorization", Http.bearer(providerToken));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String id = accepted.json().get("id").asText();
        Http.Response job = finishedBacktest(id, providerToken);
        assertThat(job.json().get("status").asText()).as(job.body()).isEqualTo("SUCCEEDED");
        JsonNode robustness = http.get("/api/strategies/" + strategyId).json().get("robustness");
        assertThat(robustness.get("score").asDouble()).isEqualTo(job.json().at("/result/robustness/score").asDouble());
        assertThat(robustness.get("backtestId").asText()).isEqualTo(id);
    }

    @Test
    @Order(520)
    void subscribe() {
        Http.Response subscribed = http.post("/api/subscriptions", Http.json(Map.of("strategyId", strategyId)),
                "Authorization", Http.bearer(subscriberToken));
        assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(201);
        assertThat(subscribed.json().get("status").asText()).isEqualTo("ACTIVE");
        subscriptionId = subscribed.json().get("id").asText();
    }

    @Test
    @Order(530)
    void connectAWebSocketAndSubscribeToTheStrategy() throws Exception {
        subscriberSocket = webSocket("?token=" + subscriberToken);
        JsonNode subscribed = subscriberSocket.send(Http.json(Map.of("action", "subscribe_signals",
                "strategyId", strategyId)));
        assertThat(subscribed.path("event").asText()).as(subscribed.toString()).isEqualTo("subscribed");
    }

    @Test
    @Order(540)
    void fireTheWebhookAndSeeSignalNew() throws Exception {
        try (WebSocketTestClient socket = subscriberSocket) {
            JsonNode webhook = http.get("/api/strategies/" + strategyId + "/webhook", "Authorization",
                    Http.bearer(providerToken)).json();
            String alert = "passphrase=" + webhook.get("passphrase").asText()
                    + "\naction=buy\nticker=BTCUSDT\nprice=64250.5\nstopLoss=63000\ntakeProfit=66000\n";
            Http.Response fired = http.send("POST", URI.create(webhook.get("url").asText()).getPath(), alert,
                    "Content-Type", "text/plain");
            assertThat(fired.status()).as(fired.body()).isEqualTo(200);
            JsonNode signal = socket.next(Duration.ofSeconds(30));
            assertThat(signal.path("event").asText()).as(signal.toString()).isEqualTo("signal_new");
            assertThat(signal.at("/data/signal/id").asText()).isEqualTo(fired.json().get("signalId").asText());
            assertThat(signal.at("/data/eventId").asText()).isEqualTo(strategyId + ":1");
        }
    }

    @Test
    @Order(545)
    void theSignalOutboxSweeperRunsFromThePackagedJarAndFindsNothingLeft() {
        // the webhook above published its own event, so the outbox sweeper (issue 15) has nothing to republish
        Http.Response swept = http.post("/_local/schedules/signal-outbox-sweeper", "");
        assertThat(swept.status()).as(swept.body()).isBetween(200, 299);
    }

    // ---------------------------------------------------------------- paid subscriptions (README tour, issue 17)

    private String paidStrategyId;
    private String paidCheckoutPath;

    @Test
    @Order(600)
    void paidStrategyCheckoutIsPending() {
        Http.Response created = http.post("/api/strategies", Http.json(Map.of("name", "Paid EMA", "category", "trend",
                "supportedPairs", List.of("BTCUSDT"), "supportedTimeframes", List.of("1h"),
                "monthlyPrice", new java.math.BigDecimal("99.99"))), "Authorization", Http.bearer(providerToken));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        paidStrategyId = created.json().get("id").asText();
        Http.Response checkout = http.post("/api/subscriptions", Http.json(Map.of("strategyId", paidStrategyId)),
                "Authorization", Http.bearer(subscriberToken));
        assertThat(checkout.status()).as(checkout.body()).isEqualTo(201);
        assertThat(checkout.json().at("/subscription/status").asText()).isEqualTo("PENDING");
        paidCheckoutPath = URI.create(checkout.json().get("checkoutUrl").asText()).getPath();
        assertThat(http.get(paidCheckoutPath).body()).contains("99.99 USD");
    }

    @Test
    @Order(610)
    void payOnTheLocalCheckoutPage() {
        Http.Response paid = http.send("POST", paidCheckoutPath, null, "Accept", "application/json");
        assertThat(paid.status()).as(paid.body()).isEqualTo(200);
        assertThat(paid.json().get("webhookStatuses").toString()).isEqualTo("[200,200]");
        JsonNode mine = http.get("/api/subscriptions", "Authorization", Http.bearer(subscriberToken)).json();
        assertThat(mine.get("items").findValuesAsText("status")).contains("ACTIVE");
    }

    @Test
    @Order(620)
    void paidSubscriberReceivesTheSignal() throws Exception {
        try (WebSocketTestClient socket = webSocket("?token=" + subscriberToken)) {
            JsonNode subscribed = socket.send(Http.json(Map.of("action", "subscribe_signals",
                    "strategyId", paidStrategyId)));
            assertThat(subscribed.path("event").asText()).as(subscribed.toString()).isEqualTo("subscribed");
            JsonNode webhook = http.get("/api/strategies/" + paidStrategyId + "/webhook", "Authorization",
                    Http.bearer(providerToken)).json();
            Http.Response fired = http.send("POST", URI.create(webhook.get("url").asText()).getPath(),
                    "passphrase=" + webhook.get("passphrase").asText() + "\naction=buy\nticker=BTCUSDT\nprice=64000\n"
                            + "stopLoss=63000\ntakeProfit=66000\n", "Content-Type", "text/plain");
            assertThat(fired.status()).as(fired.body()).isEqualTo(200);
            JsonNode signal = socket.next(Duration.ofSeconds(30));
            assertThat(signal.path("event").asText()).as(signal.toString()).isEqualTo("signal_new");
            assertThat(signal.at("/data/signal/id").asText()).isEqualTo(fired.json().get("signalId").asText());
        }
    }

    @Test
    @Order(630)
    void providerEarnsTheSplitAndSchedulesFire() {
        JsonNode earnings = http.get("/api/providers/me/earnings", "Authorization", Http.bearer(providerToken)).json();
        assertThat(earnings.get("balanceCents").asLong()).as(earnings.toString()).isEqualTo(7999);
        assertThat(http.post("/_local/schedules/subscription-renewals", null).status()).isEqualTo(202);
        assertThat(http.post("/_local/schedules/provider-payouts", null).status()).isEqualTo(202);
    }

    // ---------------------------------------------------------------- auto-trading, paper (issue 18, README tour)

    @Test
    @Order(700)
    void paperAutoTradingFollowsTheNextSignalWithAPosition() throws Exception {
        Http.Response saved = http.send("PUT", "/api/subscriptions/" + subscriptionId + "/execution",
                Http.json(Map.of("autoTrade", true, "mode", "PAPER", "riskPercent", 1)),
                "Authorization", Http.bearer(subscriberToken));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        try (WebSocketTestClient socket = webSocket("?token=" + subscriberToken)) {
            assertThat(socket.send("{\"action\":\"subscribe_positions\"}").path("event").asText())
                    .isEqualTo("subscribed");
            Http.Response signal = http.post("/api/signals", Http.json(Map.of("strategyId", strategyId, "pair",
                    "BTC/USDT", "side", "BUY", "timeframe", "1h", "entryPrice", 64000, "stopLoss", 63000,
                    "takeProfit", 66000)), "Authorization", Http.bearer(providerToken));
            assertThat(signal.status()).as(signal.body()).isEqualTo(201);
            // offline (no exchange price) the paper entry is a limit inside the band; with a live price far from
            // 64,000 the signal is MISSED_PRICE_BAND: either way exactly one recorded execution, with its reason
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> http.get(
                    "/api/trading/executions", "Authorization", Http.bearer(subscriberToken)).json().get("items")
                    .size() == 1);
            JsonNode execution = http.get("/api/trading/executions", "Authorization", Http.bearer(subscriberToken))
                    .json().at("/items/0");
            if (execution.path("outcome").asText().equals("REJECTED")) {
                assertThat(execution.path("reason").asText()).isEqualTo("MISSED_PRICE_BAND");
                return;
            }
            assertThat(execution.path("outcome").asText()).as(execution.toString()).isEqualTo("ORDERED");
            JsonNode update = socket.next(Duration.ofSeconds(30));
            assertThat(update.path("event").asText()).as(update.toString()).isEqualTo("position_update");
            JsonNode positions = http.get("/api/positions", "Authorization", Http.bearer(subscriberToken)).json();
            assertThat(positions.get("items")).hasSize(1);
            assertThat(positions.at("/items/0/position/status").asText()).isEqualTo("OPEN");
            assertThat(positions.at("/items/0/position/mode").asText()).isEqualTo("PAPER");
        }
    }

    @Test
    @Order(710)
    void aReplayPaperSessionOnTheBundledData() {
        Http.Response started = http.post("/api/trading/paper/start", Http.json(Map.of("strategy", "RSI_MACD",
                "symbol", "BTC/USD", "timeframe", "5m", "initialCapital", 10000,
                "replay", Map.of("from", "2013-11-25", "to", "2013-12-01", "speed", 0))),
                "Authorization", Http.bearer(subscriberToken));
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        assertThat(started.json().get("mode").asText()).isEqualTo("REPLAY");
        assertThat(started.json().at("/result/trades").size()).isPositive();
        assertThat(http.get("/api/trading/sessions/" + started.json().get("id").asText(), "Authorization",
                Http.bearer(subscriberToken)).status()).isEqualTo(200);
    }

    /**
     * A live paper session through the jar: seeded from the (stub) exchange's klines, the paper-sessions schedule
     * fires (evaluating it needs a candle to close, a minute: LivePaperSessionE2ETest waits for one), then stopped.
     */
    @Test
    @Order(715)
    void aLivePaperSessionStartsTicksAndStops() {
        BinanceKlinesStub.serveMinutes(binance, "ETHUSDT", java.time.Instant.now());
        Http.Response started = http.post("/api/trading/paper/start", Http.json(Map.of("strategy", "RSI_MACD",
                "symbol", "ETH/USDT", "exchange", "binance", "timeframe", "1m", "initialCapital", 10000)),
                "Authorization", Http.bearer(subscriberToken));
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        assertThat(started.json().get("mode").asText()).isEqualTo("LIVE");
        assertThat(started.json().at("/live/lastCandle").isTextual()).isTrue();
        String id = started.json().get("id").asText();
        BinanceKlinesStub.serveMinutes(binance, "ETHUSDT", java.time.Instant.now());
        assertThat(http.post("/_local/schedules/paper-sessions", null).status()).isEqualTo(202);
        Http.Response stopped = http.post("/api/trading/paper/stop/" + id, null, "Authorization",
                Http.bearer(subscriberToken));
        assertThat(stopped.status()).as(stopped.body()).isEqualTo(200);
        assertThat(stopped.json().get("status").asText()).isEqualTo("STOPPED");
    }

    // ---------------------------------------------------------------- helpers for steps

    /** Polls {@code GET /api/backtest/{id}} until the job leaves RUNNING (at most a minute); the last answer. */
    private Http.Response finishedBacktest(String id, String token) throws InterruptedException {
        Http.Response job = null;
        for (int i = 0; i < 600; i++) {
            job = http.get("/api/backtest/" + id, "Authorization", Http.bearer(token));
            if (!job.json().get("status").asText().equals("RUNNING")) {
                break;
            }
            Thread.sleep(100);
        }
        return job;
    }

    private WebSocketTestClient webSocket(String query) {
        return WebSocketTestClient.connect(URI.create(platform.endpoint("WebSocket") + query));
    }

    private static void assertPong(JsonNode message) {
        assertThat(message.path("event").asText()).as(message.toString()).isEqualTo("pong");
        assertThat(message.path("ts").asText()).isNotBlank();
    }

    private static void assertError(JsonNode message, String code) {
        assertThat(message.path("event").asText()).as(message.toString()).isEqualTo("error");
        assertThat(message.at("/data/code").asText()).as(message.toString()).isEqualTo(code);
    }

    /**
     * Runs the real AWS CLI with throwaway credentials and returns its standard output; skips the step, visibly,
     * only when there is no {@code aws} on the PATH ({@code .ci/run} installs it).
     */
    private static String aws(String... arguments) {
        Assumptions.assumeTrue(awsCliPresent(), () -> {
            System.out.println("[smoke] SKIPPED: no `aws` on the PATH, the AWS CLI steps of the tour did not run");
            return "no `aws` on the PATH";
        });
        List<String> command = new ArrayList<>(List.of("aws"));
        command.addAll(List.of(arguments));
        command.addAll(List.of("--output", "json"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.put("AWS_ACCESS_KEY_ID", "local");
        environment.put("AWS_SECRET_ACCESS_KEY", "local");
        environment.put("AWS_DEFAULT_REGION", "us-east-1");
        environment.put("AWS_PAGER", "");
        environment.put("AWS_CONFIG_FILE", "/dev/null");
        environment.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("aws " + String.join(" ", arguments) + " did not finish");
            }
            assertThat(process.exitValue()).as("aws %s:\n%s", String.join(" ", arguments), output).isZero();
            return output;
        } catch (IOException e) {
            throw new AssertionError("Cannot run aws", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static boolean awsCliPresent() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(java.io.File.pathSeparator))
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, "aws")));
    }
}
