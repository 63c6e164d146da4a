package com.tradebot.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Command-line options of the local platform. Every port may be 0 (a free port). Parsed by hand: nine flags do not
 * justify a CLI library on the platform's class path.
 */
public record Options(int apiPort, int wsPort, int dynamoDbPort, int sqsPort, int snsPort, int sfnPort, Path dataDir,
        Path template, Map<String, String> parameterOverrides) {

    public static final String USAGE = """
            Usage: java -jar infra/local-platform/target/tradebot-local.jar [--api-port 3000] [--ws-port 3001] [--dynamodb-port 8000]
                   [--sqs-port 9324] [--sns-port 9911] [--sfn-port 8083] [--data DIR] [--template PATH]
                   [--parameter Name=Value ...]
              Any port may be 0 (a free port). Without --data everything is kept in memory.
              The template is template.yaml in the working directory or one of its parents unless given.""";

    public Options {
        parameterOverrides = Map.copyOf(parameterOverrides);
    }

    /** The documented default ports, in-memory data, template.yaml found from the working directory. */
    public static Options defaults() {
        return new Options(3000, 3001, 8000, 9324, 9911, 8083, null, null, Map.of());
    }

    /** Free ports for every service, in memory: what tests use. */
    public static Options freePorts(Path template) {
        return new Options(0, 0, 0, 0, 0, 0, null, template, Map.of());
    }

    public Options withDataDir(Path directory) {
        return new Options(apiPort, wsPort, dynamoDbPort, sqsPort, snsPort, sfnPort, directory, template,
                parameterOverrides);
    }

    public Options withParameters(Map<String, String> parameters) {
        return new Options(apiPort, wsPort, dynamoDbPort, sqsPort, snsPort, sfnPort, dataDir, template, parameters);
    }

    /** @throws IllegalArgumentException with a message for the user when an argument is wrong */
    public static Options parse(String... args) {
        Options defaults = defaults();
        int apiPort = defaults.apiPort;
        int wsPort = defaults.wsPort;
        int dynamoDbPort = defaults.dynamoDbPort;
        int sqsPort = defaults.sqsPort;
        int snsPort = defaults.snsPort;
        int sfnPort = defaults.sfnPort;
        Path data = null;
        Path template = null;
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                throw new IllegalArgumentException("");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Missing value after " + flag);
            }
            String value = args[++i];
            switch (flag) {
                case "--api-port" -> apiPort = port(flag, value);
                case "--ws-port" -> wsPort = port(flag, value);
                case "--dynamodb-port" -> dynamoDbPort = port(flag, value);
                case "--sqs-port" -> sqsPort = port(flag, value);
                case "--sns-port" -> snsPort = port(flag, value);
                case "--sfn-port" -> sfnPort = port(flag, value);
                case "--data" -> data = Path.of(value);
                case "--template" -> template = Path.of(value);
                case "--parameter" -> {
                    int equals = value.indexOf('=');
                    if (equals < 1) {
                        throw new IllegalArgumentException("--parameter takes Name=Value, got: " + value);
                    }
                    parameters.put(value.substring(0, equals), value.substring(equals + 1));
                }
                default -> throw new IllegalArgumentException("Unknown option: " + flag);
            }
        }
        return new Options(apiPort, wsPort, dynamoDbPort, sqsPort, snsPort, sfnPort, data, template, parameters);
    }

    private static int port(String flag, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException(flag + " must be 0..65535, got: " + value);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a number, got: " + value);
        }
    }

    /** The template to run: the given path, else template.yaml in the working directory or its parents. */
    public Path resolveTemplate() {
        if (template != null) {
            if (!Files.isRegularFile(template)) {
                throw new IllegalArgumentException("No template at " + template.toAbsolutePath());
            }
            return template.toAbsolutePath().normalize();
        }
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            Path candidate = directory.resolve("template.yaml");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("No template.yaml in " + Path.of("").toAbsolutePath()
                + " or its parents; pass --template PATH");
    }
}
