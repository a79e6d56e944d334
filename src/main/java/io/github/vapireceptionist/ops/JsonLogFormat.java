package io.github.vapireceptionist.ops;

import ch.qos.logback.classic.spi.ILoggingEvent;
import java.time.Instant;
import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLogFormatter;

/**
 * LOG_FORMAT=json (the default): one JSON object per line, for log collectors.
 * <pre>
 * {"timestamp":"2026-11-25T09:14:03.120Z","level":"INFO","event":"appointment_booked","message":"appointment_booked ...",
 *  "logger":"...BookingSteps","thread":"task-3","correlation_id":"019aa9bb-...","call_id":"019aa9bb-...",
 *  "tool_call_id":"call_2","function":"book_appointment","appointment_id":12,"date":"2026-11-30","time":"10:00",
 *  "email":"a***@example.com"}
 * </pre>
 * {@code event} is present on the app's own event lines; {@code error} holds a stack trace when there is one.
 */
public class JsonLogFormat implements StructuredLogFormatter<ILoggingEvent> {

    private final JsonWriter<ILoggingEvent> writer = JsonWriter.<ILoggingEvent>of(members -> {
        members.add("timestamp", event -> Instant.ofEpochMilli(event.getTimeStamp()).toString());
        members.add("level", event -> event.getLevel().toString());
        members.add("event", LogEvents::name).whenNotNull();
        members.add("message", LogEvents::message);
        members.add("logger", ILoggingEvent::getLoggerName);
        members.add("thread", ILoggingEvent::getThreadName);
        members.addMapEntries(LogEvents::context);
        members.add("error", LogEvents::stackTrace).whenNotNull();
    }).withNewLineAtEnd();

    @Override
    public String format(ILoggingEvent event) {
        return writer.writeToString(event);
    }
}
