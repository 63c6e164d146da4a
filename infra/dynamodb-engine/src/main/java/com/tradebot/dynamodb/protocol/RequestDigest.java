package com.tradebot.dynamodb.protocol;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 over an unambiguous encoding of a JSON value's tokens: one tag per token, strings and numbers
 * length-prefixed, strings as Latin-1 bytes or else their UTF-16 code units (a charset encoder would replace lone
 * surrogates and so merge strings). Fed while the request is parsed (see {@link Json#parse(byte[], String)}) or from a tree, with the same
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

    /**
     * A tag, the length, then the text: a Latin-1 text (all of a usual request) as one byte per character after a 0,
     * any other as its UTF-16 code units after a 1; half the bytes to hash for the common case, still unambiguous.
     */
    public void text(char tag, String text) {
        int length = text.length();
        boolean latin1 = true;
        for (int i = 0; i < length && latin1; i++) {
            latin1 = text.charAt(i) < 0x100;
        }
        if (buffer.length - used < 6) {
            flush();
        }
        buffer[used++] = (byte) tag;
        buffer[used++] = (byte) (length >>> 24);
        buffer[used++] = (byte) (length >>> 16);
        buffer[used++] = (byte) (length >>> 8);
        buffer[used++] = (byte) length;
        buffer[used++] = (byte) (latin1 ? 0 : 1);
        int i = 0;
        while (i < length) {
            int room = latin1 ? buffer.length - used : (buffer.length - used) >> 1;
            if (room == 0) {
                flush();
                continue;
            }
            int end = Math.min(length, i + room);
            if (latin1) {
                for (; i < end; i++) {
                    buffer[used++] = (byte) text.charAt(i);
                }
            } else {
                for (; i < end; i++) {
                    char c = text.charAt(i);
                    buffer[used++] = (byte) (c >>> 8);
                    buffer[used++] = (byte) c;
                }
            }
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
