package io.github.vapireceptionist.ops;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.info.BuildProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The datasheet's health check: {@code {"status":"healthy","timestamp":"...","version":"1.0.0"}}.
 * Tomcat answers a few seconds before the Camel routes run; until they do, this answers 503
 * {@code "starting"}, so nothing that waits for /health sends a webhook into a 404. Once the app is
 * shutting down (readiness refusing traffic, while webhooks in flight finish), it answers 503 {@code "stopping"}.
 */
@RestController
public class HealthController {

    private final String version;
    private final Clock clock;
    private final CamelContext camel;
    private final ApplicationAvailability availability;

    public HealthController(ObjectProvider<BuildProperties> build, Clock clock, CamelContext camel,
            ApplicationAvailability availability) {
        this.camel = camel;
        this.availability = availability;
        BuildProperties properties = build.getIfAvailable();
        this.version = properties == null ? "unknown" : properties.getVersion();
        this.clock = clock;
    }

    @GetMapping(path = "/health", produces = "application/json")
    public ResponseEntity<Map<String, String>> health() {
        boolean stopping = availability.getLastChangeEvent(ReadinessState.class) != null
                && availability.getReadinessState() == ReadinessState.REFUSING_TRAFFIC;
        boolean started = camel.isStarted() && !stopping;
        Map<String, String> health = new LinkedHashMap<>();
        health.put("status", started ? "healthy" : stopping ? "stopping" : "starting");
        health.put("timestamp", Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).toString());
        health.put("version", version);
        return ResponseEntity.status(started ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(health);
    }
}
