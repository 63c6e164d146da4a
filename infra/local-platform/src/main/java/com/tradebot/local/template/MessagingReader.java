package com.tradebot.local.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** SQS queues, SNS topics and subscriptions, and the functions' SQS and schedule events. */
final class MessagingReader {
    private final CfnTemplate template;
    private final TemplateValues values;

    MessagingReader(TemplateValues values) {
        this.template = values.template();
        this.values = values;
    }

    List<QueueDef> queues() {
        List<QueueDef> queues = new ArrayList<>();
        for (CfnResource queue : template.resourcesOfType("AWS::SQS::Queue")) {
            Map<String, Object> properties = queue.properties();
            Map<String, Object> redrive = CfnTemplate.map(properties.get("RedrivePolicy"));
            String deadLetterQueue = redrive.isEmpty() ? null
                    : values.logicalIdOfArn(redrive.get("deadLetterTargetArn"), "AWS::SQS::Queue");
            queues.add(new QueueDef(queue.logicalId(), template.queueName(queue.logicalId()),
                    values.bool(properties.get("FifoQueue"), false), values.bool(properties.get("ContentBasedDeduplication"), false),
                    values.intValue(properties.get("VisibilityTimeout"), 30),
                    values.intValue(properties.get("MessageRetentionPeriod"), 345600),
                    values.intValue(properties.get("DelaySeconds"), 0), deadLetterQueue,
                    values.intValue(redrive.get("maxReceiveCount"), 0)));
        }
        return queues;
    }

    List<TopicDef> topics() {
        List<TopicDef> topics = new ArrayList<>();
        for (CfnResource topic : template.resourcesOfType("AWS::SNS::Topic")) {
            topics.add(new TopicDef(topic.logicalId(), template.topicName(topic.logicalId()),
                    values.bool(topic.properties().get("FifoTopic"), false)));
        }
        return topics;
    }

    List<SubscriptionDef> subscriptions() {
        List<SubscriptionDef> subscriptions = new ArrayList<>();
        for (CfnResource topic : template.resourcesOfType("AWS::SNS::Topic")) {
            if (topic.properties().get("Subscription") instanceof List<?> inline) {
                for (Object item : inline) {
                    Map<String, Object> subscription = CfnTemplate.map(item);
                    requireSqsProtocol(subscription, topic.logicalId());
                    subscriptions.add(new SubscriptionDef(topic.logicalId(),
                            values.logicalIdOfArn(subscription.get("Endpoint"), "AWS::SQS::Queue"), false, null));
                }
            }
        }
        for (CfnResource resource : template.resourcesOfType("AWS::SNS::Subscription")) {
            Map<String, Object> properties = resource.properties();
            requireSqsProtocol(properties, resource.logicalId());
            Object filter = template.resolve(properties.get("FilterPolicy"));
            subscriptions.add(new SubscriptionDef(values.logicalIdOfArn(properties.get("TopicArn"), "AWS::SNS::Topic"),
                    values.logicalIdOfArn(properties.get("Endpoint"), "AWS::SQS::Queue"),
                    values.bool(properties.get("RawMessageDelivery"), false), filter == null ? null : values.json(filter)));
        }
        return subscriptions;
    }

    private void requireSqsProtocol(Map<String, Object> subscription, String where) {
        if (!"sqs".equalsIgnoreCase(values.text(subscription.get("Protocol")))) {
            throw new TemplateException(where + ": the local platform delivers SNS to SQS subscriptions only");
        }
    }

    List<SqsEventSourceDef> sqsEventSources() {
        List<SqsEventSourceDef> sources = new ArrayList<>();
        for (CfnResource function : template.resourcesOfType("AWS::Serverless::Function")) {
            for (Object event : CfnTemplate.map(function.properties().get("Events")).values()) {
                Map<String, Object> definition = CfnTemplate.map(event);
                if (!"SQS".equals(definition.get("Type"))) {
                    continue;
                }
                Map<String, Object> properties = CfnTemplate.map(definition.get("Properties"));
                boolean reportFailures = values.strings(properties.get("FunctionResponseTypes"))
                        .contains("ReportBatchItemFailures");
                sources.add(new SqsEventSourceDef(function.logicalId(),
                        values.logicalIdOfArn(properties.get("Queue"), "AWS::SQS::Queue"),
                        values.intValue(properties.get("BatchSize"), 10),
                        values.intValue(properties.get("MaximumBatchingWindowInSeconds"), 0), reportFailures,
                        values.bool(properties.get("Enabled"), true), values.intValue(CfnTemplate.map(
                                properties.get("ScalingConfig")).get("MaximumConcurrency"), 1)));
            }
        }
        return sources;
    }

    List<ScheduleDef> schedules() {
        List<ScheduleDef> schedules = new ArrayList<>();
        for (CfnResource function : template.resourcesOfType("AWS::Serverless::Function")) {
            for (Map.Entry<String, Object> event : CfnTemplate.map(function.properties().get("Events")).entrySet()) {
                Map<String, Object> definition = CfnTemplate.map(event.getValue());
                String type = values.text(definition.get("Type"));
                if (!"Schedule".equals(type) && !"ScheduleV2".equals(type)) {
                    continue;
                }
                Map<String, Object> properties = CfnTemplate.map(template.resolve(definition.get("Properties")));
                String expression = values.text(properties.get("Schedule".equals(type) ? "Schedule" : "ScheduleExpression"));
                boolean enabled = values.bool(properties.get("Enabled"), true)
                        && !"DISABLED".equals(values.text(properties.get("State")));
                Object input = properties.get("Input");
                schedules.add(new ScheduleDef(Objects.requireNonNullElse(values.text(properties.get("Name")), event.getKey()),
                        function.logicalId(), expression,
                        input == null ? null : input instanceof String s ? s : values.json(input), enabled));
            }
        }
        return schedules;
    }
}
