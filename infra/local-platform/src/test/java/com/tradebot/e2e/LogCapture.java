package com.tradebot.e2e;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Everything the JVM logs while it is open: every log4j event (our packages at DEBUG, with MDC and stack traces)
 * plus whatever reaches System.out and System.err.
 */
final class LogCapture implements AutoCloseable {
    private final StringBuffer events = new StringBuffer();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private final AbstractAppender appender;

    private LogCapture() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration configuration = context.getConfiguration();
        appender = new AbstractAppender("secrets-scan", null,
                PatternLayout.newBuilder().withPattern("%p %c %X %m %throwable%n").build(), true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                events.append(new String(getLayout().toByteArray(event), StandardCharsets.UTF_8));
            }
        };
        appender.start();
        configuration.addAppender(appender);
        configuration.getRootLogger().addAppender(appender, Level.ALL, null);
        context.updateLoggers();
        Configurator.setAllLevels("com.tradebot", Level.DEBUG);
        System.setOut(new PrintStream(tee(originalOut), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(tee(originalErr), true, StandardCharsets.UTF_8));
    }

    static LogCapture start() {
        return new LogCapture();
    }

    private OutputStream tee(OutputStream original) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (console) {
                    console.write(b);
                }
                try {
                    original.write(b);
                } catch (java.io.IOException ignored) {
                    // the console is best effort
                }
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                synchronized (console) {
                    console.write(bytes, offset, length);
                }
                try {
                    original.write(bytes, offset, length);
                } catch (java.io.IOException ignored) {
                    // the console is best effort
                }
            }
        };
    }

    String text() {
        synchronized (console) {
            return events + "\n" + console.toString(StandardCharsets.UTF_8);
        }
    }

    int eventCharacters() {
        return events.length();
    }

    @Override
    public void close() {
        System.setOut(originalOut);
        System.setErr(originalErr);
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().removeAppender(appender.getName());
        context.updateLoggers();
        appender.stop();
    }
}
