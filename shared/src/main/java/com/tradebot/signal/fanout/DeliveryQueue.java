package com.tradebot.signal.fanout;

import java.util.List;

/** Where the dispatcher puts delivery batches (the deliveries SQS queue). Returns the number of send requests made. */
public interface DeliveryQueue {
    int send(List<DeliveryBatch> batches);
}
