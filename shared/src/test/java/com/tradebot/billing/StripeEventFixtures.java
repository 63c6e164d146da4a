package com.tradebot.billing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tradebot.common.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stripe webhook events for tests, from the payloads in {@code src/test/resources/stripe/events} (shapes of Stripe's
 * API reference, API version 2025-08-27.basil), with a signer written from Stripe's documented scheme independently
 * of the production signer.
 */
public final class StripeEventFixtures {
    private StripeEventFixtures() {
    }

    /** The fixture event of {@code type}, with {@code edit} applied to the event (its object under data.object). */
    public static String event(String type, Consumer<ObjectNode> edit) {
        try (InputStream in = StripeEventFixtures.class.getResourceAsStream("/stripe/events/" + type + ".json")) {
            ObjectNode event = (ObjectNode) Json.MAPPER.readTree(in.readAllBytes());
            edit.accept(event);
            return Json.write(event);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ObjectNode object(ObjectNode event) {
        return (ObjectNode) event.get("data").get("object");
    }

    /** {@code t=<ts>,v1=<hex HMAC-SHA256(secret, "<ts>.<payload>")>} as Stripe documents it. */
    public static String signature(String payload, String secret, Instant at) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((at.getEpochSecond() + "." + payload).getBytes(StandardCharsets.UTF_8));
            return "t=" + at.getEpochSecond() + ",v1=" + HexFormat.of().formatHex(digest);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
