package io.github.vapireceptionist.app;

import ch.qos.logback.classic.spi.IThrowableProxy;
import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

/**
 * {@code %wEx} in logback-spring.xml: a logged exception's messages (a calendar's error text, a
 * library's request dump) through {@link PiiMasking}, as Spring Boot would print it otherwise.
 */
public class MaskingThrowableConverter extends ExtendedWhitespaceThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy proxy) {
        return PiiMasking.mask(super.throwableProxyToString(proxy));
    }
}
