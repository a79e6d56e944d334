package io.github.vapireceptionist.calendar;

import io.github.vapireceptionist.app.ProductionCheck;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where the calendar is and how to talk to it (EASYAPPOINTMENTS_*). An empty base URL means the
 * built-in sandbox calendar on this app's own port; {@link #apiUrl()} is what the routes call
 * either way (as the Camel property {@code easyappointments.api-url}).
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
        @Min(50) @Max(60_000) int readTimeoutMs) implements ProductionCheck {

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
