package com.tradebot.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradebot.local.template.CfnTemplate;
import com.tradebot.local.template.FunctionDef;
import com.tradebot.local.template.LocalBindings;
import com.tradebot.local.template.TemplateModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LauncherTest {
    @Test
    void theChildRunsParallelGcWhenNoCollectorWasChosen() {
        assertThat(Launcher.collectorDefault(List.of("-Xmx2g", "-Dx=y"), null, null)).containsExactly("-XX:+UseParallelGC");
        assertThat(Launcher.collectorDefault(List.of(), "-XX:-UseGCOverheadLimit -Xss1m", "")).containsExactly("-XX:+UseParallelGC");
    }

    @Test
    void aCollectorChosenOnTheCommandLineOrInTheEnvironmentWins() {
        assertThat(Launcher.collectorDefault(List.of("-XX:+UseG1GC"), null, null)).isEmpty();
        assertThat(Launcher.collectorDefault(List.of("-Xmx1g"), "  -XX:+UseSerialGC", null)).isEmpty();
        assertThat(Launcher.collectorDefault(List.of(), null, "-XX:+UseZGC")).isEmpty();
    }


    /**
     * The platform's JVM runs with the JIT settings the template gives the functions it hosts; when the template
     * changes them, the launcher must follow (or the local platform would compile the functions differently from AWS).
     */
    @Test
    void thePlatformJvmTakesTheJitSettingsOfEveryFunctionInTheTemplate() {
        LocalBindings bindings = new LocalBindings();
        bindings.queueUrls(logicalId -> "http://127.0.0.1:9324/000000000000/" + logicalId);
        bindings.restEndpoint(java.net.URI.create("http://127.0.0.1:3000"));
        bindings.webSocketEndpoint(java.net.URI.create("http://127.0.0.1:3001"));
        TemplateModel model = new TemplateModel(CfnTemplate.load(LocalPlatformE2ETest.projectTemplate(), Map.of(),
                bindings));

        List<FunctionDef> functions = model.functions();

        assertThat(functions).isNotEmpty();
        for (FunctionDef function : functions) {
            List<String> toolOptions = List.of(function.environment().getOrDefault("JAVA_TOOL_OPTIONS", "")
                    .trim().split("\\s+"));
            assertThat(toolOptions).as("JAVA_TOOL_OPTIONS of %s", function.logicalId())
                    .containsAll(Launcher.FUNCTION_JIT_OPTIONS);
        }
    }
}
