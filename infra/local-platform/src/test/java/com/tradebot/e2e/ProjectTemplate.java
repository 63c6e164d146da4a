package com.tradebot.e2e;

import com.tradebot.local.template.CfnTemplate;
import com.tradebot.local.template.LocalBindings;
import com.tradebot.local.template.TemplateModel;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The project's own template.yaml, read by the local platform's template model. */
final class ProjectTemplate {
    private ProjectTemplate() {
    }

    static Path path() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("template.yaml");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("template.yaml not found");
    }

    static TemplateModel model() {
        LocalBindings bindings = new LocalBindings();
        bindings.queueUrls(id -> "http://127.0.0.1:1/000000000000/" + id);
        bindings.restEndpoint(URI.create("http://127.0.0.1:1"));
        bindings.webSocketEndpoint(URI.create("ws://127.0.0.1:1"));
        return new TemplateModel(CfnTemplate.load(path(), Map.of(), bindings));
    }
}
