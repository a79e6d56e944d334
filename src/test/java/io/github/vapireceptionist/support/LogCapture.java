package io.github.vapireceptionist.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.EncoderBase;
import io.github.vapireceptionist.ops.TextLogFormat;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.LoggerFactory;

/**
 * Everything the app logs while open, written by the app's own text log format (so the masking applies
 * exactly as on the console), from every thread. Optionally raises
 * the root level (DEBUG) for the time it is open.
 */
public final class LogCapture implements AutoCloseable {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    private final Logger root;
    private final Level previousLevel;

    private LogCapture(Level level) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        previousLevel = root.getLevel();
        TextLogFormat format = new TextLogFormat();
        EncoderBase<ILoggingEvent> encoder = new EncoderBase<>() {
            @Override
            public byte[] headerBytes() {
                return null;
            }

            @Override
            public byte[] encode(ILoggingEvent event) {
                return format.format(event).getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public byte[] footerBytes() {
                return null;
            }
        };
        encoder.setContext(context);
        encoder.start();
        appender.setContext(context);
        appender.setName("test-capture");
        appender.setEncoder(encoder);
        appender.setOutputStream(bytes);
        appender.start();
        root.addAppender(appender);
        if (level != null) {
            root.setLevel(level);
        }
    }

    public static LogCapture start() {
        return new LogCapture(null);
    }

    public static LogCapture atLevel(Level level) {
        return new LogCapture(level);
    }

    public String text() {
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        root.setLevel(previousLevel);
        root.detachAppender(appender);
        appender.stop();
    }
}
