package io.github.vapireceptionist.calendar;

import io.github.vapireceptionist.business.Business;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Who a calendar's caller is: Easy!Appointments' API token, or its admin's username and password (Basic auth). The
 * one place that turns settings into the {@code Authorization} header, for the deployment's calendar
 * (EASYAPPOINTMENTS_*) and for each business's, and into the credentials a business's sandbox calendar accepts.
 */
public record CalendarCredentials(String apiToken, String username, String password) {

    /** The password of a sandbox calendar when none is given, as EASYAPPOINTMENTS_API_PASSWORD's default. */
    public static final String SANDBOX_PASSWORD = "sandbox";

    public static CalendarCredentials of(EasyAppointmentsProperties calendar) {
        return new CalendarCredentials(calendar.apiToken(), calendar.apiUsername(), calendar.apiPassword());
    }

    /**
     * A business's, as BUSINESSES_FILE gives them: a calendar without a base URL is its sandbox, whose password is
     * {@value #SANDBOX_PASSWORD} unless the file names one (what BusinessesFileSettings gives the environment too).
     */
    public static CalendarCredentials of(Business.Calendar calendar) {
        String password = calendar.apiPassword() != null ? calendar.apiPassword().value()
                : EasyAppointmentsProperties.sandbox(calendar.baseUrl()) ? SANDBOX_PASSWORD : null;
        return new CalendarCredentials(calendar.apiToken() == null ? null : calendar.apiToken().value(), calendar.apiUsername(),
                password);
    }

    public boolean usesBearerToken() {
        return apiToken != null && !apiToken.isBlank();
    }

    /** The Authorization header every call to this calendar carries. */
    public String authorization() {
        if (usesBearerToken()) {
            return "Bearer " + apiToken;
        }
        String user = username == null ? "" : username;
        String secret = password == null ? "" : password;
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    /** Never the token or the password. */
    @Override
    public String toString() {
        return usesBearerToken() ? "CalendarCredentials[token]" : "CalendarCredentials[basic " + username + "]";
    }
}
