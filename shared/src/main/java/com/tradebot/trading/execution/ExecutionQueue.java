package com.tradebot.trading.execution;

import java.util.List;

/** Where execution and close requests go (the SQS FIFO executions queue on AWS and locally). */
public interface ExecutionQueue {
    /** Queues the requests; returns the number of send requests made. Failure of any entry throws. */
    int send(List<ExecutionRequest> requests);

    /** Queues close requests of ended signals, on the same queue and terms. */
    int sendCloses(List<SignalCloseRequest> requests);
}
