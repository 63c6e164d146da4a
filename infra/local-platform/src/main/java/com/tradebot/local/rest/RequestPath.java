package com.tradebot.local.rest;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A request path as API Gateway (REST) routes it: split on the raw slashes, then each segment percent-decoded (so an
 * encoded {@code %2F} stays inside its segment). Leading and trailing slashes do not count ({@code /health/} and
 * {@code //health} reach {@code /health}), but an empty segment inside the path matches no resource
 * ({@code /api//auth/login} is no route). That is how API Gateway behaves as measured by LocalStack's API Gateway
 * suite; the WAF rules of the template are written to count all these spellings.
 *
 * @param decoded  the whole path percent-decoded (what the proxy event's {@code path} carries)
 * @param segments the decoded segments used for routing
 */
record RequestPath(String decoded, List<String> segments) {

    /** A path whose %-escapes are not valid percent-encoded UTF-8. */
    static final class MalformedPathException extends Exception {
        MalformedPathException(String message) {
            super(message);
        }
    }

    /** Parses a raw (still percent-encoded) path. */
    static RequestPath parse(String rawPath) throws MalformedPathException {
        return new RequestPath(decode(rawPath), routingSegments(rawPath));
    }

    /** The routing segments of an already decoded path (routes in the template, callers holding decoded paths). */
    static List<String> segmentsOfDecoded(String path) {
        return splitSegments(path);
    }

    private static List<String> routingSegments(String rawPath) throws MalformedPathException {
        List<String> segments = new ArrayList<>();
        for (String raw : splitSegments(rawPath)) {
            segments.add(decode(raw));
        }
        return segments;
    }

    private static List<String> splitSegments(String path) {
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        if (start == end) {
            return List.of();
        }
        return List.of(path.substring(start, end).split("/", -1));
    }

    /**
     * Strict percent-decoding ({@code +} stays a plus in paths). Hand-written because Undertow's decoder answers a
     * bad escape with a bare 400 before any handler runs, and {@link java.net.URLDecoder} is form decoding.
     */
    static String decode(String raw) throws MalformedPathException {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        byte[] utf8 = raw.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < utf8.length; i++) {
            byte b = utf8[i];
            if (b != '%') {
                bytes.write(b);
                continue;
            }
            int high = i + 1 < utf8.length ? Character.digit(utf8[i + 1], 16) : -1;
            int low = i + 2 < utf8.length ? Character.digit(utf8[i + 2], 16) : -1;
            if (high < 0 || low < 0) {
                throw new MalformedPathException("Malformed percent-encoding in the request path");
            }
            bytes.write(high * 16 + low);
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedPathException("The request path is not percent-encoded UTF-8");
        }
    }
}
