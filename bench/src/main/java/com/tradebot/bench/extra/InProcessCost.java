package com.tradebot.bench.extra;

import com.tradebot.dynamodb.DynamoDbEngine;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The engine's own cost per call without HTTP: one thread calls {@code handle(operation, body)} on an in-process,
 * in-memory engine and reads its own allocated bytes and CPU time around each round. Heap bytes per call do not
 * depend on the machine's load (CPU time does), so this is the figure to compare on a busy machine.
 * <pre>
 * java -XX:+UseParallelGC -cp bench/target/tradebot-bench.jar:$(cat bench/target/classpath.txt) \
 *      com.tradebot.bench.extra.InProcessCost put 200000
 * </pre>
 * Operations: put, get, query (100 items), transact (4 puts), as in the HTTP benchmark. The process CPU per call adds
 * what the collector and the JIT compiler spend (compare collectors with it: {@code -XX:+UseSerialGC} and so on).
 */
public final class InProcessCost {
    private static final int BODIES = 10_000;
    private static final String PAYLOAD = "x".repeat(64);

    private InProcessCost() {
    }

    public static void main(String[] args) {
        String op = args.length > 0 ? args[0] : "put";
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 6;
        DynamoDbEngine engine = DynamoDbEngine.builder().dataDir(null).startInProcess();
        engine.handle("CreateTable", utf8("{\"TableName\":\"bench\",\"BillingMode\":\"PAY_PER_REQUEST\","
                + "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"},"
                + "{\"AttributeName\":\"sk\",\"AttributeType\":\"S\"}],\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},"
                + "{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}]}"));
        for (int i = 0; i < BODIES; i++) {
            engine.handle("PutItem", utf8("{\"TableName\":\"bench\",\"Item\":" + item("p" + (i % 100), "s" + i, i) + "}"));
        }
        String operation;
        byte[][] bodies = new byte[BODIES][];
        switch (op) {
            case "put" -> {
                operation = "PutItem";
                for (int i = 0; i < BODIES; i++) {
                    bodies[i] = utf8("{\"TableName\":\"bench\",\"Item\":" + item("w" + (i % 100), "s" + i, i) + "}");
                }
            }
            case "get" -> {
                operation = "GetItem";
                for (int i = 0; i < BODIES; i++) {
                    bodies[i] = utf8("{\"TableName\":\"bench\",\"Key\":{\"pk\":{\"S\":\"p" + (i % 100) + "\"},\"sk\":{\"S\":\"s" + i + "\"}}}");
                }
            }
            case "query" -> {
                operation = "Query";
                for (int i = 0; i < BODIES; i++) {
                    bodies[i] = utf8("{\"TableName\":\"bench\",\"KeyConditionExpression\":\"pk = :p\","
                            + "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"p" + (i % 100) + "\"}}}");
                }
            }
            case "transact" -> {
                operation = "TransactWriteItems";
                for (int i = 0; i < BODIES; i++) {
                    StringBuilder body = new StringBuilder("{\"ClientRequestToken\":\"t" + i + "\",\"TransactItems\":[");
                    for (int j = 0; j < 4; j++) {
                        body.append(j > 0 ? "," : "").append("{\"Put\":{\"TableName\":\"bench\",\"Item\":")
                                .append(item("tx" + (i % 100), "s" + i + "-" + j, i)).append("}}");
                    }
                    bodies[i] = utf8(body.append("]}").toString());
                }
            }
            default -> throw new IllegalArgumentException("put, get, query or transact");
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int round = 1; round <= rounds; round++) {
            long allocated = threads.getThreadAllocatedBytes(thread);
            long processCpu = os.getProcessCpuTime();
            long cpu = threads.getCurrentThreadCpuTime();
            int statusSeen = 0;
            for (int i = 0; i < calls; i++) {
                statusSeen |= engine.handle(operation, bodies[i % BODIES]).status();
            }
            cpu = threads.getCurrentThreadCpuTime() - cpu;
            processCpu = os.getProcessCpuTime() - processCpu;
            allocated = threads.getThreadAllocatedBytes(thread) - allocated;
            if (statusSeen != 200) {
                throw new IllegalStateException(operation + " answered other than 200: " + statusSeen);
            }
            // the process figure adds the collector's and the JIT compiler's threads to the calling thread's own
            System.out.printf(Locale.ROOT, "%s round %d: %.2f µs CPU/call (process: %.2f), %d heap bytes/call%n",
                    operation, round, cpu / 1000.0 / calls, processCpu / 1000.0 / calls, allocated / calls);
        }
    }

    private static String item(String pk, String sk, int n) {
        return "{\"pk\":{\"S\":\"" + pk + "\"},\"sk\":{\"S\":\"" + sk + "\"},\"payload\":{\"S\":\"" + PAYLOAD
                + "\"},\"n\":{\"N\":\"" + n + "\"}}";
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
