package io.github.vapireceptionist.app;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What must be true before a production instance answers a real phone line, gathered from every feature's
 * {@link ProductionCheck} (the webhook's secrets, a real calendar, the admin token) and reported at once.
 * It exists as a bean only once the checks have passed: a bean that must not be created on unsafe settings
 * (the webhook secret, generated in development) takes it as a parameter.
 */
public final class ProductionReadiness {

    public static final int MIN_SECRET_BYTES = 32;

    private ProductionReadiness() {
    }

    /** Passes in development; in production, throws {@link UnsafeConfigurationException} listing every problem. */
    public static ProductionReadiness check(AppProperties app, List<? extends ProductionCheck> checks) {
        if (app.production()) {
            List<String> problems = new ArrayList<>();
            checks.forEach(check -> problems.addAll(check.productionProblems()));
            if (!problems.isEmpty()) {
                throw new UnsafeConfigurationException(problems);
            }
        }
        return new ProductionReadiness();
    }

    /** The problem with a secret of fewer than 256 bits (counted in UTF-8 bytes), saying how to make a good one. */
    public static Optional<String> tooShort(String variable, String secret) {
        if (secret.getBytes(StandardCharsets.UTF_8).length >= MIN_SECRET_BYTES) {
            return Optional.empty();
        }
        return Optional.of(variable + " is shorter than " + MIN_SECRET_BYTES
                + " bytes (256 bits); generate one with: openssl rand -hex 32");
    }
}
