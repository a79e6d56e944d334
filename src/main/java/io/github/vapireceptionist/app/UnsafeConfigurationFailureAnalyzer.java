package io.github.vapireceptionist.app;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints the production problems as Spring Boot's "APPLICATION FAILED TO START" report, not a stack trace. */
public class UnsafeConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<UnsafeConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnsafeConfigurationException cause) {
        return new FailureAnalysis(
                "APP_ENV=production, but:\n  - " + String.join("\n  - ", cause.problems()),
                "Set the variables above (see .env.example), or run with APP_ENV=development to use the sandbox.",
                cause);
    }
}
