package io.github.vapireceptionist.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.support.TestBusinesses;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which calendar a business's calls go to, and with which Authorization header. */
class CalendarClientTest {

    static final String SANDBOX = "http://127.0.0.1:8080/sandbox/easyappointments";

    static EasyAppointmentsProperties deployment(String baseUrl, String token) {
        return new EasyAppointmentsProperties(baseUrl, SANDBOX, token, "sandbox", "sandbox", 2, 1, ZoneId.of("Europe/London"),
                90, 7, 1000, 2500);
    }

    @Test
    void withoutAFileTheOneBusinessIsCalledExactlyAsBefore() {
        for (EasyAppointmentsProperties calendar : List.of(deployment("", ""), deployment("https://booking.example.com/", "tok"))) {
            Business theOne = TestBusinesses.business(Businesses.DEFAULT_ID, "https://elsewhere.example.com");
            CalendarClient client = new CalendarClients(Businesses.single(theOne), calendar).of(theOne);

            assertThat(client.apiUrl()).isEqualTo(calendar.apiUrl());
            assertThat(client.authorization()).isEqualTo(CalendarRequests.authorization(calendar));
            assertThat(client.providerId()).isEqualTo(2);
            assertThat(client.serviceId()).isEqualTo(1);
        }
    }

    @Test
    void aBusinessOfTheFileIsCalledAtItsOwnUrlWithItsOwnToken() {
        CalendarClient client = CalendarClient.of(TestBusinesses.business("north", "https://booking.north.example/"),
                deployment("https://booking.example.com", "deployment-token"));

        assertThat(client.apiUrl()).isEqualTo("https://booking.north.example/index.php/api/v1");
        assertThat(client.authorization()).isEqualTo("Bearer " + TestBusinesses.tokenOf("north"));
        assertThat(client.toString()).doesNotContain(TestBusinesses.tokenOf("north"));
    }

    @Test
    void aBusinessWithoutACalendarIsCalledOnItsOwnSandboxWithTheSandboxPassword() {
        Business south = new Business("south", "South", ZoneId.of("Europe/London"), "GB", null, Business.Vapi.NONE,
                new Business.Webhook(null, null), new Business.Calendar(null, null, "sandbox", null, 1, 2, List.of(), List.of()),
                new Business.Confirmations(null, null, null, null, List.of(), null), null);

        CalendarClient client = CalendarClient.of(south, deployment("", ""));

        assertThat(client.apiUrl()).isEqualTo("http://127.0.0.1:8080/sandbox/south/easyappointments/index.php/api/v1");
        assertThat(client.authorization()).isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString("sandbox:sandbox".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aBusinessWithoutACalendarWhileTheSandboxIsOffHasNoCalendarAtAll() {
        Business north = TestBusinesses.business("north", null);
        Businesses file = new Businesses(List.of(north, TestBusinesses.business("south", "https://booking.south.example")), true);

        CalendarClients clients = new CalendarClients(file, deployment("https://booking.example.com", "deployment-token"));

        assertThatThrownBy(() -> clients.of(north)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("business north has no easyappointments base-url");
    }
}
