package com.tradebot.local.template;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Locates the test template of the local platform's tests. */
public final class TestTemplates {
    private TestTemplates() {
    }

    public static Path localTestTemplate() {
        URL resource = TestTemplates.class.getResource("/local-test-template.yaml");
        try {
            return Path.of(resource.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
