package com.tradebot.billing.stripe;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** A WireMock server on a free port standing in for api.stripe.com, with responses from test resources. */
final class StripeStubs {
    static final String SECRET_KEY = "sk_test_billing_unit";

    private StripeStubs() {
    }

    static WireMockServer start() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort()
                .bindAddress("127.0.0.1"));
        server.start();
        return server;
    }

    static StripePaymentsGateway gateway(WireMockServer server) {
        return StripePaymentsGateway.create(SECRET_KEY, "http://127.0.0.1:" + server.port());
    }

    static String body(String name) {
        try (InputStream in = StripeStubs.class.getResourceAsStream("/stripe/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource stripe/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
