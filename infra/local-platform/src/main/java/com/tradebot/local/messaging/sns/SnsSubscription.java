package com.tradebot.local.messaging.sns;

import com.tradebot.local.messaging.sqs.ProvisionedQueue;
import java.util.List;

/** An sqs-protocol subscription of a topic. filterPolicy is null when every message is delivered. */
public record SnsSubscription(String arn, ProvisionedQueue queue, boolean rawMessageDelivery,
                              FilterPolicy filterPolicy) {

    boolean accepts(List<SnsMessageAttribute> attributes) {
        return filterPolicy == null || filterPolicy.matches(attributes);
    }
}
