package io.github.vapireceptionist.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every environment variable the app reads is in .env.example, and .env.example lists nothing it ignores. */
class ConfigurationDocumentedTest {

    private static final Pattern READ = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final Pattern LISTED = Pattern.compile("(?m)^([A-Z][A-Z0-9_]*)=");

    @Test
    void envExampleListsExactlyTheVariablesTheAppReads() throws IOException {
        Set<String> read = names(READ, Files.readString(Path.of("src/main/resources/application.yaml")));
        Set<String> listed = names(LISTED, Files.readString(Path.of(".env.example")));

        assertThat(read).as("variables read by application.yaml").contains("WEBHOOK_SECRET", "EASYAPPOINTMENTS_BASE_URL");
        assertThat(listed).as(".env.example").isEqualTo(read);
    }

    private static Set<String> names(Pattern pattern, String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
