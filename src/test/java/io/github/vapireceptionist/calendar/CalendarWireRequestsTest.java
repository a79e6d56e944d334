package io.github.vapireceptionist.calendar;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.API;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.appointment;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.customer;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.json;
import static io.github.vapireceptionist.support.EasyAppointmentsStubs.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.vapireceptionist.support.AppTest;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * What each direct:calendar-* route puts on the wire, byte for byte: method, path, query (order and
 * encoding), the headers the calendar sees and the JSON body. Written before the eleven calendar route
 * files became one template, and passing against both.
 */
@TestPropertySource(properties = "easyappointments.api-token=ea-test-token")
class CalendarWireRequestsTest extends AppTest {

    @RegisterExtension
    static final WireMockExtension calendar = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).build();

    @DynamicPropertySource
    static void calendarUrl(DynamicPropertyRegistry registry) {
        registry.add("easyappointments.base-url", calendar::baseUrl);
    }

    @Autowired
    ProducerTemplate routes;

    @BeforeEach
    void forgetRequests() {
        calendar.resetAll();
    }

    static Stream<Arguments> operations() {
        LocalDate day = LocalDate.of(2026, 12, 18);
        String ada = customer(57, "ada+calls@example.com", "+447123456789");
        String booked = appointment(91, "2026-12-18 10:00:00", "2026-12-18 10:30:00", 57, null);
        return Stream.of(
                Arguments.of("availabilities", day, ok("[\"10:00\"]"),
                        "GET " + API + "/availabilities?providerId=2&serviceId=1&date=2026-12-18", null),
                Arguments.of("customers", new CustomerQuery("ada+calls@example.com ß&=", 2, 25), ok("[" + ada + "]"),
                        "GET " + API + "/customers?q=ada%2Bcalls%40example.com+%C3%9F%26%3D&sort=id&page=2&length=25", null),
                Arguments.of("customer", 57, ok(ada), "GET " + API + "/customers/57", null),
                Arguments.of("create-customer", new NewCustomer("Zoë", "Ng", "zoe@example.com", "+447123456789", "UTC", null),
                        json(201, ada), "POST " + API + "/customers",
                        "{\"firstName\":\"Zoë\",\"lastName\":\"Ng\",\"email\":\"zoe@example.com\",\"phone\":\"+447123456789\","
                                + "\"timezone\":\"UTC\"}"),
                Arguments.of("update-customer", new CustomerUpdate(57, "Zoë", null, "+447123456789"), ok(ada),
                        "PUT " + API + "/customers/57", "{\"firstName\":\"Zoë\",\"phone\":\"+447123456789\"}"),
                Arguments.of("delete-customer", 57, aResponse().withStatus(204), "DELETE " + API + "/customers/57", null),
                Arguments.of("appointments", new AppointmentQuery(day, 57, 50), ok("[" + booked + "]"),
                        "GET " + API + "/appointments?date=2026-12-18&providerId=2&customerId=57&sort=id&length=50", null),
                Arguments.of("appointments", new AppointmentQuery(day, null, 50), ok("[]"),
                        "GET " + API + "/appointments?date=2026-12-18&providerId=2&sort=id&length=50", null),
                Arguments.of("appointments", AppointmentQuery.between(day, day.plusDays(6), 57, 20), ok("[]"),
                        "GET " + API + "/appointments?from=2026-12-18&till=2026-12-24&providerId=2&customerId=57&sort=id&length=20", null),
                Arguments.of("customer-appointments", new CustomerAppointmentsQuery(57, 3, 100), ok("[" + booked + "]"),
                        "GET " + API + "/appointments?customerId=57&sort=id&page=3&length=100", null),
                Arguments.of("create-appointment", new NewAppointment("2026-12-18 10:00:00", "2026-12-18 10:30:00", 57, 2, 1,
                        "Booked", "booked by phone"), json(201, booked), "POST " + API + "/appointments",
                        "{\"start\":\"2026-12-18 10:00:00\",\"end\":\"2026-12-18 10:30:00\",\"customerId\":57,\"providerId\":2,"
                                + "\"serviceId\":1,\"status\":\"Booked\",\"notes\":\"booked by phone\"}"),
                Arguments.of("delete-appointment", 91, aResponse().withStatus(204), "DELETE " + API + "/appointments/91", null),
                Arguments.of("service", null, ok("{\"id\":1,\"name\":\"Consultation\",\"duration\":30,\"attendantsNumber\":1}"),
                        "GET " + API + "/services/1", null));
    }

    @ParameterizedTest(name = "{0}: {3}")
    @MethodSource("operations")
    void eachOperationSendsExactlyThisRequest(String operation, Object body, ResponseDefinitionBuilder answer,
            String requestLine, String jsonBody) {
        calendar.stubFor(any(anyUrl()).willReturn(answer));

        routes.requestBodyAndHeader("direct:calendar-" + operation, body, "CamelHttpPath", "/api/webhooks/vapi");

        List<LoggedRequest> sent = calendar.getAllServeEvents().stream().map(e -> e.getRequest()).toList();
        assertThat(sent).hasSize(1);
        LoggedRequest request = sent.get(0);
        assertThat(request.getMethod().getName() + " " + request.getUrl()).isEqualTo(requestLine);
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer ea-test-token");
        assertThat(request.getHeader("Accept")).isEqualTo("application/json");
        assertThat(request.getAllHeaderKeys()).as("headers the calendar sees")
                .allSatisfy(name -> assertThat(name.toLowerCase()).isIn(jsonBody == null ? GET_HEADERS : BODY_HEADERS));
        if (jsonBody == null) {
            assertThat(request.getBody()).isEmpty();
        } else {
            assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
            assertThat(request.getBodyAsString()).isEqualTo(jsonBody);
        }
    }

    private static final List<String> GET_HEADERS = List.of(
            "authorization", "accept", "host", "connection", "user-agent", "accept-encoding");
    private static final List<String> BODY_HEADERS = List.of(
            "authorization", "accept", "host", "connection", "user-agent", "accept-encoding", "content-type", "content-length");
}
