package com.tradebot.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The project's own template.yaml: everything the local platform reads resolves, and handlers fit their events. */
public class ProjectTemplateTest {
    private TemplateModel model;

    public static Path projectTemplate() {
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            if (Files.isRegularFile(directory.resolve("template.yaml"))) {
                return directory.resolve("template.yaml");
            }
        }
        throw new IllegalStateException("template.yaml not found above " + Path.of("").toAbsolutePath());
    }

    @BeforeEach
    void load() {
        LocalBindings bindings = new LocalBindings();
        bindings.restEndpoint(URI.create("http://127.0.0.1:3000"));
        bindings.webSocketEndpoint(URI.create("http://127.0.0.1:3001"));
        bindings.queueUrls(id -> "http://127.0.0.1:9324/000000000000/" + id);
        model = new TemplateModel(CfnTemplate.load(projectTemplate(), Map.of(), bindings));
    }

    @Test
    void everyPartTheLocalPlatformRunsResolves() {
        assertThat(model.functions()).isNotEmpty();
        assertThat(model.restApis()).isNotEmpty();
        assertThat(model.restApis()).allSatisfy(api -> assertThat(api.routes()).isNotEmpty());
        assertThat(model.webSocketApis()).singleElement()
                .satisfies(api -> assertThat(api.routes()).containsKeys("$connect", "$disconnect", "$default"));
        model.wafRateRules();
        model.tables();
        model.queues();
        model.topics();
        model.subscriptions();
        model.sqsEventSources();
        model.schedules();
        model.stateMachines().forEach(machine -> assertThat(machine.definitionJson()).doesNotContain("${"));
    }

    @Test
    void localApiUrlsInEnvironmentPointAtTheLocalGateways() {
        for (FunctionDef function : model.functions()) {
            function.environment().values().forEach(value ->
                    assertThat(value).as(function.logicalId()).doesNotContain("execute-api"));
        }
    }

    @Test
    void everyHandlerIsAClassThatTakesTheEventsOfItsTriggers() throws Exception {
        Set<String> apiFunctions = new HashSet<>();
        model.restApis().forEach(api -> api.routes().forEach(route -> apiFunctions.add(route.functionLogicalId())));
        Set<String> authorizerFunctions = new HashSet<>();
        model.restApis().forEach(api -> api.authorizers().values()
                .forEach(authorizer -> authorizerFunctions.add(authorizer.functionLogicalId())));
        Set<String> webSocketFunctions = new HashSet<>();
        model.webSocketApis().forEach(api -> api.routes().values().forEach(route -> {
            webSocketFunctions.add(route.functionLogicalId());
            if (route.authorizer() != null) {
                authorizerFunctions.add(route.authorizer().functionLogicalId());
            }
        }));
        Set<String> sqsFunctions = new HashSet<>();
        model.sqsEventSources().forEach(source -> sqsFunctions.add(source.functionLogicalId()));
        Set<String> scheduledFunctions = new HashSet<>();
        model.schedules().forEach(schedule -> scheduledFunctions.add(schedule.functionLogicalId()));

        List<String> problems = new ArrayList<>();
        for (FunctionDef function : model.functions()) {
            Class<?> handler = Class.forName(function.handlerClassName());
            handler.getDeclaredConstructor(); // Lambda needs a no-arg constructor
            if (RequestStreamHandler.class.isAssignableFrom(handler)) {
                continue;
            }
            if (!RequestHandler.class.isAssignableFrom(handler)) {
                problems.add(function.logicalId() + ": " + handler.getName() + " is not a RequestHandler");
                continue;
            }
            JavaType[] types = TypeFactory.defaultInstance().findTypeParameters(handler, RequestHandler.class);
            Class<?> input = types.length == 0 ? Object.class : types[0].getRawClass();
            expect(problems, function, input, apiFunctions, APIGatewayProxyRequestEvent.class);
            expect(problems, function, input, authorizerFunctions, APIGatewayCustomAuthorizerEvent.class);
            expect(problems, function, input, webSocketFunctions, APIGatewayV2WebSocketEvent.class);
            expect(problems, function, input, sqsFunctions, SQSEvent.class);
            expect(problems, function, input, scheduledFunctions, ScheduledEvent.class);
        }
        assertThat(problems).isEmpty();
    }

    /** A function triggered this way must take this event type; a scheduled one may also take a Map or JSON tree. */
    private static void expect(List<String> problems, FunctionDef function, Class<?> input, Set<String> triggered,
            Class<?> eventType) {
        if (!triggered.contains(function.logicalId())) {
            return;
        }
        boolean generic = input == Object.class || Map.class.isAssignableFrom(input)
                || input.getName().equals("com.fasterxml.jackson.databind.JsonNode");
        boolean fits = input == eventType || (eventType == ScheduledEvent.class && generic);
        if (!fits) {
            problems.add(function.logicalId() + " takes " + input.getName() + " but is triggered with "
                    + eventType.getSimpleName());
        }
    }
}
