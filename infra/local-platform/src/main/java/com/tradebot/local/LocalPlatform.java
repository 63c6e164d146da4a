package com.tradebot.local;

import com.tradebot.billing.BillingModule;
import com.tradebot.dynamodb.DynamoDbEngine;
import com.tradebot.dynamodb.server.HttpServer;
import com.tradebot.local.payments.LocalPaymentPages;
import com.tradebot.local.template.TableDef;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import com.tradebot.local.lambda.LocalFunctions;
import com.tradebot.local.messaging.LocalMessaging;
import com.tradebot.local.messaging.MessagingSpec;
import com.tradebot.local.messaging.sqs.ElasticMqServer;
import com.tradebot.local.rest.DashboardSite;
import com.tradebot.local.rest.RestGateway;
import com.tradebot.local.stepfunctions.LocalStepFunctions;
import com.tradebot.local.template.CfnTemplate;
import com.tradebot.local.template.LocalBindings;
import com.tradebot.local.template.TemplateModel;
import com.tradebot.local.template.WebSocketApiDef;
import com.tradebot.local.websocket.WebSocketGateway;
import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Runs template.yaml on one machine (docs/ and README: "What runs locally"): the DynamoDB engine with the template's
 * tables, ElasticMQ with its queues and the local SNS, the state machines, every function in-process, the REST gateway
 * and the WebSocket gateway. ElasticMQ, the slowest to start, boots on its own thread from the first moment; the rest
 * starts in dependency order while it does. Closed in the reverse order. The command line is {@link LocalPlatformCli}.
 */
public final class LocalPlatform implements AutoCloseable {

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private TemplateModel model;
    private static final String DYNAMODB_HOST = "127.0.0.1";

    private DynamoDbEngine dynamoDb;
    private URI dynamoDbEndpoint;
    private BundledMarketData marketData = BundledMarketData.none();
    private CompletableFuture<Void> afterReady = CompletableFuture.completedFuture(null);
    private LocalMessaging messaging;
    private LocalStepFunctions stepFunctions;
    private LocalFunctions functions;
    private RestGateway rest;
    private DashboardSite dashboard;
    private WebSocketGateway webSocket;
    private long startupMillis;
    private final Map<String, Long> stageMillis = new LinkedHashMap<>();

    private LocalPlatform() {
    }

    /** Not a static field: the CLI must configure log4j before it initialises. */
    private static Logger log() {
        return LogManager.getLogger(LocalPlatform.class);
    }

    /** Starts everything; on failure closes what had started and rethrows. */
    public static LocalPlatform start(Options options) {
        LocalPlatform platform = new LocalPlatform();
        try {
            platform.boot(options);
            return platform;
        } catch (RuntimeException | Error e) {
            platform.close();
            throw e;
        }
    }

    private void boot(Options options) {
        long begin = System.nanoTime();
        setDefaultSystemProperty("aws.region", CfnTemplate.REGION);
        setDefaultSystemProperty("aws.accessKeyId", "local");
        // A secret per run: the functions sign @connections calls with it, other local processes cannot (the
        // emulated DynamoDB, SQS and SNS do not check signatures, so any secret works for them).
        setDefaultSystemProperty("aws.secretAccessKey", randomSecret());
        // Three starts that do not depend on each other run side by side: ElasticMQ (the longest), reading the
        // template, and the DynamoDB engine on this thread.
        CompletableFuture<ElasticMqServer> elasticMqBoot = ElasticMqServer.startAsync(options.sqsPort());
        // Closes ElasticMQ if the platform fails before LocalMessaging owns it (LocalMessaging closes it after).
        remember(() -> {
            if (messaging == null) {
                elasticMqBoot.thenAccept(ElasticMqServer::close);
            }
        });
        LocalBindings bindings = new LocalBindings();
        CompletableFuture<TemplateModel> templateRead = supplyOnThread("template-read", () -> new TemplateModel(
                CfnTemplate.load(options.resolveTemplate(), options.parameterOverrides(), bindings)));

        dynamoDb = remember(DynamoDbEngine.builder()
                .dataDir(options.dataDir() == null ? null : OwnerOnly.directory(options.dataDir().resolve("dynamodb")))
                .startInProcess());
        // The engine's port, its requests held while the bundled market data loads (see BundledMarketData).
        HttpServer dynamoDbServer = remember(new HttpServer(DYNAMODB_HOST, options.dynamoDbPort(),
                (operation, body) -> {
                    marketData.awaitLoaded();
                    return dynamoDb.handle(operation, body);
                }));
        dynamoDbEndpoint = URI.create("http://" + DYNAMODB_HOST + ":" + dynamoDbServer.port());
        long next = stage("dynamodb", begin);
        model = join(templateRead);
        next = stage("template", next);
        DynamoDbTables.create(dynamoDb, model.tables());
        Optional<TableDef> mainTable = mainTable();
        marketData = mainTable.isPresent() ? BundledMarketData.pending() : BundledMarketData.none();
        next = stage("tables", next);

        functions = remember(new LocalFunctions(Map.of(), LocalPlatform.class.getClassLoader()));
        messaging = remember(LocalMessaging.startWithoutEventSources(elasticMqBoot, options.snsPort(),
                messagingSpec(model), functions));
        bindings.queueUrls(messaging::queueUrl);
        next = stage("messaging", next);

        stepFunctions = remember(LocalStepFunctions.start(options.sfnPort(), model.stateMachines(), functions,
                model::functionIdForArnOrName));
        next = stage("step-functions", next);

        rest = remember(RestGateway.start(options.apiPort(), model.restApis(), functions,
                messaging::fireSchedule, localPaymentPages()));
        bindings.restEndpoint(rest.endpoint());
        webSocket = remember(WebSocketGateway.start(options.wsPort(), model.webSocketApis(), functions));
        bindings.webSocketEndpoint(URI.create("http://127.0.0.1:" + webSocket.port()));
        WebSocketGateway socketGateway = webSocket;
        dashboard = new DashboardSite(LocalPlatform.class.getClassLoader(), socketGateway::port);
        rest.serveDashboard(dashboard);

        SecretsDirectory secrets = remember(SecretsDirectory.open(options.dataDir()));
        functions.addCommonEnvironment(new FunctionEnvironment(dynamoDbEndpoint, messaging.sqsEndpoint(),
                messaging.snsEndpoint(), stepFunctions.endpoint(), secrets.path(), rest.endpoint()).variables());
        model.functions().forEach(functions::register);
        functions.markReady();
        stage("gateways+functions", next);
        startupMillis = (System.nanoTime() - begin) / 1_000_000;
        afterReady = startOnThread("platform-after-ready", () -> {
            mainTable.ifPresent(table -> marketData.load(dynamoDb, table.tableName()));
            messaging.startEventSources();
        });
    }

    /**
     * Waits until the work the platform does after its ready line is done: the bundled market data loaded (DynamoDB
     * requests wait for it anyway) and the SQS event sources polling (messages sent before wait in their queues).
     */
    public void awaitAfterReady() {
        try {
            afterReady.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("The platform's start-up work after ready failed", e.getCause());
        }
    }

    /** How long loading the bundled market data took after the ready line, or -1 while it runs or if it failed. */
    public long marketDataMillis() {
        return marketData.millis();
    }

    private Optional<TableDef> mainTable() {
        return model.tables().stream().filter(t -> t.logicalId().equals("MainTable")).findFirst();
    }

    private static <T> CompletableFuture<T> supplyOnThread(String name, java.util.function.Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(work.get());
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    private static CompletableFuture<Void> startOnThread(String name, Runnable work) {
        return supplyOnThread(name, () -> {
            work.run();
            return null;
        });
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /**
     * The local payments mode's checkout and onboarding pages, when the template has the Stripe webhook function and
     * it has no Stripe key (with a key, checkout links lead to Stripe itself); null otherwise. Their DynamoDB client is
     * built on the first page request, not while the platform starts.
     */
    private LocalPaymentPages localPaymentPages() {
        Optional<TableDef> table = mainTable();
        if (table.isEmpty()) {
            return null;
        }
        URI endpoint = dynamoDbEndpoint;
        java.util.function.Supplier<DynamoDbClient> client = new java.util.function.Supplier<>() {
            private DynamoDbClient built;

            @Override
            public synchronized DynamoDbClient get() {
                if (built == null) {
                    built = remember(DynamoDbClient.builder().endpointOverride(endpoint)
                            .region(Region.US_EAST_1).httpClient(Apache5HttpClient.create())
                            .credentialsProvider(StaticCredentialsProvider.create(
                                    AwsBasicCredentials.create("local", "local")))
                            .build());
                }
                return built;
            }
        };
        return new LocalPaymentPages(client, table.get().tableName(), () -> model.functions().stream()
                .filter(f -> f.handlerClassName().equals("com.tradebot.functions.api.webhooks.StripeWebhookHandler"))
                .findFirst()
                .filter(f -> f.environment().getOrDefault("STRIPE_SECRET_KEY", "").isEmpty())
                .map(f -> new LocalPaymentPages.Settings(rest.endpoint(),
                        BillingModule.localWebhookSecret(f.environment().get("STRIPE_WEBHOOK_SECRET")))));
    }

    /** Records how long a start-up stage took; returns now, the start of the next stage. */
    private long stage(String name, long stageBegin) {
        long now = System.nanoTime();
        stageMillis.put(name, (now - stageBegin) / 1_000_000);
        return now;
    }

    static MessagingSpec messagingSpec(TemplateModel model) {
        return new MessagingSpec(model.queues(), model.topics(), model.subscriptions(), model.sqsEventSources(),
                model.schedules());
    }

    private synchronized <T extends AutoCloseable> T remember(T service) {
        started.push(service);
        return service;
    }

    private static String randomSecret() {
        byte[] bytes = new byte[30];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void setDefaultSystemProperty(String name, String value) {
        if (System.getProperty(name) == null) {
            System.setProperty(name, value);
        }
    }

    public TemplateModel model() {
        return model;
    }

    public LocalFunctions functions() {
        return functions;
    }

    public LocalMessaging messaging() {
        return messaging;
    }

    public URI restEndpoint() {
        return rest.endpoint();
    }

    /** ws://127.0.0.1:port/stage of the first WebSocket API. */
    public URI webSocketEndpoint() {
        return URI.create(webSocket.endpoint() + "/" + webSocketStage());
    }

    /** The endpoint for ApiGatewayManagementApiClient's endpointOverride. */
    public URI connectionsEndpoint() {
        return webSocket.connectionsEndpoint(webSocketStage());
    }

    private String webSocketStage() {
        List<WebSocketApiDef> apis = model.webSocketApis();
        return apis.isEmpty() || apis.get(0).stageName() == null ? "$default" : apis.get(0).stageName();
    }

    public URI dynamoDbEndpoint() {
        return dynamoDbEndpoint;
    }

    public URI sqsEndpoint() {
        return messaging.sqsEndpoint();
    }

    public URI snsEndpoint() {
        return messaging.snsEndpoint();
    }

    public URI stepFunctionsEndpoint() {
        return stepFunctions.endpoint();
    }

    public long startupMillis() {
        return startupMillis;
    }

    public void printEndpoints(PrintStream out) {
        out.println("REST            " + restEndpoint());
        out.println("WebSocket       " + webSocketEndpoint());
        out.println("@connections    " + connectionsEndpoint() + "/@connections");
        out.println("DynamoDB        " + dynamoDbEndpoint());
        out.println("SQS             " + sqsEndpoint());
        out.println("SNS             " + snsEndpoint());
        out.println("Step Functions  " + stepFunctionsEndpoint());
        if (dashboard.present()) {
            out.println("Dashboard       http://localhost:" + rest.port() + "/");
        }
        out.println("Ready in " + startupMillis + " ms " + stageMillis + ", " + model.functions().size()
                + " functions. Ctrl-C stops.");
        out.flush();
    }

    /** Blocks until {@link #close()} has run (the main thread waits here). */
    public void awaitClose() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes the services in the reverse order of their start; safe to call twice. */
    @Override
    public synchronized void close() {
        // the market data load writes into the engine: let it finish (a second or so) before the engine closes
        try {
            afterReady.get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            log().warn("Start-up work after ready did not finish: {}", e.toString());
        }
        while (!started.isEmpty()) {
            AutoCloseable service = started.pop();
            try {
                service.close();
            } catch (Exception e) {
                log().warn("Closing {} failed: {}", service.getClass().getSimpleName(), e.toString());
            }
        }
        closed.countDown();
    }
}
