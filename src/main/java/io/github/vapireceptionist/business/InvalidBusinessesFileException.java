package io.github.vapireceptionist.business;

import java.util.List;

/** BUSINESSES_FILE cannot be used as it is; each problem names its line. The app refuses to start. */
public class InvalidBusinessesFileException extends RuntimeException {

    private final String file;
    private final List<String> problems;

    public InvalidBusinessesFileException(String file, List<String> problems) {
        super("BUSINESSES_FILE " + file + ": " + String.join("; ", problems));
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    public String file() {
        return file;
    }

    public List<String> problems() {
        return problems;
    }
}
