package io.github.vapireceptionist.calendar;

/**
 * The Easy!Appointments REST API URL from a base URL written the way the datasheet writes it
 * ({@code https://booking.example.com}): the API lives under {@code /index.php/api/v1}. A pasted
 * URL that already ends in the API path, or in a slash, still works.
 */
public final class CalendarApiUrl {

    static final String API_PATH = "/index.php/api/v1";

    private CalendarApiUrl() {
    }

    public static String of(String baseUrl) {
        String base = baseUrl == null ? "" : baseUrl.trim();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base.endsWith(API_PATH) ? base : base + API_PATH;
    }
}
