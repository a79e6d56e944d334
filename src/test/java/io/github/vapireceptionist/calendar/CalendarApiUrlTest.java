package io.github.vapireceptionist.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** EASYAPPOINTMENTS_BASE_URL as an operator pastes it, and the API URL the routes call. */
class CalendarApiUrlTest {

    @ParameterizedTest(name = "<{0}> -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            https://booking.example.com                      | https://booking.example.com/index.php/api/v1
            https://booking.example.com/                     | https://booking.example.com/index.php/api/v1
            https://booking.example.com///                   | https://booking.example.com/index.php/api/v1
            '  https://booking.example.com  '                | https://booking.example.com/index.php/api/v1
            https://booking.example.com/index.php/api/v1     | https://booking.example.com/index.php/api/v1
            https://booking.example.com/index.php/api/v1/    | https://booking.example.com/index.php/api/v1
            https://booking.example.com/index.php/api/v1//   | https://booking.example.com/index.php/api/v1
            https://example.com/easyappointments             | https://example.com/easyappointments/index.php/api/v1
            https://example.com/easyappointments/            | https://example.com/easyappointments/index.php/api/v1
            http://localhost:8080                            | http://localhost:8080/index.php/api/v1
            """)
    void appendsTheApiPathOnce(String baseUrl, String apiUrl) {
        assertThat(CalendarApiUrl.of(baseUrl)).isEqualTo(apiUrl);
    }

    @org.junit.jupiter.api.Test
    void withoutABaseUrlTheRoutesCallTheSandboxOnThisAppsOwnPort() {
        EasyAppointmentsProperties sandbox = new EasyAppointmentsProperties("  ",
                "http://127.0.0.1:8123/sandbox/easyappointments", null, "sandbox", "sandbox", 2, 1,
                java.time.ZoneId.of("Europe/London"), 90, 7, 1000, 2500);

        assertThat(sandbox.sandbox()).isTrue();
        assertThat(sandbox.apiUrl()).isEqualTo("http://127.0.0.1:8123/sandbox/easyappointments/index.php/api/v1");
    }

    @org.junit.jupiter.api.Test
    void aConfiguredBaseUrlIsNeverTheSandbox() {
        EasyAppointmentsProperties real = new EasyAppointmentsProperties("https://booking.example.com/",
                "http://127.0.0.1:8123/sandbox/easyappointments", "token", null, null, 2, 1,
                java.time.ZoneId.of("Europe/London"), 90, 7, 1000, 2500);

        assertThat(real.sandbox()).isFalse();
        assertThat(real.apiUrl()).isEqualTo("https://booking.example.com/index.php/api/v1");
    }
}
