package io.github.vapireceptionist.business;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints what is wrong with BUSINESSES_FILE, line by line, as Spring Boot's "APPLICATION FAILED TO START" report. */
public class InvalidBusinessesFileFailureAnalyzer extends AbstractFailureAnalyzer<InvalidBusinessesFileException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidBusinessesFileException cause) {
        return new FailureAnalysis(
                "BUSINESSES_FILE=" + cause.file() + " cannot be used:\n  - " + String.join("\n  - ", cause.problems()),
                "Correct the file (README, \"Several businesses on one deployment\"): credentials are written as ${VARIABLE},"
                        + " an environment variable set for the app, never the secret itself. Or unset BUSINESSES_FILE to"
                        + " configure one business with the environment variables alone.",
                cause);
    }
}
