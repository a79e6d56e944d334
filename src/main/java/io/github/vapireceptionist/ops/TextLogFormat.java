package io.github.vapireceptionist.ops;

import ch.qos.logback.classic.spi.ILoggingEvent;
import java.time.Instant;
import java.util.Map;
import org.springframework.boot.logging.structured.StructuredLogFormatter;

/**
 * LOG_FORMAT=text (what ./mvnw spring-boot:run shows): one readable line per event, masked like the
 * JSON lines, with the request's context at the end.
 * <pre>
 * 2026-11-25T09:14:03.120Z  INFO [task-3] BookingSteps: appointment_booked appointment_id=12 ... {correlation_id=019aa9bb-..., function=book_appointment}
 * </pre>
 */
public class TextLogFormat implements StructuredLogFormatter<ILoggingEvent> {

    private final boolean mask;

    public TextLogFormat() {
        this(true);
    }

    protected TextLogFormat(boolean mask) {
        this.mask = mask;
    }

    @Override
    public String format(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(160)
                .append(Instant.ofEpochMilli(event.getTimeStamp()))
                .append(' ').append(String.format("%5s", event.getLevel()))
                .append(" [").append(event.getThreadName()).append("] ")
                .append(shortName(event.getLoggerName())).append(": ")
                .append(LogEvents.message(event, mask));
        Map<String, Object> context = LogEvents.requestContext(event, mask);
        context.remove("exchange_id");
        if (!context.isEmpty()) {
            line.append(' ').append(context);
        }
        line.append(System.lineSeparator());
        String stackTrace = LogEvents.stackTrace(event, mask);
        if (stackTrace != null) {
            line.append(stackTrace);
        }
        return line.toString();
    }

    private static String shortName(String logger) {
        int dot = logger == null ? -1 : logger.lastIndexOf('.');
        return dot < 0 ? String.valueOf(logger) : logger.substring(dot + 1);
    }
}
