package com.tradebot.signal.track;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Canonical JSON and SHA-256 of track-record events. Canonical form: keys sorted at every level, no whitespace,
 * numbers in payloads carried as decimal strings (so 1.50 and 1.5 never hash alike by accident). Jackson with
 * sorted map keys gives that form for the plain maps, lists and strings an event is made of, so no canonicalisation
 * library is needed.
 */
public final class HashChain {
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private HashChain() {
    }

    /** The canonical JSON an event's hash is computed over (every field but the hash itself). */
    public static String canonicalJson(TrackRecordEvent event) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("strategyId", event.strategyId());
        body.put("sequence", event.sequence());
        body.put("kind", event.kind());
        body.put("signalId", event.signalId());
        body.put("occurredAt", event.occurredAt());
        body.put("payload", event.payload());
        body.put("previousHash", event.previousHash());
        try {
            return CANONICAL.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise a track-record event", e);
        }
    }

    public static String hash(TrackRecordEvent event) {
        return sha256Hex(canonicalJson(event));
    }

    public static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
