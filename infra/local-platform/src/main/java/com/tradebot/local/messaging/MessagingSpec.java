package com.tradebot.local.messaging;

import java.util.List;

/** Everything of the template that the local messaging runs: queues, topics and what consumes them. */
public record MessagingSpec(List<QueueSpec> queues, List<TopicSpec> topics, List<SubscriptionSpec> subscriptions,
                            List<SqsEventSourceSpec> eventSources, List<ScheduleSpec> schedules) {

    public MessagingSpec {
        queues = List.copyOf(queues == null ? List.of() : queues);
        topics = List.copyOf(topics == null ? List.of() : topics);
        subscriptions = List.copyOf(subscriptions == null ? List.of() : subscriptions);
        eventSources = List.copyOf(eventSources == null ? List.of() : eventSources);
        schedules = List.copyOf(schedules == null ? List.of() : schedules);
    }
}
