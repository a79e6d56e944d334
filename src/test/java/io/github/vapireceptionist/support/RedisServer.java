package io.github.vapireceptionist.support;

import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.springframework.test.util.TestSocketUtils;

/**
 * A real redis-server (Debian's package; .ci/run installs it) on a free loopback port, in a temporary
 * directory, without persistence. It can be stopped and started again on the same port, as an outage.
 */
public final class RedisServer implements AutoCloseable {

    private final int port = TestSocketUtils.findAvailableTcpPort();
    private final Path directory;
    private final RedisClient client = RedisClient.create("redis://127.0.0.1:" + port + "/0");
    private Process process;

    private RedisServer() throws IOException {
        directory = Files.createTempDirectory("redis-test");
    }

    public static RedisServer start() {
        try {
            RedisServer server = new RedisServer();
            server.startAgain();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        return "redis://127.0.0.1:" + port + "/0";
    }

    /** Runs redis-server and waits until it says it is ready (its log; a client's first connection costs more). */
    public void startAgain() {
        List<String> command = List.of("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", directory.toString());
        Path log = directory.resolve("redis.log");
        long started = readyLines(log);
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new IllegalStateException("redis-server is needed for the shared-store tests: apt-get install redis-server "
                    + "(.ci/run installs it)", e);
        }
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> readyLines(log) > started || !process.isAlive());
        if (!process.isAlive()) {
            throw new IllegalStateException("redis-server did not start: " + read(log));
        }
    }

    private static long readyLines(Path log) {
        return read(log).lines().filter(line -> line.contains("Ready to accept connections")).count();
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** Stops the server (SIGTERM, then SIGKILL), as a Redis outage. */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** One command (or a few) on a connection of its own, e.g. {@code server.commands(c -> c.keys("*"))}. */
    public <T> T commands(Function<RedisCommands<String, String>, T> commands) {
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return commands.apply(connection.sync());
        }
    }

    @Override
    public void close() {
        stop();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind
        }
    }
}
