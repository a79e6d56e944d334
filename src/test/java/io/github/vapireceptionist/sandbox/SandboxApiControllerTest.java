package io.github.vapireceptionist.sandbox;

import static io.github.vapireceptionist.sandbox.SandboxCalendarTest.LONDON;
import static io.github.vapireceptionist.sandbox.SandboxCalendarTest.MONDAY_8AM;
import static io.github.vapireceptionist.sandbox.SandboxCalendarTest.clockAt;
import static io.github.vapireceptionist.sandbox.SandboxCalendarTest.fullWeekday;
import static io.github.vapireceptionist.sandbox.SandboxCredentialsTest.basic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

class SandboxApiControllerTest {

    static final String API = "/sandbox/easyappointments/index.php/api/v1";
    static final String SANDBOX_AUTH = basic("sandbox:sandbox");
    static final String JANE = """
            {"firstName":"Jane","lastName":"Smith","email":"jane@example.com","phone":"+447700900001"}""";
    static final String JANE_CREATED = "{\"id\":3,\"firstName\":\"Jane\",\"lastName\":\"Smith\","
            + "\"email\":\"jane@example.com\",\"phone\":\"+447700900001\",\"address\":null,\"city\":null,\"zip\":null,"
            + "\"timezone\":\"UTC\",\"language\":\"english\",\"notes\":null,\"customField1\":null,"
            + "\"customField2\":null,\"customField3\":null,\"customField4\":null,\"customField5\":null,"
            + "\"ldapDn\":null}";
    static final String BOOKING = """
            {"customerId":3,"providerId":2,"serviceId":1,"start":"2026-03-03 10:00:00"}""";

    final ObjectMapper json = new ObjectMapper();
    final SandboxCalendar calendar = SandboxCalendar.freshInstall(clockAt(MONDAY_8AM), LONDON, 90);
    final MockMvc mvc = MockMvcBuilders.standaloneSetup(new SandboxApiController(calendar,
            new SandboxCredentials("sandbox", "sandbox", "tok-123"), json)).build();

    ResultActions call(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.header(HttpHeaders.AUTHORIZATION, SANDBOX_AUTH));
    }

    ResultActions postJson(String path, String body) throws Exception {
        return call(post(API + path).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    void createJane() throws Exception {
        postJson("/customers", JANE).andExpect(status().isCreated());
    }

    static void expectEmpty404(ResultActions result) throws Exception {
        result.andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andExpect(content().string(""));
    }

    static void expect500(ResultActions result, String message) throws Exception {
        result.andExpect(status().isInternalServerError())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(content().json("{\"success\":false,\"message\":" + new ObjectMapper().writeValueAsString(message) + "}",
                        true));
    }

    List<String> keysOf(MvcResult result) throws Exception {
        return List.copyOf(json.readValue(result.getResponse().getContentAsString(),
                new TypeReference<LinkedHashMap<String, Object>>() { }).keySet());
    }

    // ---- auth ----

    @ParameterizedTest(name = "{0} {1} with {2}")
    @CsvSource(nullValues = "NULL", value = {
            "GET, /availabilities?providerId=2&serviceId=1, NULL",
            "GET, /customers, NULL",
            "POST, /customers, NULL",
            "PUT, /customers/3, NULL",
            "DELETE, /appointments/1, NULL",
            "GET, /services/1, NULL",
            "GET, /providers/2, NULL",
            "GET, /settings, NULL",
            "GET, /appointments, 'Basic c2FuZGJveDp3cm9uZw=='",
            "GET, /appointments, 'Bearer wrong-token'",
            "POST, /appointments, 'Basic c2FuZGJveDp3cm9uZw=='"})
    void withoutValidCredentialsEveryEndpointAnswers401InHtml(String method, String path, String authorization)
            throws Exception {
        MockHttpServletRequestBuilder request = request(HttpMethod.valueOf(method), API + path)
                .contentType(MediaType.APPLICATION_JSON).content(JANE);
        if (authorization != null) {
            request.header(HttpHeaders.AUTHORIZATION, authorization);
        }

        mvc.perform(request)
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Easy!Appointments\""))
                .andExpect(content().string("You are not authorized to use the API."));
        assertThat(calendar.customers(Map.of())).isEmpty();
    }

    @Test
    void theApiTokenIsAcceptedAsBearer() throws Exception {
        mvc.perform(get(API + "/services/1").header(HttpHeaders.AUTHORIZATION, "Bearer tok-123"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("Service"));
    }

    @ParameterizedTest
    @CsvSource({"application/xml", "text/html", "*/*"})
    void theAnswerIsJsonWhateverTheAcceptHeaderSays(String accept) throws Exception {
        call(get(API + "/services/1").accept(accept))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.id").value(1));
        call(get(API + "/customers/999").accept(accept)).andExpect(status().isNotFound());
        call(get(API + "/customers?q=x").accept(accept))
                .andExpect(status().isInternalServerError())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON));
    }

    // ---- availabilities ----

    @Test
    void availabilitiesAreAJsonArrayOfHourMinuteStrings() throws Exception {
        call(get(API + "/availabilities").param("providerId", "2").param("serviceId", "1")
                .param("date", "2026-03-03"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(content().json(json.writeValueAsString(fullWeekday()), true));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "providerId=999&serviceId=1&date=2026-03-03, The provided provider ID was not found in the database: 999",
            "providerId=2&serviceId=5&date=2026-03-03, The provided service ID was not found in the database: 5",
            "providerId=2&serviceId=1&date=xyz, Failed to parse time string (xyz)"})
    void availabilityFailuresAre500Json(String query, String message) throws Exception {
        expect500(call(get(API + "/availabilities?" + query)), message);
    }

    @ParameterizedTest
    @CsvSource({"serviceId=1&date=2026-03-03", "providerId=two&serviceId=1", "providerId=2"})
    void missingOrNonNumericIdsAre500Json(String query) throws Exception {
        call(get(API + "/availabilities?" + query))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.success").value(false))
                .andExpect(jsonPath("$.message").value(containsString("must be of type int")));
    }

    // ---- customers ----

    @Test
    void creatingACustomerAnswers201WithTheFullCustomerInEasFieldOrder() throws Exception {
        MvcResult created = postJson("/customers", JANE)
                .andExpect(status().isCreated())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(content().json(JANE_CREATED, true))
                .andReturn();

        assertThat(keysOf(created)).containsExactly("id", "firstName", "lastName", "email", "phone", "address",
                "city", "zip", "timezone", "language", "notes", "customField1", "customField2", "customField3",
                "customField4", "customField5", "ldapDn");
        call(get(API + "/customers/3")).andExpect(status().isOk()).andExpect(content().json(JANE_CREATED, true));
    }

    @Test
    void aDuplicateEmailIs500NeverA409() throws Exception {
        createJane();

        expect500(postJson("/customers", JANE.replace("jane@", "JANE@")),
                "The provided email address is already in use, please use a different one.");
    }

    @Test
    void invalidCustomersAre500Json() throws Exception {
        expect500(postJson("/customers", JANE.replace("jane@example.com", "jane-at-example")),
                "Invalid email address provided: jane-at-example");
        call(post(API + "/customers").contentType(MediaType.APPLICATION_JSON).content("{\"firstName\":\"Jane\"}"))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.message").value(containsString("Not all required fields are provided")));
    }

    @Test
    void aFormEncodedCustomerHasNoFields() throws Exception {
        expect500(call(post(API + "/customers").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .param("firstName", "Jane").param("lastName", "Smith").param("email", "jane@example.com")
                        .param("phone", "1")),
                "Not all required fields are provided: Array\n(\n)\n");
    }

    @Test
    void customerSearchNeedsSortAndEmailIsIgnored() throws Exception {
        createJane();
        postJson("/customers", JANE.replace("Jane", "Bob").replace("jane", "bob")).andExpect(status().isCreated());

        call(get(API + "/customers?q=jane")).andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.success").value(false))
                .andExpect(jsonPath("$.message").value(containsString("must be of type string, null given")));
        call(get(API + "/customers?q=JANE&sort=id")).andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].id").value(3));
        call(get(API + "/customers?email=bob@example.com")).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].firstName").value(org.hamcrest.Matchers.contains("Jane", "Bob")));
        call(get(API + "/customers?sort=-id&length=1")).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].id").value(org.hamcrest.Matchers.contains(4)));
    }

    @Test
    void updatingACustomerMergesAndAnswers200() throws Exception {
        createJane();

        call(put(API + "/customers/3").contentType(MediaType.APPLICATION_JSON).content("{\"city\":\"Leeds\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(3))
                .andExpect(jsonPath("$.city").value("Leeds"))
                .andExpect(jsonPath("$.email").value("jane@example.com"));
    }

    @Test
    void deletingACustomerAnswers204AndTakesTheirAppointments() throws Exception {
        createJane();
        postJson("/appointments", BOOKING).andExpect(status().isCreated());

        call(delete(API + "/customers/3")).andExpect(status().isNoContent()).andExpect(content().string(""));

        call(get(API + "/appointments/1")).andExpect(status().isNotFound());
        expectEmpty404(call(delete(API + "/customers/3")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"GET, /customers/999", "PUT, /customers/999", "DELETE, /customers/999",
            "GET, /appointments/999", "PUT, /appointments/999", "DELETE, /appointments/999",
            "GET, /services/2", "GET, /providers/1", "GET, /customers/99999999999"})
    void aMissingRecordIs404WithAnEmptyHtmlBody(String method, String path) throws Exception {
        expectEmpty404(call(request(HttpMethod.valueOf(method), API + path)
                .contentType(MediaType.APPLICATION_JSON).content("{\"status\":\"Cancelled\"}")));
    }

    @Test
    void aNonNumericIdMatchesNoRoute() throws Exception {
        call(get(API + "/customers/abc")).andExpect(status().isNotFound());
    }

    // ---- appointments ----

    @Test
    void creatingAnAppointmentAnswers201InEasShapeWithIntIds() throws Exception {
        createJane();

        MvcResult created = postJson("/appointments", BOOKING)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.id").value(1))
                .andExpect(jsonPath("$.book").value("2026-03-02 08:00:00"))
                .andExpect(jsonPath("$.start").value("2026-03-03 10:00:00"))
                .andExpect(jsonPath("$.end").value("2026-03-03 10:30:00"))
                .andExpect(jsonPath("$.hash").value(org.hamcrest.Matchers.matchesPattern("[0-9a-f]{12}")))
                .andExpect(jsonPath("$.color").value("#7cbae8"))
                .andExpect(jsonPath("$.status").value("Booked"))
                .andExpect(jsonPath("$.customerId").value(3))
                .andExpect(jsonPath("$.providerId").value(2))
                .andExpect(jsonPath("$.serviceId").value(1))
                .andExpect(content().string(containsString("\"customerId\":3,\"providerId\":2,\"serviceId\":1,")))
                .andExpect(content().string(containsString("\"googleCalendarId\":null,\"caldavCalendarId\":null}")))
                .andReturn();

        assertThat(keysOf(created)).containsExactly("id", "book", "start", "end", "hash", "color", "status",
                "location", "notes", "customerId", "providerId", "serviceId", "googleCalendarId", "caldavCalendarId");
    }

    @Test
    void doubleBookingIsAcceptedBecauseEaDoesNotCheckConflicts() throws Exception {
        createJane();

        postJson("/appointments", BOOKING).andExpect(status().isCreated()).andExpect(jsonPath("$.id").value(1));
        postJson("/appointments", BOOKING).andExpect(status().isCreated()).andExpect(jsonPath("$.id").value(2));

        call(get(API + "/appointments?date=2026-03-03")).andExpect(jsonPath("$.length()").value(2));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "ISO start     | {\"customerId\":3,\"providerId\":2,\"serviceId\":1,\"start\":\"2026-11-30T12:00:00\"} | The appointment start date time is invalid.",
            "unknown cust. | {\"customerId\":999,\"providerId\":2,\"serviceId\":1,\"start\":\"2026-11-30 12:00:00\"} | The appointment customer ID was not found in the database: 999",
            "bad end       | {\"customerId\":3,\"providerId\":2,\"serviceId\":1,\"start\":\"2026-11-30 12:00:00\",\"end\":\"12:30\"} | The appointment end date time is invalid."})
    void invalidAppointmentsAre500Json(String name, String body, String message) throws Exception {
        createJane();

        expect500(postJson("/appointments", body), message);
    }

    @Test
    void anAppointmentBodyIsOnlyReadAsJsonWithAJsonContentType() throws Exception {
        createJane();

        expect500(call(post(API + "/appointments").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .content(BOOKING)), "Unknown or bad format (PTM)");
        expect500(call(post(API + "/appointments").contentType(MediaType.TEXT_PLAIN).content(BOOKING)),
                "Unknown or bad format (PTM)");
        expect500(call(post(API + "/appointments").content(BOOKING)), "Unknown or bad format (PTM)");
        postJson("/appointments", BOOKING).andExpect(status().isCreated());
        call(post(API + "/appointments").contentType("application/json; charset=utf-8").content(BOOKING))
                .andExpect(status().isCreated());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"{not json | null", "'' | null", "\"text\" | string", "42 | int"})
    void aJsonBodyThatIsNotAnObjectIs500(String body, String phpType) throws Exception {
        call(post(API + "/appointments").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.message").value(containsString("must be of type array, " + phpType + " given")));
    }

    @Test
    void updatingAnAppointmentMergesAndCancelledOnesAreStillListed() throws Exception {
        createJane();
        postJson("/appointments", BOOKING).andExpect(status().isCreated());

        call(put(API + "/appointments/1").contentType(MediaType.APPLICATION_JSON).content("{\"status\":\"Cancelled\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("Cancelled"))
                .andExpect(jsonPath("$.start").value("2026-03-03 10:00:00"));

        call(get(API + "/appointments?customerId=3&providerId=2")).andExpect(status().isOk())
                .andExpect(jsonPath("$[0].status").value("Cancelled"));
        call(get(API + "/availabilities?providerId=2&serviceId=1&date=2026-03-03"))
                .andExpect(content().string(not(containsString("\"10:00\""))));
        call(get(API + "/appointments?q=jane")).andExpect(status().isInternalServerError());
    }

    @Test
    void deletingAnAppointmentAnswers204ThenOn404() throws Exception {
        createJane();
        postJson("/appointments", BOOKING).andExpect(status().isCreated());

        call(delete(API + "/appointments/1")).andExpect(status().isNoContent()).andExpect(content().string(""));
        expectEmpty404(call(delete(API + "/appointments/1")));
        call(get(API + "/availabilities?providerId=2&serviceId=1&date=2026-03-03"))
                .andExpect(content().string(containsString("\"10:00\"")));
    }

    // ---- services, providers, settings ----

    @Test
    void theServiceIsExactlyAFreshInstalls() throws Exception {
        call(get(API + "/services/1"))
                .andExpect(status().isOk())
                .andExpect(content().string("{\"id\":1,\"name\":\"Service\",\"duration\":30,\"price\":0,\"currency\":\"\","
                        + "\"description\":null,\"location\":null,\"availabilitiesType\":\"flexible\","
                        + "\"attendantsNumber\":1,\"isPrivate\":false,\"serviceCategoryId\":null}"));
        call(get(API + "/services")).andExpect(jsonPath("$[0].id").value(1));
    }

    @Test
    void theProviderHasItsPlanAndNoSecrets() throws Exception {
        call(get(API + "/providers/2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(2))
                .andExpect(jsonPath("$.timezone").value("Europe/London"))
                .andExpect(jsonPath("$.services").value(org.hamcrest.Matchers.contains(1)))
                .andExpect(jsonPath("$.settings.username").value("janedoe"))
                .andExpect(jsonPath("$.settings.workingPlan.monday.start").value("09:00"))
                .andExpect(jsonPath("$.settings.workingPlan.friday.end").value("17:00"))
                .andExpect(jsonPath("$.settings.workingPlan.wednesday.breaks[0].start").value("12:00"))
                .andExpect(jsonPath("$.settings.workingPlan.wednesday.breaks[0].end").value("13:00"))
                .andExpect(content().string(containsString("\"saturday\":null,\"sunday\":null")))
                .andExpect(content().string(containsString("\"workingPlanExceptions\":{}")))
                .andExpect(content().string(not(containsString("assword"))))
                .andExpect(content().string(not(containsString("oken"))));
        call(get(API + "/providers")).andExpect(jsonPath("$[0].id").value(2));
    }

    @Test
    void settingsAreNameValuePairsOfStrings() throws Exception {
        call(get(API + "/settings?length=100"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.name=='book_advance_timeout')].value").value(
                        org.hamcrest.Matchers.contains("30")))
                .andExpect(jsonPath("$[?(@.name=='future_booking_limit')].value").value(
                        org.hamcrest.Matchers.contains("90")))
                .andExpect(jsonPath("$[?(@.name=='default_timezone')].value").value(
                        org.hamcrest.Matchers.contains("Europe/London")));
        call(get(API + "/settings/book_advance_timeout"))
                .andExpect(content().string("{\"name\":\"book_advance_timeout\",\"value\":\"30\"}"));
    }

    @Test
    void theApiAlsoAnswersOnTheRewrittenPath() throws Exception {
        call(get("/sandbox/easyappointments/api/v1/services/1")).andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(1));
    }
}
