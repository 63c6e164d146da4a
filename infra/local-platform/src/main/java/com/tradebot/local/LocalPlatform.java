package com.tradebot.local;

import com.tradebot.dynamodb.DynamoDbEngine;
import com.tradebot.marketdata.CandleRepository;
import com.tradebot.marketdata.MarketDataService;
import com.tradebot.local.lambda.LocalFunctions;
import com.tradebot.local.messaging.LocalMessaging;
import com.tradebot.local.messaging.MessagingSpec;
import com.tradebot.local.messaging.QueueSpec;
import com.tradebot.local.messaging.ScheduleSpec;
import com.tradebot.local.messaging.SqsEventSourceSpec;
import com.tradebot.local.messaging.SubscriptionSpec;
import com.tradebot.local.messaging.TopicSpec;
import com.tradebot.local.rest.RestGateway;
import com.tradebot.local.stepfunctions.LocalStepFunctions;
import com.tradebot.local.stepfunctions.StateMachineSpec;
import com.tradebot.local.template.CfnTemplate;
import com.tradebot.local.template.LocalBindings;
import com.tradebot.local.template.TemplateModel;
import com.tradebot.local.template.WebSocketApiDef;
import com.tradebot.local.websocket.WebSocketGateway;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Runs template.yaml on one machine (ARCHITECTURE §3): the DynamoDB engine with the template's tables, ElasticMQ with
 * its queues and the local SNS, the state machines, every function in-process, the REST gateway and the WebSocket
 * gateway. Started in that order (later services need the endpoints of earlier ones), closed in reverse.
 */
public final class LocalPlatform implements AutoCloseable {

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private TemplateModel model;
    private DynamoDbEngine dynamoDb;
    private LocalMessaging messaging;
    private LocalStepFunctions stepFunctions;
    private LocalFunctions functions;
    private RestGateway rest;
    private WebSocketGateway webSocket;
    private Path temporarySecrets;
    private long startupMillis;
    private final Map<String, Long> stageMillis = new LinkedHashMap<>();

    private LocalPlatform() {
    }

    /** Not a static field: main must configure log4j before it initialises. */
    private static Logger log() {
        return LogManager.getLogger(LocalPlatform.class);
    }

    public static void main(String[] args) {
        // Our shutdown hook closes the services and then log4j; log4j's own hook would race it and lose messages.
        System.setProperty("log4j2.shutdownHookEnabled", "false");
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println(e.getMessage());
            }
            System.err.println(Options.USAGE);
            System.exit(e.getMessage().isEmpty() ? 0 : 2);
            return;
        }
        LocalPlatform platform;
        try {
            platform = start(options);
        } catch (RuntimeException e) {
            System.err.println("The local platform did not start: " + e.getMessage());
            log().debug("Startup failure", e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            platform.close();
            LogManager.shutdown();
        }, "local-platform-shutdown"));
        platform.printEndpoints(System.out);
        platform.awaitClose();
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
        setDefaultSystemProperty("aws.secretAccessKey", "local");

        LocalBindings bindings = new LocalBindings();
        model = new TemplateModel(CfnTemplate.load(options.resolveTemplate(), options.parameterOverrides(),
                bindings));

        // The engine (with its tables) and ElasticMQ do not depend on each other: start them side by side, since
        // most of their start-up is class loading and initialisation that a second core can share.
        stage("template", begin);
        long engineBegin = System.nanoTime();
        CompletableFuture<DynamoDbEngine> engineStart = CompletableFuture.supplyAsync(() -> {
            DynamoDbEngine engine = startEngine(options);
            stage("dynamodb+tables", engineBegin);
            return engine;
        });
        functions = remember(new LocalFunctions(Map.of(), LocalPlatform.class.getClassLoader()));
        try {
            long messagingBegin = System.nanoTime();
            messaging = remember(LocalMessaging.start(options.sqsPort(), options.snsPort(), messagingSpec(model),
                    functions));
            stage("messaging", messagingBegin);
        } finally {
            try {
                dynamoDb = remember(engineStart.join());
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        bindings.queueUrls(messaging::queueUrl);
        long next = System.nanoTime();

        stepFunctions = remember(LocalStepFunctions.start(options.sfnPort(), model.stateMachines().stream()
                .map(machine -> new StateMachineSpec(machine.logicalId(), machine.name(), machine.arn(),
                        machine.definitionJson()))
                .toList(), functions, model::functionIdForArnOrName));
        next = stage("step-functions", next);

        rest = remember(RestGateway.start(options.apiPort(), model.restApis(), functions,
                messaging::fireSchedule));
        bindings.restEndpoint(rest.endpoint());
        webSocket = remember(WebSocketGateway.start(options.wsPort(), model.webSocketApis(), functions));
        bindings.webSocketEndpoint(URI.create("http://127.0.0.1:" + webSocket.port()));

        functions.addCommonEnvironment(commonEnvironment(options));
        model.functions().forEach(functions::register);
        functions.markReady();
        next = stage("gateways+functions", next);
        loadBundledMarketData();
        stage("market-data", next);
        startupMillis = (System.nanoTime() - begin) / 1_000_000;
    }

    /**
     * The real market data inside ta4j-examples goes into the main table at start (once: kept with --data), so a
     * newcomer can backtest at once. On AWS the same import is {@code POST /api/market-data/import}.
     */
    private void loadBundledMarketData() {
        model.tables().stream().filter(t -> t.logicalId().equals("MainTable")).findFirst().ifPresent(table -> {
            try (DynamoDbClient client = DynamoDbClient.builder().endpointOverride(dynamoDb.endpoint())
                    .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                    .build()) {
                new MarketDataService(new CandleRepository(client, table.tableName())).importBundled();
            }
        });
    }

    /** Records how long a start-up stage took; returns now, the start of the next stage. */
    private long stage(String name, long stageBegin) {
        long now = System.nanoTime();
        synchronized (stageMillis) {
            stageMillis.put(name, (now - stageBegin) / 1_000_000);
        }
        return now;
    }

    private DynamoDbEngine startEngine(Options options) {
        DynamoDbEngine engine = DynamoDbEngine.builder().port(options.dynamoDbPort())
                .dataDir(options.dataDir() == null ? null : directory(options.dataDir().resolve("dynamodb")))
                .start();
        try (DynamoDbClient client = DynamoDbClient.builder().endpointOverride(engine.endpoint())
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build()) {
            DynamoDbTables.create(client, model.tables());
            return engine;
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    private Map<String, String> commonEnvironment(Options options) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("AWS_REGION", CfnTemplate.REGION);
        environment.put("AWS_DEFAULT_REGION", CfnTemplate.REGION);
        environment.put("TRADEBOT_DYNAMODB_ENDPOINT", dynamoDb.endpoint().toString());
        environment.put("TRADEBOT_SQS_ENDPOINT", messaging.sqsEndpoint().toString());
        environment.put("TRADEBOT_SNS_ENDPOINT", messaging.snsEndpoint().toString());
        environment.put("TRADEBOT_SFN_ENDPOINT", stepFunctions.endpoint().toString());
        // Keys that Secrets Manager and KMS hold on AWS live in files here; kept with --data, else temporary.
        Path secrets;
        if (options.dataDir() != null) {
            secrets = directory(options.dataDir().resolve("secrets"));
        } else {
            try {
                secrets = Files.createTempDirectory("tradebot-local-secrets");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            temporarySecrets = secrets;
        }
        environment.put("TRADEBOT_LOCAL_SECRETS_DIR", secrets.toString());
        return environment;
    }

    static MessagingSpec messagingSpec(TemplateModel model) {
        List<QueueSpec> queues = model.queues().stream().map(queue -> new QueueSpec(queue.logicalId(),
                queue.queueName(), queue.fifo(), queue.contentBasedDeduplication(), queue.visibilityTimeoutSeconds(),
                queue.messageRetentionSeconds(), queue.delaySeconds(), queue.deadLetterQueueLogicalId(),
                queue.maxReceiveCount())).toList();
        List<TopicSpec> topics = model.topics().stream()
                .map(topic -> new TopicSpec(topic.logicalId(), topic.topicName(), topic.fifo())).toList();
        List<SubscriptionSpec> subscriptions = model.subscriptions().stream()
                .map(subscription -> new SubscriptionSpec(subscription.topicLogicalId(),
                        subscription.queueLogicalId(), subscription.rawMessageDelivery(),
                        subscription.filterPolicyJson())).toList();
        List<SqsEventSourceSpec> sources = model.sqsEventSources().stream()
                .map(source -> new SqsEventSourceSpec(source.functionLogicalId(), source.queueLogicalId(),
                        source.batchSize(), source.maximumBatchingWindowSeconds(), source.reportBatchItemFailures(),
                        source.enabled())).toList();
        List<ScheduleSpec> schedules = model.schedules().stream()
                .map(schedule -> new ScheduleSpec(schedule.name(), schedule.functionLogicalId(),
                        schedule.expression(), schedule.inputJson(), schedule.enabled())).toList();
        return new MessagingSpec(queues, topics, subscriptions, sources, schedules);
    }

    private <T extends AutoCloseable> T remember(T service) {
        started.push(service);
        return service;
    }

    private static void setDefaultSystemProperty(String name, String value) {
        if (System.getProperty(name) == null) {
            System.setProperty(name, value);
        }
    }

    private static Path directory(Path path) {
        try {
            return Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + path, e);
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
        return dynamoDb.endpoint();
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
        while (!started.isEmpty()) {
            AutoCloseable service = started.pop();
            try {
                service.close();
            } catch (Exception e) {
                log().warn("Closing {} failed: {}", service.getClass().getSimpleName(), e.toString());
            }
        }
        if (temporarySecrets != null) {
            deleteRecursively(temporarySecrets);
            temporarySecrets = null;
        }
        closed.countDown();
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            log().debug("Cannot delete {}: {}", root, e.toString());
        }
    }
}
