package com.tradebot.local.template;

/** The template cannot be read or one of its values cannot be resolved locally. */
public class TemplateException extends RuntimeException {
    public TemplateException(String message) {
        super(message);
    }

    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
