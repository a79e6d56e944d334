package io.github.vapireceptionist.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vapireceptionist.booking.BookingReplays;
import io.github.vapireceptionist.sandbox.SandboxCalendar;
import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.LogCapture;
import io.github.vapireceptionist.support.VapiPayloads;
import io.github.vapireceptionist.support.Weekdays;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** The GDPR admin API over HTTP against the sandbox calendar, after real bookings by phone. */
@TestPropertySource(properties = "admin.api-token=" + AdminApiEndToEndTest.TOKEN)
class AdminApiEndToEndTest extends AppTest {

    static final String TOKEN = "admin-token-0123456789-0123456789-abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXPORT = "/api/admin/customers/export?email=";
    private static final String ERASE = "/api/admin/customers?email=";

    @Autowired
    SandboxCalendar sandbox;

    @Autowired
    BookingReplays replays;

    private LogCapture log;
    private final LocalDate day = Weekdays.onOrAfter(LocalDate.now(ZoneId.of("Europe/London")).plusDays(2));
    private int ada;
    private int adaByPhone;
    private int adaLater;
    private int xada;
    private int xadaAppointment;

    /** Ada books by phone (a replay is remembered), has a second appointment; xada@ matches her email as a substring. */
    @BeforeEach
    void adaAndSomeoneWithASimilarEmail() throws Exception {
        sandbox.reset();
        replays.clear();
        log = LogCapture.start();
        JsonNode booked = JSON.readTree(JSON.readTree(book("tc-ada", "10:00", "Ada@Example.com").body())
                .at("/results/0/result").asText());
        adaByPhone = booked.get("appointment_id").asInt();
        ada = sandbox.appointment(adaByPhone).orElseThrow().customerId();
        adaLater = appointment(ada, "11:00").id();
        xada = sandbox.createCustomer(Map.of("firstName", "Xavier", "lastName", "Ada", "email", "xada@example.com",
                "phone", "+447700900111")).id();
        xadaAppointment = appointment(xada, "12:30").id();
        book("tc-xada", "13:00", "xada@example.com");
    }

    @Test
    void exportHoldsExactlyThatCustomerAndTheirAppointments() throws Exception {
        HttpResponse<String> response = admin("GET", EXPORT + "ADA%40example.com", TOKEN);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode export = JSON.readTree(response.body());
        assertThat(export.get("email").asText()).isEqualTo("ada@example.com");
        assertThat(export.get("customers")).hasSize(1);
        JsonNode customer = export.get("customers").get(0);
        assertThat(customer.get("id").asInt()).isEqualTo(ada);
        assertThat(customer.get("email").asText()).isEqualTo("ada@example.com");
        assertThat(customer.get("phone").asText()).isEqualTo("+447123456789");
        assertThat(customer.has("timezone")).isTrue();
        assertThat(export.get("appointments").findValuesAsText("id")).containsExactly(String.valueOf(adaByPhone), String.valueOf(adaLater));
        assertThat(export.get("appointments").findValuesAsText("customerId")).containsOnly(String.valueOf(ada));
        assertThat(export.get("appointments").get(0).get("start").asText()).isEqualTo(day + " 10:00:00");
        assertThat(export.get("appointments").get(0).has("hash")).as("the manage-link secret is no personal data").isFalse();
        assertThat(response.body()).doesNotContain("xada").doesNotContain("Xavier").doesNotContain("+447700900111");
    }

    @Test
    void eraseRemovesTheCustomerTheirAppointmentsAndTheirRememberedAnswerOnly() throws Exception {
        HttpResponse<String> response = admin("DELETE", ERASE + "ada%40example.com", TOKEN);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode erased = JSON.readTree(response.body()).get("erased");
        assertThat(erased.get("customers").asInt()).isEqualTo(1);
        assertThat(erased.get("appointments").asInt()).isEqualTo(2);
        assertThat(erased.get("rememberedAnswers").asInt()).isEqualTo(1);
        assertThat(sandbox.customer(ada)).isEmpty();
        assertThat(sandbox.appointment(adaByPhone)).isEmpty();
        assertThat(sandbox.appointment(adaLater)).isEmpty();
        assertThat(replays.find("tc-ada")).isEmpty();
        assertThat(sandbox.customer(xada)).isPresent();
        assertThat(sandbox.appointment(xadaAppointment)).isPresent();
        assertThat(sandbox.appointments(Map.of("customerId", String.valueOf(xada)))).hasSize(2);
        assertThat(replays.find("tc-xada")).isPresent();
        assertThat(log.text()).contains("admin_audit action=erase client=127.0.0.1 outcome=erased email=a***@example.com "
                + "customers_erased=1 appointments_erased=2 remembered_answers_erased=1");
        assertThat(log.text()).doesNotContain("ada@example.com").doesNotContain(TOKEN);
    }

    @Test
    void aSecondErasureAnswersThatNothingIsLeft() throws Exception {
        admin("DELETE", ERASE + "ada%40example.com", TOKEN);

        HttpResponse<String> again = admin("DELETE", ERASE + "ada%40example.com", TOKEN);

        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(again.body());
        assertThat(answer.get("erased").get("customers").asInt()).isZero();
        assertThat(answer.get("erased").get("appointments").asInt()).isZero();
        assertThat(answer.get("erased").get("rememberedAnswers").asInt()).isZero();
        assertThat(answer.get("message").asText()).contains("nothing left");
        assertThat(log.text()).contains("admin_audit action=erase client=127.0.0.1 outcome=nothing_left");
        JsonNode export = JSON.readTree(admin("GET", EXPORT + "ada%40example.com", TOKEN).body());
        assertThat(export.get("customers")).isEmpty();
        assertThat(export.get("appointments")).isEmpty();
    }

    @Test
    void exportIsAudited() {
        admin("GET", EXPORT + "ada%40example.com", TOKEN);

        assertThat(log.text()).contains("admin_audit action=export client=127.0.0.1 outcome=exported email=a***@example.com "
                + "customers=1 appointments=2");
        assertThat(log.text()).doesNotContain("ada@example.com");
    }

    @Test
    void aMissingOrWrongTokenIsRefusedAndChangesNothing() throws Exception {
        for (String[] headers : List.of(new String[0], new String[] {"Authorization", "Bearer wrong-token"},
                new String[] {"Authorization", "Bearer " + TOKEN + "x"}, new String[] {"Authorization", TOKEN},
                new String[] {"Authorization", "Bearer "}, new String[] {"x-vapi-secret", SECRET},
                new String[] {"Authorization", "Bearer " + SECRET})) {
            for (String method : List.of("GET", "DELETE")) {
                HttpResponse<String> response = send(method, method.equals("GET") ? EXPORT : ERASE, "ada%40example.com", headers);

                assertThat(response.statusCode()).as(method + " " + String.join(" ", headers)).isEqualTo(401);
                assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("unauthorized");
                assertThat(response.body()).doesNotContain("ada");
            }
        }
        assertThat(sandbox.customer(ada)).isPresent();
        assertThat(sandbox.appointments(Map.of("customerId", String.valueOf(ada)))).hasSize(2);
        assertThat(replays.find("tc-ada")).isPresent();
        assertThat(log.text()).contains("admin_audit action=erase client=127.0.0.1 outcome=unauthorized")
                .doesNotContain("wrong-token");
    }

    @Test
    void aMissingOrMalformedEmailIs400WithAJsonErrorAndChangesNothing() throws Exception {
        for (String query : List.of("/api/admin/customers", "/api/admin/customers?email=", "/api/admin/customers?mail=ada%40example.com",
                ERASE + "ada", ERASE + "ada%40", ERASE + "ada%40example.com&email=bo%40example.com",
                ERASE + "a%00da%40example.com", ERASE + "x".repeat(300) + "%40example.com", ERASE + "%40%40%40")) {
            HttpResponse<String> response = admin("DELETE", query, TOKEN);

            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).get("error").asText()).as(query).contains("email").doesNotContain("Exception");
        }
        assertThat(sandbox.customer(ada)).isPresent();
        assertThat(sandbox.appointments(Map.of())).hasSize(4);
    }

    @Test
    void anotherMethodIs405() {
        assertThat(admin("GET", ERASE + "ada%40example.com", TOKEN).statusCode()).isEqualTo(405);
        assertThat(admin("DELETE", EXPORT + "ada%40example.com", TOKEN).statusCode()).isEqualTo(405);
        assertThat(sandbox.customer(ada)).isPresent();
    }

    @AfterEach
    void stopCapture() {
        log.close();
    }

    private HttpResponse<String> admin(String method, String pathAndQuery, String token) {
        return send(method, pathAndQuery, "", "Authorization", "Bearer " + token);
    }

    private HttpResponse<String> send(String method, String path, String query, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path + query))
                .timeout(Duration.ofSeconds(20)).method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        return AppTest.send(request.build());
    }

    private SandboxCalendar.Appointment appointment(int customerId, String time) {
        LocalTime start = LocalTime.parse(time);
        return sandbox.createAppointment(Map.of("start", day + " " + start + ":00", "end", day + " " + start.plusMinutes(30) + ":00",
                "customerId", customerId, "providerId", SandboxCalendar.PROVIDER_ID, "serviceId", SandboxCalendar.SERVICE_ID));
    }

    private HttpResponse<String> book(String toolCallId, String time, String email) {
        return webhook(VapiPayloads.toolCall(toolCallId, "book_appointment", "{\"date\":\"" + day + "\",\"time\":\"" + time
                + "\",\"first_name\":\"Ada\",\"last_name\":\"Lovelace\",\"email\":\"" + email + "\",\"phone\":\"07123 456789\"}"));
    }

}
