package io.github.vapireceptionist.app;

import java.util.List;

/**
 * What one feature needs to be true before a production instance answers a real phone line. Each feature
 * checks its own settings: its properties implement this, or its configuration declares one as a bean.
 * {@link ProductionReadiness} asks every one of them and refuses to start with all their problems listed.
 */
@FunctionalInterface
public interface ProductionCheck {

    /** Each problem as one line an operator can act on; empty when the settings are safe. Never holds a secret. */
    List<String> productionProblems();
}
