package com.tradebot.dynamodb;

import java.nio.file.Path;
import java.time.Duration;

/** java -jar dynamodb-engine.jar [--port 8000] [--data DIR] [--host 127.0.0.1] [--ttl-sweep-seconds 5] */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        DynamoDbEngine.Builder builder = DynamoDbEngine.builder().port(8000);
        String data = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if ("--help".equals(arg) || "-h".equals(arg)) {
                System.out.println("usage: java -jar dynamodb-engine.jar [--port 8000] [--data DIR] [--host 127.0.0.1]"
                        + " [--ttl-sweep-seconds 5]");
                return;
            }
            if (i + 1 >= args.length) {
                fail("missing value after " + arg);
            }
            String value = args[++i];
            switch (arg) {
                case "--port" -> builder.port(parseInt(arg, value));
                case "--data" -> {
                    data = value;
                    builder.dataDir(Path.of(value));
                }
                case "--host" -> builder.host(value);
                case "--ttl-sweep-seconds" -> builder.ttlSweepInterval(Duration.ofSeconds(parseInt(arg, value)));
                default -> fail("unknown option " + arg);
            }
        }
        // the server's own start-up chatter would bury the one line that matters
        java.util.logging.Logger.getLogger("io.undertow").setLevel(java.util.logging.Level.WARNING);
        java.util.logging.Logger.getLogger("org.xnio").setLevel(java.util.logging.Level.WARNING);
        DynamoDbEngine engine = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(engine::close, "dynamodb-engine-shutdown"));
        System.out.println("DynamoDB engine listening on " + engine.endpoint()
                + (data == null ? " (in memory)" : " (data in " + data + ")"));
        System.out.flush();
    }

    private static int parseInt(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            fail(option + " needs a number, got " + value);
            return 0;
        }
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(2);
    }
}
