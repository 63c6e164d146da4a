package com.tradebot.local.messaging;

import com.tradebot.local.template.QueueDef;
import com.tradebot.local.template.ScheduleDef;
import com.tradebot.local.template.SqsEventSourceDef;
import com.tradebot.local.template.SubscriptionDef;
import com.tradebot.local.template.TopicDef;
import java.util.List;

/** Everything of the template that the local messaging runs: queues, topics and what consumes them. */
public record MessagingSpec(List<QueueDef> queues, List<TopicDef> topics, List<SubscriptionDef> subscriptions,
                            List<SqsEventSourceDef> eventSources, List<ScheduleDef> schedules) {

    public MessagingSpec {
        queues = List.copyOf(queues == null ? List.of() : queues);
        topics = List.copyOf(topics == null ? List.of() : topics);
        subscriptions = List.copyOf(subscriptions == null ? List.of() : subscriptions);
        eventSources = List.copyOf(eventSources == null ? List.of() : eventSources);
        schedules = List.copyOf(schedules == null ? List.of() : schedules);
    }
}
