package com.tradebot.local.template;

import java.util.List;

/**
 * Reads the parts the local platform runs out of a {@link CfnTemplate}, one reader per resource family behind this
 * facade. Methods that resolve values which depend on running services (queue URLs, gateway URLs) must be called once
 * those are in {@link LocalBindings}: names, routes, queues and topics need none; {@link #functions()} and
 * {@link #stateMachines()} may.
 */
public final class TemplateModel {
    private final CfnTemplate template;
    private final FunctionReader functions;
    private final RestApiReader restApis;
    private final WafReader waf;
    private final WebSocketApiReader webSocketApis;
    private final TableReader tables;
    private final MessagingReader messaging;
    private final StateMachineReader stateMachines;

    public TemplateModel(CfnTemplate template) {
        this.template = template;
        TemplateValues values = new TemplateValues(template);
        this.functions = new FunctionReader(values);
        this.waf = new WafReader(values);
        this.restApis = new RestApiReader(values, functions, waf);
        this.webSocketApis = new WebSocketApiReader(values, functions);
        this.tables = new TableReader(values);
        this.messaging = new MessagingReader(values);
        this.stateMachines = new StateMachineReader(values);
    }

    public CfnTemplate template() {
        return template;
    }

    public List<FunctionDef> functions() {
        return functions.functions();
    }

    public FunctionDef function(String logicalId) {
        return functions.function(logicalId);
    }

    /** The logical id of the function whose ARN appears in {@code text} (an ARN or an integration URI). */
    public String functionIdInArn(String text) {
        return functions.functionIdInArn(text);
    }

    /** The logical id of the function with this ARN (possibly qualified) or name; null when none has it. */
    public String functionIdForArnOrName(String arnOrName) {
        return functions.functionIdForArnOrName(arnOrName);
    }

    public List<RestApiDef> restApis() {
        return restApis.restApis();
    }

    /** The rate rules of every web ACL of the template. */
    public List<WafRateRuleDef> wafRateRules() {
        return waf.wafRateRules();
    }

    /** The rate rules of the web ACLs that a WebACLAssociation attaches to this REST API's stage. */
    public List<WafRateRuleDef> wafRateRulesOf(String restApiLogicalId) {
        return waf.wafRateRulesOf(restApiLogicalId);
    }

    public List<WebSocketApiDef> webSocketApis() {
        return webSocketApis.webSocketApis();
    }

    public List<TableDef> tables() {
        return tables.tables();
    }

    public List<QueueDef> queues() {
        return messaging.queues();
    }

    public List<TopicDef> topics() {
        return messaging.topics();
    }

    public List<SubscriptionDef> subscriptions() {
        return messaging.subscriptions();
    }

    public List<SqsEventSourceDef> sqsEventSources() {
        return messaging.sqsEventSources();
    }

    public List<ScheduleDef> schedules() {
        return messaging.schedules();
    }

    public List<StateMachineDef> stateMachines() {
        return stateMachines.stateMachines();
    }
}
