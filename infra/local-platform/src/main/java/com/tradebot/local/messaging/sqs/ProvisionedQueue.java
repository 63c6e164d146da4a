package com.tradebot.local.messaging.sqs;

import com.tradebot.local.messaging.QueueSpec;

/** A queue as ElasticMQ created it: the spec plus the URL and ARN it reported. */
public record ProvisionedQueue(QueueSpec spec, String url, String arn) {

    public boolean fifo() {
        return spec.fifo();
    }
}
