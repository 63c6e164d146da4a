package com.tradebot.local.messaging.sqs;

import com.tradebot.local.template.QueueDef;


/** A queue as ElasticMQ created it: the spec plus the URL and ARN it reported. */
public record ProvisionedQueue(QueueDef spec, String url, String arn) {

    public boolean fifo() {
        return spec.fifo();
    }
}
