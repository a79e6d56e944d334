package io.github.vapireceptionist.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * BUSINESSES_FILE for a test, written into the build output before the test's context starts: a calendar's URL
 * with a port chosen at run time can be in it as any literal value (only credentials must be ${VARIABLE}).
 */
public final class BusinessesFiles {

    private static final Path FOLDER = Path.of("target", "test-businesses");

    private BusinessesFiles() {
    }

    /** Writes {@code yaml} as {@code target/test-businesses/<name>} and returns that path, as businesses.file takes it. */
    public static String write(String name, String yaml) {
        try {
            Files.createDirectories(FOLDER);
            Path file = FOLDER.resolve(name);
            Files.writeString(file, yaml);
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
