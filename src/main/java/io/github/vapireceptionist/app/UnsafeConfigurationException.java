package io.github.vapireceptionist.app;

import java.util.List;

/** Production settings that would put a business's phone line at risk; the app refuses to start. */
public class UnsafeConfigurationException extends RuntimeException {

    private final List<String> problems;

    public UnsafeConfigurationException(List<String> problems) {
        super("Refusing to start in production: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
