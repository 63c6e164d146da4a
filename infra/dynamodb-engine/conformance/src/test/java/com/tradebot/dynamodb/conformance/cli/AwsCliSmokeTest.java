package com.tradebot.dynamodb.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.tradebot.dynamodb.conformance.support.ConformanceTest;
import com.tradebot.dynamodb.conformance.support.DynamoDbTarget;

/** The real AWS CLI against the server: create-table, put-item, query. */
class AwsCliSmokeTest extends ConformanceTest {

    /** The aws executable on PATH, or null. */
    private static Path findAws() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "aws");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private record Result(int exitCode, String stdout, String stderr) { }

    private Result aws(Path executable, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable.toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", DynamoDbTarget.shared().endpoint().toString(), "--output", "json"));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("AWS_ACCESS_KEY_ID", "dummy");
        env.put("AWS_SECRET_ACCESS_KEY", "dummy");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_PAGER", "");
        env.remove("AWS_PROFILE");
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("aws %s did not finish", String.join(" ", args));
        }
        return new Result(process.exitValue(),
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private Result ok(Path executable, String... args) throws IOException, InterruptedException {
        Result result = aws(executable, args);
        assertThat(result.exitCode()).as("aws %s: %s", String.join(" ", args), result.stderr()).isZero();
        return result;
    }

    @Test
    void createTablePutItemAndQuery() throws Exception {
        Path executable = findAws();
        if (executable == null) {
            // CI installs awscli, so there its absence is a failure; locally the test is skipped
            assertThat(System.getenv("CI")).as("the aws CLI must be installed when CI=true").isNotEqualTo("true");
            assumeTrue(false, "aws CLI not installed");
        }
        String table = uniqueTableName();
        ok(executable, "dynamodb", "create-table", "--table-name", table,
                "--attribute-definitions", "AttributeName=pk,AttributeType=S", "AttributeName=sk,AttributeType=N",
                "--key-schema", "AttributeName=pk,KeyType=HASH", "AttributeName=sk,KeyType=RANGE",
                "--billing-mode", "PAY_PER_REQUEST");
        awaitActive(table);
        ok(executable, "dynamodb", "put-item", "--table-name", table,
                "--item", "{\"pk\":{\"S\":\"cli\"},\"sk\":{\"N\":\"1\"},\"note\":{\"S\":\"from the CLI\"}}");
        ok(executable, "dynamodb", "put-item", "--table-name", table,
                "--item", "{\"pk\":{\"S\":\"cli\"},\"sk\":{\"N\":\"2\"}}");

        Result query = ok(executable, "dynamodb", "query", "--table-name", table,
                "--key-condition-expression", "pk = :p AND sk >= :one",
                "--expression-attribute-values", "{\":p\":{\"S\":\"cli\"},\":one\":{\"N\":\"1\"}}");
        assertThat(query.stdout()).contains("\"Count\": 2").contains("from the CLI");

        // the item written by the CLI is visible to the SDK too
        var item = get(table, Map.of("pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("cli"),
                "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN("1")));
        assertThat(item.get("note").s()).isEqualTo("from the CLI");

        Result error = aws(executable, "dynamodb", "describe-table", "--table-name", "no_such_table_cli");
        assertThat(error.exitCode()).isNotZero();
        assertThat(error.stderr()).contains("ResourceNotFoundException");
    }
}
