package io.github.vapireceptionist.ops;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The datasheet's health check: {@code {"status":"healthy","timestamp":"...","version":"1.0.0"}}. */
@RestController
public class HealthController {

    private final String version;
    private final Clock clock;

    public HealthController(ObjectProvider<BuildProperties> build, Clock clock) {
        BuildProperties properties = build.getIfAvailable();
        this.version = properties == null ? "unknown" : properties.getVersion();
        this.clock = clock;
    }

    @GetMapping(path = "/health", produces = "application/json")
    public Map<String, String> health() {
        Map<String, String> health = new LinkedHashMap<>();
        health.put("status", "healthy");
        health.put("timestamp", Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).toString());
        health.put("version", version);
        return health;
    }
}
