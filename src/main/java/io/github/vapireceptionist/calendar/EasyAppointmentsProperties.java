package io.github.vapireceptionist.calendar;

import io.github.vapireceptionist.app.ProductionCheck;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.validation.annotation.Validated;

/**
 * Where the calendar is and how to talk to it (EASYAPPOINTMENTS_*). An empty base URL means the
 * built-in sandbox calendar on this app's own port; {@link #apiUrl()} is what the routes call
 * either way (as the Camel property {@code easyappointments.api-url}). {@code connectTimeoutMs} is also the
 * longest wait for a free pooled connection (camel.component.http.connection-request-timeout);
 * {@code writeTimeoutMs} is how long a write waits for its answer once sent (CalendarCalls). How these add up to
 * the latest answer a caller can get is LatestAnswer's, checked at startup.
 */
@Validated
@ConfigurationProperties("easyappointments")
public record EasyAppointmentsProperties(
        String baseUrl,
        @NotNull String sandboxBaseUrl,
        String apiToken,
        String apiUsername,
        String apiPassword,
        @Positive int providerId,
        @Positive int serviceId,
        @NotNull ZoneId timezone,
        @Min(1) @Max(365) int bookingHorizonDays,
        @Min(0) @Max(31) int lookAheadDays,
        @Min(50) @Max(60_000) int connectTimeoutMs,
        @Min(50) @Max(60_000) int readTimeoutMs,
        @Min(50) @Max(60_000) int writeTimeoutMs) implements ProductionCheck {

    /** The write timeout when none is given (application.yaml's default, EASYAPPOINTMENTS_WRITE_TIMEOUT_MS). */
    public static final int DEFAULT_WRITE_TIMEOUT_MS = 3_000;

    @ConstructorBinding
    public EasyAppointmentsProperties {
    }

    /**
     * The settings with the default write timeout, for code that does not write (the unit tests of the parsing and
     * booking steps build their settings this way); Spring binds the canonical constructor above.
     */
    public EasyAppointmentsProperties(String baseUrl, String sandboxBaseUrl, String apiToken, String apiUsername,
            String apiPassword, int providerId, int serviceId, ZoneId timezone, int bookingHorizonDays, int lookAheadDays,
            int connectTimeoutMs, int readTimeoutMs) {
        this(baseUrl, sandboxBaseUrl, apiToken, apiUsername, apiPassword, providerId, serviceId, timezone, bookingHorizonDays,
                lookAheadDays, connectTimeoutMs, readTimeoutMs, DEFAULT_WRITE_TIMEOUT_MS);
    }

    public String apiUrl() {
        return CalendarApiUrl.of(sandbox() ? sandboxBaseUrl : baseUrl);
    }

    public boolean sandbox() {
        return baseUrl == null || baseUrl.isBlank();
    }

    /** A real calendar: the sandbox forgets every booking on restart. */
    @Override
    public List<String> productionProblems() {
        return sandbox()
                ? List.of("EASYAPPOINTMENTS_BASE_URL is not set (production never runs on the sandbox calendar)")
                : List.of();
    }

    public boolean usesBearerToken() {
        return apiToken != null && !apiToken.isBlank();
    }
}
