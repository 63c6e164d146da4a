package com.tradebot.dynamodb.protocol;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 over an unambiguous encoding of a JSON value's tokens: one tag per token, strings and numbers
 * length-prefixed, strings as their UTF-16 code units (a charset encoder would replace lone surrogates and so merge
 * strings). Fed while the request is parsed (see {@link Json#parse(byte[], String)}) or from a tree, with the same
 * encoding either way; bytes are gathered in a buffer and handed to the digest in large pieces, and the digest is
 * reused per thread, so a transaction's digest allocates next to nothing.
 */
public final class RequestDigest {
    private static final ThreadLocal<RequestDigest> PER_THREAD = ThreadLocal.withInitial(RequestDigest::new);

    private final MessageDigest sha256;
    private final byte[] buffer = new byte[4096];
    private int used;

    private RequestDigest() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    /** This thread's digest, reset. */
    public static RequestDigest start() {
        RequestDigest digest = PER_THREAD.get();
        digest.sha256.reset();
        digest.used = 0;
        return digest;
    }

    public void tag(char tag) {
        if (used == buffer.length) {
            flush();
        }
        buffer[used++] = (byte) tag;
    }

    /** A tag, the length, then the UTF-16 code units of the text. */
    public void text(char tag, String text) {
        int length = text.length();
        if (buffer.length - used < 5) {
            flush();
        }
        buffer[used++] = (byte) tag;
        buffer[used++] = (byte) (length >>> 24);
        buffer[used++] = (byte) (length >>> 16);
        buffer[used++] = (byte) (length >>> 8);
        buffer[used++] = (byte) length;
        for (int i = 0; i < length; i++) {
            if (buffer.length - used < 2) {
                flush();
            }
            char c = text.charAt(i);
            buffer[used++] = (byte) (c >>> 8);
            buffer[used++] = (byte) c;
        }
    }

    private void flush() {
        sha256.update(buffer, 0, used);
        used = 0;
    }

    /** The digest of everything fed since {@link #start()}. */
    public byte[] finish() {
        flush();
        return sha256.digest();
    }
}
