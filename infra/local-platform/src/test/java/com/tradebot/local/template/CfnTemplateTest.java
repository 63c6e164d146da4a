package com.tradebot.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CfnTemplateTest {
    private LocalBindings bindings;

    @BeforeEach
    void setUp() {
        bindings = new LocalBindings();
        bindings.restEndpoint(URI.create("http://127.0.0.1:4000"));
        bindings.webSocketEndpoint(URI.create("ws://127.0.0.1:4001"));
        bindings.queueUrls(id -> "http://127.0.0.1:9999/000000000000/" + id);
    }

    private TemplateModel model(Map<String, String> overrides) {
        return new TemplateModel(CfnTemplate.load(TestTemplates.localTestTemplate(), overrides, bindings));
    }

    @Test
    void resolvesIntrinsicsGlobalsAndLocalUrlsInFunctionEnvironment() {
        FunctionDef echo = model(Map.of()).function("EchoFunction");

        assertThat(echo.functionName()).isEqualTo("tradebot-local-echo");
        assertThat(echo.runtime()).isEqualTo("java21");
        assertThat(echo.timeoutSeconds()).isEqualTo(10);
        assertThat(echo.memorySizeMb()).isEqualTo(512);
        assertThat(echo.handlerClassName()).isEqualTo("com.tradebot.local.lambda.fixtures.EchoHandler");
        assertThat(echo.environment())
                .containsEntry("GREETING", "hello")
                .containsEntry("STAGE", "test")
                .containsEntry("FEATURE", "beta")
                .containsEntry("ECHO_ARN", "arn:aws:lambda:us-east-1:000000000000:function:tradebot-local-echo")
                .containsEntry("REST_URL", "http://127.0.0.1:4000")
                .containsEntry("WS_MANAGEMENT_URL", "http://127.0.0.1:4001/test")
                .containsEntry("JOINED", "000000000000-aws-y")
                .containsEntry("ESCAPED", "${Literal}-amazonaws.com")
                .containsEntry("VARS", "hello@us-east-1a")
                .containsEntry("ENCODED", "aGk=")
                .doesNotContainKey("MAYBE");
    }

    @Test
    void parameterOverridesAndConditionsChangeTheModel() {
        TemplateModel model = model(Map.of("Greeting", "bonjour", "EnableExtras", "true"));

        assertThat(model.function("EchoFunction").environment())
                .containsEntry("GREETING", "bonjour")
                .containsEntry("MAYBE", "extras");
        assertThat(model.functions()).extracting(FunctionDef::logicalId).contains("ExtrasFunction");
        assertThat(model(Map.of()).functions()).extracting(FunctionDef::logicalId).doesNotContain("ExtrasFunction");
    }

    @Test
    void rejectsBadParameterValues() {
        assertThatThrownBy(() -> model(Map.of("EnableExtras", "maybe")))
                .hasMessageContaining("EnableExtras");
        assertThatThrownBy(() -> model(Map.of("Nope", "x"))).hasMessageContaining("Nope");
    }

    @Test
    void readsRestApiWithAuthorizersGatewayResponsesCorsAndThrottling() {
        RestApiDef api = model(Map.of()).restApis().get(0);

        assertThat(api.stageName()).isEqualTo("test");
        assertThat(api.defaultAuthorizer()).isEqualTo("TokenAuth");
        assertThat(api.authorizers().get("TokenAuth").functionLogicalId()).isEqualTo("AuthorizerFunction");
        assertThat(api.authorizers().get("TokenAuth").identityHeaders()).containsExactly("Authorization");
        assertThat(api.authorizers().get("QueryAuth").identityQueryStrings()).containsExactly("token");
        assertThat(api.authorizers().get("QueryAuth").reauthorizeEverySeconds()).isEqualTo(300);
        assertThat(api.gatewayResponses().get("UNAUTHORIZED").headers())
                .containsEntry("Access-Control-Allow-Origin", "*");
        assertThat(api.cors().allowOrigin()).isEqualTo("*");
        assertThat(api.throttling()).singleElement().satisfies(throttle -> {
            assertThat(throttle.burstLimit()).isEqualTo(2);
            assertThat(throttle.resourcePath()).isEqualTo("/~1throttled");
        });
        assertThat(api.routes()).contains(
                new ApiRouteDef("Api", "EchoFunction", "ANY", "/echo/{id}", "NONE"),
                new ApiRouteDef("Api", "EchoFunction", "GET", "/private/{id}", null),
                new ApiRouteDef("Api", "EchoFunction", "GET", "/query-private", "QueryAuth"));
    }

    @Test
    void readsWafRateRuleOfTheAclAssociatedWithTheApi() {
        TemplateModel model = model(Map.of());
        assertThat(model.wafRateRules()).isEqualTo(model.restApis().get(0).wafRateRules());
        assertThat(model.wafRateRulesOf("NoSuchApi")).isEmpty();
        assertThat(model.restApis().get(0).wafRateRules()).singleElement().satisfies(rule -> {
            assertThat(rule.limit()).isEqualTo(3);
            assertThat(rule.windowSeconds()).isEqualTo(60);
            assertThat(rule.uriMatch()).isEqualTo("STARTS_WITH");
            assertThat(rule.uriSearchString()).isEqualTo("/limited");
            assertThat(rule.blockStatus()).isEqualTo(429);
            assertThat(rule.blockContentType()).isEqualTo("application/json");
            assertThat(rule.blockHeaders()).containsEntry("Retry-After", "60");
        });
    }

    @Test
    void readsWebSocketApiRoutesIntegrationsAndAuthorizer() {
        WebSocketApiDef api = model(Map.of()).webSocketApis().get(0);

        assertThat(api.stageName()).isEqualTo("test");
        assertThat(api.routeSelectionExpression()).isEqualTo("$request.body.action");
        assertThat(api.routes().keySet()).containsExactlyInAnyOrder("$connect", "$disconnect", "echo", "$default",
                "silent");
        assertThat(api.routes().get("$connect").functionLogicalId()).isEqualTo("WsConnectFunction");
        assertThat(api.routes().get("$connect").authorizer().functionLogicalId()).isEqualTo("AuthorizerFunction");
        assertThat(api.routes().get("$connect").authorizer().identitySources())
                .containsExactly("route.request.querystring.token");
        assertThat(api.routes().get("echo").functionLogicalId()).isEqualTo("WsMessageFunction");
        assertThat(api.routes().get("echo").sendsResponse()).isTrue();
        assertThat(api.routes().get("silent").sendsResponse()).isFalse();
    }

    @Test
    void unknownReferencesAreErrorsThatNameTheReference() {
        String yaml = """
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: x.Y
                      Environment:
                        Variables:
                          TABLE: !Ref MissingTable
                """;
        TemplateModel model = new TemplateModel(CfnTemplate.parse(yaml, Path.of("."), Map.of(), bindings));

        assertThatThrownBy(model::functions).hasMessageContaining("MissingTable").hasMessageContaining("TABLE");
    }

    @Test
    void importValueIsAnError() {
        String yaml = """
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: x.Y
                      Environment:
                        Variables:
                          SHARED: !ImportValue other-stack-output
                """;
        TemplateModel model = new TemplateModel(CfnTemplate.parse(yaml, Path.of("."), Map.of(), bindings));

        assertThatThrownBy(model::functions).hasMessageContaining("ImportValue")
                .hasMessageContaining("other-stack-output");
    }

    @Test
    void resolvesLongFormsAndMessagingResources() {
        String yaml = """
                Resources:
                  Table:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      TableName: {"Fn::Sub": "${AWS::StackName}-main"}
                      BillingMode: PAY_PER_REQUEST
                  Dlq:
                    Type: AWS::SQS::Queue
                    Properties:
                      QueueName: work-dlq
                  Work:
                    Type: AWS::SQS::Queue
                    Properties:
                      FifoQueue: true
                      VisibilityTimeout: 45
                      RedrivePolicy:
                        deadLetterTargetArn: {"Fn::GetAtt": ["Dlq", "Arn"]}
                        maxReceiveCount: 4
                  Signals:
                    Type: AWS::SNS::Topic
                  Sub:
                    Type: AWS::SNS::Subscription
                    Properties:
                      TopicArn: !Ref Signals
                      Protocol: sqs
                      Endpoint: !GetAtt Dlq.Arn
                      RawMessageDelivery: true
                      FilterPolicy: {kind: [signal]}
                  Worker:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: x.Y
                      Environment:
                        Variables:
                          TABLE: {"Ref": "Table"}
                          TABLE_ARN: !GetAtt Table.Arn
                          QUEUE_URL: !Ref Work
                          QUEUE_NAME: !GetAtt Work.QueueName
                          TOPIC: !Ref Signals
                      Events:
                        Jobs:
                          Type: SQS
                          Properties:
                            Queue: !GetAtt Work.Arn
                            BatchSize: 5
                            FunctionResponseTypes: [ReportBatchItemFailures]
                        Nightly:
                          Type: Schedule
                          Properties:
                            Schedule: cron(0 2 * * ? *)
                            Input: '{"job":"nightly"}'
                """;
        TemplateModel model = new TemplateModel(CfnTemplate.parse(yaml, Path.of("."), Map.of(), bindings));

        assertThat(model.function("Worker").environment())
                .containsEntry("TABLE", "tradebot-local-main")
                .containsEntry("TABLE_ARN", "arn:aws:dynamodb:us-east-1:000000000000:table/tradebot-local-main")
                .containsEntry("QUEUE_URL", "http://127.0.0.1:9999/000000000000/Work")
                .containsEntry("QUEUE_NAME", "tradebot-local-Work.fifo")
                .containsEntry("TOPIC", "arn:aws:sns:us-east-1:000000000000:tradebot-local-Signals");
        assertThat(model.queues()).contains(
                new QueueDef("Work", "tradebot-local-Work.fifo", true, false, 45, 345600, 0, "Dlq", 4));
        assertThat(model.subscriptions()).containsExactly(
                new SubscriptionDef("Signals", "Dlq", true, "{\"kind\":[\"signal\"]}"));
        assertThat(model.sqsEventSources()).containsExactly(
                new SqsEventSourceDef("Worker", "Work", 5, 0, true, true));
        assertThat(model.schedules()).containsExactly(
                new ScheduleDef("Nightly", "Worker", "cron(0 2 * * ? *)", "{\"job\":\"nightly\"}", true));
        assertThat(model.tables()).singleElement().satisfies(table -> {
            assertThat(table.tableName()).isEqualTo("tradebot-local-main");
            assertThat(table.properties()).containsEntry("BillingMode", "PAY_PER_REQUEST");
        });
        assertThat(model.topics()).extracting(TopicDef::topicName).containsExactly("tradebot-local-Signals");
        List<String> ids = model.functions().stream().map(FunctionDef::logicalId).toList();
        assertThat(ids).containsExactly("Worker");
    }
}
