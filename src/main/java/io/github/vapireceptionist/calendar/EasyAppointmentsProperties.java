package io.github.vapireceptionist.calendar;

import io.github.vapireceptionist.app.ProductionCheck;
import io.github.vapireceptionist.business.Businesses;
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
        return apiUrl(baseUrl, sandboxBaseUrl);
    }

    /**
     * A business's API URL, derived as {@link #apiUrl()} is: its base URL, or without one its own sandbox calendar on
     * this app, {@link #sandboxBaseUrlOf its sandbox base URL}.
     */
    public String apiUrlOf(String businessId, String businessBaseUrl) {
        return apiUrl(businessBaseUrl, sandboxBaseUrlOf(businessId));
    }

    private static String apiUrl(String baseUrl, String sandboxBaseUrl) {
        return CalendarApiUrl.of(sandbox(baseUrl) ? sandboxBaseUrl : baseUrl);
    }

    /**
     * Where a business's sandbox calendar is served: the sandbox base URL with the business's id before its last
     * segment ({@code .../sandbox/easyappointments} becomes {@code .../sandbox/north/easyappointments}); business
     * {@value Businesses#DEFAULT_ID}'s is the sandbox base URL itself.
     */
    public String sandboxBaseUrlOf(String businessId) {
        if (Businesses.DEFAULT_ID.equals(businessId)) {
            return sandboxBaseUrl;
        }
        String base = sandboxBaseUrl.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        int last = base.lastIndexOf('/');
        return base.substring(0, last) + "/" + businessId + base.substring(last);
    }

    public boolean sandbox() {
        return sandbox(baseUrl);
    }

    /** An empty base URL is the built-in sandbox calendar. */
    public static boolean sandbox(String baseUrl) {
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
