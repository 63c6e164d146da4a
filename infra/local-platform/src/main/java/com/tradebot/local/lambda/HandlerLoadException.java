package com.tradebot.local.lambda;

/** A function's handler class could not be loaded or constructed (Lambda's Runtime.ImportModuleError/init error). */
final class HandlerLoadException extends IllegalStateException {
    HandlerLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
