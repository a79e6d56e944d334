package io.github.vapireceptionist.ops;

import io.github.vapireceptionist.app.AppProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.annotation.Configuration;

/**
 * DEBUG=true: the app's own DEBUG lines (what each webhook message asked for, by function and argument
 * names; each calendar request's operation, outcome and time). Never a body: request and response
 * bodies carry transcripts, names and numbers, and the HTTP client's wire log stays off
 * (application.yaml). Every line is masked by the log format as always.
 */
@Configuration(proxyBeanMethods = false)
public class DebugLogging {

    static final String APP_PACKAGE = "io.github.vapireceptionist";
    private static final Logger log = LoggerFactory.getLogger(DebugLogging.class);

    public DebugLogging(AppProperties app, LoggingSystem logging) {
        if (app.debug()) {
            logging.setLogLevel(APP_PACKAGE, LogLevel.DEBUG);
            log.info("DEBUG=true: the app logs at DEBUG (no bodies; emails and phone numbers masked)");
        }
    }
}
