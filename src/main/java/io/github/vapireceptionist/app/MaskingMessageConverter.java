package io.github.vapireceptionist.app;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %m}, {@code %msg}, {@code %message} in logback-spring.xml: every log message, ours and every
 * library's at any level, through {@link PiiMasking} before it is written.
 */
public class MaskingMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return PiiMasking.mask(super.convert(event));
    }
}
