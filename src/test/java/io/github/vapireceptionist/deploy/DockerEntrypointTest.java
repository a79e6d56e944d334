package io.github.vapireceptionist.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/docker-entrypoint.sh, run with the shell the image has: NAME_FILE becomes NAME (the compose
 * stack hands the backend its Easy!Appointments token this way), and a missing or empty file stops
 * the container instead of starting it without its secret.
 */
class DockerEntrypointTest {

    private static final String SCRIPT = "deploy/docker-entrypoint.sh";

    @TempDir
    Path dir;

    @BeforeAll
    static void aPosixShellIsThere() {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh");
    }

    @Test
    void readsEachFileVariableIntoItsVariableAndRunsTheCommand() throws Exception {
        Path token = Files.writeString(dir.resolve("api-token"), "3f9c0d2e7a\n");

        Result result = run(Map.of("EASYAPPOINTMENTS_API_TOKEN", "", "EASYAPPOINTMENTS_API_TOKEN_FILE", token.toString()),
                "sh", "-c", "printf '%s|%s' \"$EASYAPPOINTMENTS_API_TOKEN\" \"${EASYAPPOINTMENTS_API_TOKEN_FILE-unset}\"");

        assertThat(result.exit()).isZero();
        assertThat(result.output()).isEqualTo("3f9c0d2e7a|unset");
    }

    @Test
    void passesTheArgumentsThroughUnchanged() throws Exception {
        Result result = run(Map.of(), "sh", "-c", "printf '%s,' \"$@\"", "sh", "--assistant.sync", "two words");

        assertThat(result.exit()).isZero();
        assertThat(result.output()).isEqualTo("--assistant.sync,two words,");
    }

    @Test
    void aMissingOrEmptyFileStopsTheStart() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty"), "");

        Result missing = run(Map.of("WEBHOOK_SECRET_FILE", dir.resolve("nothing-here").toString()), "echo", "started");
        Result blank = run(Map.of("WEBHOOK_SECRET_FILE", empty.toString()), "echo", "started");

        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.output()).contains("WEBHOOK_SECRET_FILE").doesNotContain("started");
        assertThat(blank.exit()).isEqualTo(1);
        assertThat(blank.output()).contains("is empty").doesNotContain("started");
    }

    private record Result(int exit, String output) {
    }

    private static Result run(Map<String, String> environment, String... command) throws IOException, InterruptedException {
        String[] line = new String[command.length + 2];
        line[0] = "/bin/sh";
        line[1] = SCRIPT;
        System.arraycopy(command, 0, line, 2, command.length);
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.endsWith("_FILE"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
