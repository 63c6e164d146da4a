package com.tradebot.dynamodb.protocol;

/** An answer: HTTP status and JSON body. */
public record Response(int status, byte[] body) {
}
