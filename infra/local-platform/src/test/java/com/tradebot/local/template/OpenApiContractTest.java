package com.tradebot.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradebot.auth.AuthSession;
import com.tradebot.auth.SecondFactor;
import com.tradebot.auth.User;
import com.tradebot.auth.UserAdministration;
import com.tradebot.common.ApiException;
import com.tradebot.health.HealthReport;
import com.tradebot.vault.ExchangeKey;
import com.tradebot.vault.ExchangeKeyVault;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * {@code docs/openapi.yaml} against the REST routes of {@code template.yaml} (conventions in docs/rest.md): the same (method,
 * path) pairs both ways, each operation secured the way its route's authorizer admits callers, a success response on
 * every operation and a 401 on every one that takes a token.
 */
class OpenApiContractTest {
    private static final String AUTH_HANDLERS = "com.tradebot.functions.api.auth.";
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options",
            "trace");

    /** How a route admits callers, as the template wires it. */
    enum Access {
        /** {@code Authorizer: NONE}: no token needed (or looked at). */
        PUBLIC,
        /** An authorizer without identity sources: API Gateway always invokes it, so anonymous callers pass too. */
        OPTIONAL,
        /** An authorizer with identity sources: API Gateway answers 401 itself when the token is missing. */
        REQUIRED
    }

    record Route(String method, String path) implements Comparable<Route> {
        @Override
        public int compareTo(Route other) {
            int byPath = path.compareTo(other.path);
            return byPath != 0 ? byPath : method.compareTo(other.method);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private Map<Route, Access> templateRoutes;
    private Map<String, Object> document;
    private Map<Route, Map<String, Object>> documentOperations;

    @BeforeEach
    void load() throws IOException {
        LocalBindings bindings = new LocalBindings();
        bindings.restEndpoint(URI.create("http://127.0.0.1:3000"));
        bindings.webSocketEndpoint(URI.create("http://127.0.0.1:3001"));
        bindings.queueUrls(id -> "http://127.0.0.1:9324/000000000000/" + id);
        templateRoutes = routesOf(new TemplateModel(CfnTemplate.load(ProjectTemplateTest.projectTemplate(), Map.of(),
                bindings)));
        document = parseYaml(Files.readString(openApiDocument()));
        documentOperations = operationsOf(document);
    }

    static Path openApiDocument() {
        return ProjectTemplateTest.projectTemplate().getParent().resolve("docs").resolve("openapi.yaml");
    }

    @Test
    void theDocumentIsValidOpenApi303() throws IOException {
        assertThat(document.get("openapi")).isEqualTo("3.0.3");
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(Files.readString(openApiDocument()), null,
                options);
        assertThat(result.getMessages()).as("swagger-parser messages").isEmpty();
        assertThat(result.getOpenAPI()).isNotNull();
        assertThat(result.getOpenAPI().getPaths()).hasSize(pathCount(document));
    }

    @Test
    void documentsExactlyTheRestRoutesOfTheTemplate() {
        assertThat(templateRoutes).as("REST routes of template.yaml").isNotEmpty();
        assertThat(routeProblems(templateRoutes.keySet(), documentOperations.keySet())).isEmpty();
    }

    @Test
    void everyOperationIsSecuredLikeItsRoute() {
        assertThat(securityProblems(templateRoutes, documentOperations, document)).isEmpty();
    }

    @Test
    void everyOperationAnswersSuccessAnd401UnlessPublic() {
        assertThat(responseProblems(templateRoutes, documentOperations)).isEmpty();
    }

    /**
     * Jackson writes and reads records by their component names, so each schema of a record must list exactly those
     * names; a renamed or added field fails here. Schemas of bodies the handlers build as maps are listed apart.
     */
    @Test
    void recordSchemasHaveTheFieldsOfTheirRecords() throws ClassNotFoundException {
        Map<String, Class<?>> records = new TreeMap<>(Map.ofEntries(
                Map.entry("FieldError", ApiException.FieldError.class),
                Map.entry("HealthReport", HealthReport.class),
                Map.entry("HealthCheck", HealthReport.Check.class),
                Map.entry("RegisterRequest", Class.forName(AUTH_HANDLERS + "AuthHandler$RegisterBody")),
                Map.entry("LoginRequest", Class.forName(AUTH_HANDLERS + "AuthHandler$LoginBody")),
                Map.entry("RefreshRequest", Class.forName(AUTH_HANDLERS + "AuthHandler$RefreshBody")),
                Map.entry("CodeRequest", Class.forName(AUTH_HANDLERS + "AuthHandler$CodeBody")),
                Map.entry("RoleRequest", Class.forName(AUTH_HANDLERS + "AdminUsersHandler$RoleBody")),
                Map.entry("AuthSession", AuthSession.class),
                Map.entry("UserView", User.UserView.class),
                Map.entry("UserPage", UserAdministration.UserPage.class),
                Map.entry("TwoFactorSetup", SecondFactor.Setup.class),
                Map.entry("NewExchangeKey", ExchangeKeyVault.NewKey.class),
                Map.entry("ExchangeKey", ExchangeKey.class),
                Map.entry("ExchangeKeyCheck", com.tradebot.trading.exchange.ExchangeGateway.KeyCheck.class),
                Map.entry("ExchangeMarketCheck", com.tradebot.trading.exchange.ExchangeGateway.MarketCheck.class),
                Map.entry("BacktestResult", com.tradebot.backtest.BacktestResult.class),
                Map.entry("BacktestMetrics", com.tradebot.backtest.engine.Metrics.class),
                Map.entry("BacktestTrade", com.tradebot.backtest.BacktestResult.TradeView.class),
                Map.entry("EquityPoint", com.tradebot.backtest.BacktestResult.EquityPoint.class),
                // marketplace and signals (issue 15)
                Map.entry("StrategyDraft", com.tradebot.strategy.StrategyDraft.class),
                Map.entry("Strategy", com.tradebot.strategy.Strategy.class),
                Map.entry("StrategyStats", com.tradebot.strategy.StrategyStats.class),
                Map.entry("StrategyPage", com.tradebot.common.Page.class),
                Map.entry("WebhookInfo", com.tradebot.strategy.StrategyService.WebhookInfo.class),
                Map.entry("TrackRecord", com.tradebot.signal.SignalService.TrackRecord.class),
                Map.entry("TrackRecordEvent", com.tradebot.signal.track.TrackRecordEvent.class),
                Map.entry("Verification", com.tradebot.signal.track.Verification.class),
                Map.entry("SubscribeRequest", Class.forName("com.tradebot.functions.api.marketplace.SubscriptionsHandler$SubscribeBody")),
                Map.entry("Subscription", com.tradebot.subscription.Subscription.class),
                Map.entry("TakeProfit", com.tradebot.signal.TakeProfit.class),
                Map.entry("SignalDraft", com.tradebot.signal.SignalDraft.class),
                Map.entry("SignalChange", com.tradebot.signal.SignalChange.class),
                Map.entry("Signal", com.tradebot.signal.Signal.class),
                Map.entry("SignalPage", com.tradebot.common.Page.class),
                Map.entry("WebhookDelivery", com.tradebot.signal.webhook.WebhookDelivery.class),
                Map.entry("Notification", com.tradebot.notification.Notification.class),
                Map.entry("NotificationPage", com.tradebot.common.Page.class),
                Map.entry("NotificationPreferences", com.tradebot.notification.NotificationPreferences.class),
                Map.entry("ReviewDraft", com.tradebot.review.ReviewDraft.class),
                Map.entry("Review", com.tradebot.review.Review.class),
                Map.entry("ReviewPage", com.tradebot.common.Page.class),
                // trading (issue 18)
                Map.entry("ExecutionSettingsInput", com.tradebot.trading.execution.ExecutionSettingsService.Input.class),
                Map.entry("ExecutionSettings", com.tradebot.trading.execution.ExecutionSettings.class),
                Map.entry("PositionView", com.tradebot.trading.position.PositionView.class),
                Map.entry("PaperSession", com.tradebot.trading.paper.PaperSession.class)));
        // Built as maps: ApiHandler.error, AuthHandler's 2FA answers, ExchangeKeysHandler's list.
        Set<String> builtAsMaps = Set.of("Error", "TwoFactorEnabled", "TwoFactorDisabled", "ExchangeKeyList",
                // backtesting: request bodies read as JSON trees, answers built as maps/trees
                "BacktestRequest", "BacktestAccepted", "BacktestJob", "BacktestJobList", "Dataset", "DatasetList",
                "ImportRequest", "BacktestDefinition",
                // Pine import: diagnostics are built as maps by PineImportHandler
                "PineDiagnostic",
                "SubscriptionList", "WebhookDeliveryList", "WebhookOutcome", "TradingViewAlert",
                "ExecutionList", "PositionList", "PaperSessionList",
                // issue 19 (dash3): candle pages are built as maps by MarketDataApiHandler
                "Candle", "CandlePage");

        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Object> schema : map(map(document.get("components")).get("schemas")).entrySet()) {
            Map<String, Object> properties = map(map(schema.getValue()).get("properties"));
            if (properties.isEmpty() || builtAsMaps.contains(schema.getKey())) {
                continue;
            }
            Class<?> type = records.get(schema.getKey());
            if (type == null) {
                problems.add(schema.getKey() + ": no record mapped in this test (add it, or to builtAsMaps)");
                continue;
            }
            Set<String> components = new TreeSet<>();
            for (RecordComponent component : type.getRecordComponents()) {
                components.add(component.getName());
            }
            if (!components.equals(properties.keySet())) {
                problems.add(schema.getKey() + " has " + properties.keySet() + " but " + type.getName() + " has "
                        + components);
            }
        }
        assertThat(problems).isEmpty();
    }

    /** The checks themselves: drift in either direction and wrong security are reported by route. */
    @Test
    void theChecksNameTheRoutesThatDrift() {
        Map<Route, Access> template = Map.of(
                new Route("GET", "/health"), Access.PUBLIC,
                new Route("GET", "/api/things"), Access.OPTIONAL,
                new Route("POST", "/api/things"), Access.REQUIRED);
        Map<String, Object> drifted = parseYaml("""
                openapi: 3.0.3
                security: [{bearerAuth: []}]
                components: {securitySchemes: {bearerAuth: {type: http, scheme: bearer}}}
                paths:
                  /health:
                    get: {responses: {'200': {description: ok}}}
                  /api/things:
                    get:
                      security: [{bearerAuth: []}]
                      responses: {'200': {description: ok}}
                  /api/things/{id}:
                    delete: {responses: {'401': {description: no}}}
                """);
        Map<Route, Map<String, Object>> operations = operationsOf(drifted);

        assertThat(routeProblems(template.keySet(), operations.keySet())).containsExactly(
                "in template.yaml but not in docs/openapi.yaml: [POST /api/things]",
                "in docs/openapi.yaml but not in template.yaml: [DELETE /api/things/{id}]");
        assertThat(securityProblems(template, operations, drifted)).containsExactly(
                "GET /api/things: optional auth needs security [{}, {<bearer scheme>: []}], has [{bearerAuth=[]}]",
                "GET /health: public route needs security [], has [{bearerAuth=[]}]");
        assertThat(responseProblems(template, operations)).containsExactly(
                "GET /api/things: no 401 response (the route takes a token)",
                "DELETE /api/things/{id}: no 2xx response");
    }

    // ---------------------------------------------------------------- reading both sides

    static Map<Route, Access> routesOf(TemplateModel model) {
        Map<Route, Access> routes = new TreeMap<>();
        for (RestApiDef api : model.restApis()) {
            for (ApiRouteDef route : api.routes()) {
                String authorizer = route.authorizer() != null ? route.authorizer() : api.defaultAuthorizer();
                Access access;
                if (authorizer == null || authorizer.equals("NONE")) {
                    access = Access.PUBLIC;
                } else {
                    AuthorizerDef definition = api.authorizers().get(authorizer);
                    assertThat(definition).as(route.method() + " " + route.path() + ": authorizer " + authorizer)
                            .isNotNull();
                    boolean hasIdentitySource = !definition.identityHeaders().isEmpty()
                            || !definition.identityQueryStrings().isEmpty();
                    access = hasIdentitySource ? Access.REQUIRED : Access.OPTIONAL;
                }
                routes.put(new Route(route.method().toUpperCase(Locale.ROOT), route.path()), access);
            }
        }
        return routes;
    }

    static Map<String, Object> parseYaml(String yaml) {
        Object loaded = new Load(LoadSettings.builder().build()).loadFromString(yaml);
        assertThat(loaded).as("docs/openapi.yaml root").isInstanceOf(Map.class);
        return map(loaded);
    }

    static Map<Route, Map<String, Object>> operationsOf(Map<String, Object> document) {
        Map<Route, Map<String, Object>> operations = new TreeMap<>();
        for (Map.Entry<String, Object> path : map(document.get("paths")).entrySet()) {
            for (Map.Entry<String, Object> item : map(path.getValue()).entrySet()) {
                if (HTTP_METHODS.contains(item.getKey())) {
                    operations.put(new Route(item.getKey().toUpperCase(Locale.ROOT), path.getKey()),
                            map(item.getValue()));
                }
            }
        }
        return operations;
    }

    private static int pathCount(Map<String, Object> document) {
        return map(document.get("paths")).size();
    }

    // ---------------------------------------------------------------- checks (each returns what is wrong)

    static List<String> routeProblems(Set<Route> inTemplate, Set<Route> inDocument) {
        Set<Route> missing = new TreeSet<>(inTemplate);
        missing.removeAll(inDocument);
        Set<Route> extra = new TreeSet<>(inDocument);
        extra.removeAll(inTemplate);
        List<String> problems = new ArrayList<>();
        if (!missing.isEmpty()) {
            problems.add("in template.yaml but not in docs/openapi.yaml: " + missing);
        }
        if (!extra.isEmpty()) {
            problems.add("in docs/openapi.yaml but not in template.yaml: " + extra);
        }
        return problems;
    }

    static List<String> securityProblems(Map<Route, Access> template, Map<Route, Map<String, Object>> operations,
            Map<String, Object> document) {
        Set<String> bearerSchemes = new TreeSet<>();
        map(map(document.get("components")).get("securitySchemes")).forEach((name, scheme) -> {
            Map<String, Object> definition = map(scheme);
            if ("http".equals(definition.get("type"))
                    && "bearer".equalsIgnoreCase(String.valueOf(definition.get("scheme")))) {
                bearerSchemes.add(name);
            }
        });
        List<String> problems = new ArrayList<>();
        for (Map.Entry<Route, Map<String, Object>> operation : operations.entrySet()) {
            Access access = template.get(operation.getKey());
            if (access == null) {
                continue; // reported by routeProblems
            }
            // An operation's own security replaces the document's default (OpenAPI 3.0.3, Operation Object).
            Object declared = operation.getValue().containsKey("security")
                    ? operation.getValue().get("security") : document.get("security");
            List<Map<String, Object>> requirements = declared == null ? List.of()
                    : list(declared).stream().map(OpenApiContractTest::map).toList();
            long anonymous = requirements.stream().filter(Map::isEmpty).count();
            long bearer = requirements.stream()
                    .filter(r -> !r.isEmpty() && bearerSchemes.containsAll(r.keySet())).count();
            boolean fits = switch (access) {
                case PUBLIC -> requirements.isEmpty();
                case REQUIRED -> bearer > 0 && bearer == requirements.size();
                case OPTIONAL -> anonymous > 0 && bearer > 0 && anonymous + bearer == requirements.size();
            };
            if (!fits) {
                String expected = switch (access) {
                    case PUBLIC -> "public route needs security []";
                    case REQUIRED -> "route behind the token authorizer needs security [{<bearer scheme>: []}]";
                    case OPTIONAL -> "optional auth needs security [{}, {<bearer scheme>: []}]";
                };
                problems.add(operation.getKey() + ": " + expected + ", has " + requirements);
            }
        }
        return problems;
    }

    static List<String> responseProblems(Map<Route, Access> template, Map<Route, Map<String, Object>> operations) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<Route, Map<String, Object>> operation : operations.entrySet()) {
            Set<String> statuses = new TreeSet<>();
            map(operation.getValue().get("responses")).keySet().forEach(status -> statuses.add(status.toUpperCase(
                    Locale.ROOT)));
            if (statuses.stream().noneMatch(status -> status.startsWith("2"))) {
                problems.add(operation.getKey() + ": no 2xx response");
            }
            Access access = template.get(operation.getKey());
            if (access != null && access != Access.PUBLIC && !statuses.contains("401")) {
                problems.add(operation.getKey() + ": no 401 response (the route takes a token)");
            }
        }
        return problems;
    }

    // ---------------------------------------------------------------- YAML helpers

    /** A YAML mapping with its keys as strings (an unquoted {@code 200:} loads as an Integer). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        if (value == null) {
            return Map.of();
        }
        assertThat(value).as("expected a YAML mapping").isInstanceOf(Map.class);
        Map<String, Object> keyed = new TreeMap<>();
        ((Map<Object, Object>) value).forEach((key, item) -> keyed.put(String.valueOf(key), item));
        return keyed;
    }

    private static List<Object> list(Object value) {
        if (value == null) {
            return List.of();
        }
        assertThat(value).as("expected a YAML sequence").isInstanceOf(List.class);
        return List.copyOf((List<?>) value);
    }
}
