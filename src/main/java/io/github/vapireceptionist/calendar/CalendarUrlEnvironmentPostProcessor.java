package io.github.vapireceptionist.calendar;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Derives {@code easyappointments.api-url} from EASYAPPOINTMENTS_BASE_URL the way the datasheet
 * writes it ({@code https://booking.example.com}): the REST API lives under
 * {@code /index.php/api/v1}. A pasted URL that already ends in the API path, or in a slash, still
 * works. Without a base URL the routes call the built-in sandbox on this app's own port.
 */
public class CalendarUrlEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String API_PATH = "/index.php/api/v1";
    static final String SANDBOX_BASE = "http://127.0.0.1:${server.port}/sandbox/easyappointments";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String baseUrl = environment.getProperty("easyappointments.base-url", "");
        environment.getPropertySources().addLast(
                new MapPropertySource("calendarApiUrl", Map.of("easyappointments.api-url", apiUrl(baseUrl))));
    }

    static String apiUrl(String baseUrl) {
        String base = baseUrl == null ? "" : baseUrl.trim();
        if (base.isEmpty()) {
            return SANDBOX_BASE + API_PATH;
        }
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        if (base.endsWith(API_PATH)) {
            return base;
        }
        return base + API_PATH;
    }
}
