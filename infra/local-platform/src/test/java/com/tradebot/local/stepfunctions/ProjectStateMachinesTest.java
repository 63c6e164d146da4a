package com.tradebot.local.stepfunctions;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import com.tradebot.local.template.ProjectTemplateTest;
import org.junit.jupiter.api.Test;

/** Every definition of infra/statemachines must load, so a bad one shows up here before the platform starts. */
class ProjectStateMachinesTest {

    @Test
    void everyProjectDefinitionIsValid() throws IOException {
        Path folder = ProjectTemplateTest.projectTemplate().getParent().resolve("infra").resolve("statemachines");
        assertThat(folder).isDirectory();
        List<Path> definitions;
        try (Stream<Path> files = Files.list(folder)) {
            definitions = files.filter(file -> file.toString().endsWith(".asl.json")).sorted().toList();
        }
        assertThat(definitions).isNotEmpty();
        for (Path definition : definitions) {
            String text = Files.readString(definition);
            assertThatCode(() -> new StateMachine(text)).as(definition.toString()).doesNotThrowAnyException();
        }
    }
}
