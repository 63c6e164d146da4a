package com.tradebot.trading.exchange;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.matching.ValueMatcher;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A WireMock server standing in for an exchange, on a free port, with a matcher that accepts only requests signed
 * the way the exchange's API documentation says (computed here independently of the client under test).
 */
public final class StubExchange implements AutoCloseable {
    public final WireMockServer server;

    public StubExchange() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    @Override
    public void close() {
        server.stop();
    }

    public static String hmacHex(String secret, String payload) {
        return HexFormat.of().formatHex(hmac(secret, payload));
    }

    public static String hmacBase64(String secret, String payload) {
        return java.util.Base64.getEncoder().encodeToString(hmac(secret, payload));
    }

    private static byte[] hmac(String secret, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Matches requests whose signature, as {@code check} computes it, is right. */
    public static ValueMatcher<Request> signedWith(Function<Request, Boolean> check) {
        return request -> MatchResult.of(Boolean.TRUE.equals(check.apply(request)));
    }

    /** The raw query string of a request, without the leading '?'. */
    public static String query(Request request) {
        String url = request.getUrl();
        int q = url.indexOf('?');
        return q < 0 ? "" : url.substring(q + 1);
    }
}
