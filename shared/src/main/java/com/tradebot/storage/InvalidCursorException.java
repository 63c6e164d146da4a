package com.tradebot.storage;

/** A page cursor that this code did not hand out (or that names another listing); services map it to a 400. */
public final class InvalidCursorException extends IllegalArgumentException {
    public InvalidCursorException() {
        super("cursor is not valid");
    }
}
