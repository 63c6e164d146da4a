package com.tradebot.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionsTest {
    @Test
    void defaultsAreTheDocumentedPorts() {
        Options options = Options.parse();

        assertThat(options.apiPort()).isEqualTo(3000);
        assertThat(options.wsPort()).isEqualTo(3001);
        assertThat(options.dynamoDbPort()).isEqualTo(8000);
        assertThat(options.sqsPort()).isEqualTo(9324);
        assertThat(options.snsPort()).isEqualTo(9911);
        assertThat(options.sfnPort()).isEqualTo(8083);
        assertThat(options.dataDir()).isNull();
    }

    @Test
    void parsesEveryFlag() {
        Options options = Options.parse("--api-port", "0", "--ws-port", "1", "--dynamodb-port", "2", "--sqs-port", "3",
                "--sns-port", "4", "--sfn-port", "5", "--data", "/tmp/x", "--template", "t.yaml",
                "--parameter", "Stage=dev", "--parameter", "LogLevel=DEBUG");

        assertThat(options).isEqualTo(new Options(0, 1, 2, 3, 4, 5, Path.of("/tmp/x"), Path.of("t.yaml"),
                Map.of("Stage", "dev", "LogLevel", "DEBUG")));
    }

    @Test
    void rejectsBadArgumentsWithAMessage() {
        assertThatThrownBy(() -> Options.parse("--api-port", "x")).hasMessageContaining("--api-port");
        assertThatThrownBy(() -> Options.parse("--api-port", "70000")).hasMessageContaining("0..65535");
        assertThatThrownBy(() -> Options.parse("--bogus", "1")).hasMessageContaining("--bogus");
        assertThatThrownBy(() -> Options.parse("--data")).hasMessageContaining("Missing value");
        assertThatThrownBy(() -> Options.parse("--parameter", "novalue")).hasMessageContaining("Name=Value");
        assertThatThrownBy(() -> Options.parse("--template", "/nope/t.yaml").resolveTemplate())
                .hasMessageContaining("/nope/t.yaml");
    }
}
