package io.github.vapireceptionist.assistant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.vapireceptionist.availability.AvailabilityRequests;
import io.github.vapireceptionist.availability.BookableDates;
import io.github.vapireceptionist.booking.BookingProperties;
import io.github.vapireceptionist.booking.BookingRequests;
import io.github.vapireceptionist.calendar.EasyAppointmentsProperties;
import io.github.vapireceptionist.core.CallContext;
import io.github.vapireceptionist.core.SpeakableException;
import io.github.vapireceptionist.core.ToolCall;
import io.github.vapireceptionist.resilience.FunctionBudgets;
import io.github.vapireceptionist.resilience.LatestAnswer;
import io.github.vapireceptionist.selfservice.CallerRequests;
import io.github.vapireceptionist.transfer.CallTransfers;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.io.FileSystemResource;

/**
 * vapi/assistant.json against the backend it calls: the functions are the ones the tool-call route
 * routes, every tool reaches the webhook through the webhook credential (no secret inside), and each JSON schema says exactly what the
 * backend's validation accepts (required fields, patterns, maximum lengths), so a change on either side
 * that the other does not follow fails the build.
 */
class AssistantDefinitionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectNode ASSISTANT = read("vapi/assistant.json");
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    /** Tuesday 24 November 2026, 10:00 in London. */
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), LONDON);
    private static final String CALLER = "+447987654321";
    private static final String NO_TIME = "I didn't catch a valid time. What time would you like, for example 14:30?";

    private final EasyAppointmentsProperties calendar = shipped("easyappointments", EasyAppointmentsProperties.class);
    private final BookingRequests bookings = new BookingRequests(NOW, calendar, shipped("booking", BookingProperties.class));
    private final AvailabilityRequests availability = new AvailabilityRequests(NOW, calendar);
    private final CallerRequests callers = new CallerRequests(bookings, NOW);

    // --- the assistant as a whole -------------------------------------------------------------

    @Test
    void declaresExactlyTheFunctionsTheToolCallRouteRoutes() throws IOException {
        Matcher routed = Pattern.compile("\\$\\{body\\.name} == '([A-Za-z0-9_-]+)'")
                .matcher(Files.readString(Path.of("routes/tool-call.camel.yaml")));
        Set<String> routedNames = new TreeSet<>();
        while (routed.find()) {
            routedNames.add(routed.group(1));
        }

        assertThat(routedNames).containsExactlyInAnyOrder("check_availability", "book_appointment", "transfer_to_agent",
                "find_appointment", "cancel_appointment", "reschedule_appointment", "list_services");
        assertThat(tools().keySet()).containsExactlyInAnyOrderElementsOf(routedNames);
    }

    @Test
    void everyToolCallsTheWebhookThroughTheCredentialAndSaysSomethingWhileWaiting() throws IOException {
        String webhookRoute = Files.readString(Path.of("routes/vapi-webhook.camel.yaml"));
        assertThat(webhookRoute).contains("platform-http:" + AssistantSyncCommand.WEBHOOK_PATH);

        Map<String, JsonNode> servers = new LinkedHashMap<>();
        servers.put("assistant", ASSISTANT.path("server"));
        tools().forEach((name, tool) -> servers.put(name, tool.path("server")));
        servers.forEach((name, server) -> {
            // no headers: the webhook credential authenticates, and no secret rides inside the assistant
            assertThat(fieldNames(server)).containsExactlyInAnyOrder("url", "timeoutSeconds", "credentialId");
            assertThat(server.path("url").asText()).isEqualTo("${BACKEND_URL}" + AssistantSyncCommand.WEBHOOK_PATH);
            assertThat(server.path("credentialId").asText()).isEqualTo("${WEBHOOK_CREDENTIAL_ID}");
            if (FunctionBudgets.WRITING.contains(name)) {
                // Vapi must still be waiting when the slowest answer the production check allows comes: a tool it gave
                // up on while its write went on would let the caller hear the failure line about a booking that was made
                assertThat(server.path("timeoutSeconds").asInt()).as(name).isEqualTo((int) LatestAnswer.VAPI_TOOL_TIMEOUT.toSeconds());
            } else {
                // only reads: the caller hears the failure line sooner (their slowest answer is their budget + 2 s)
                assertThat(server.path("timeoutSeconds").asInt()).as(name).isBetween(5, 15);
            }
        });
        assertThat(JSON.convertValue(ASSISTANT.path("serverMessages"), List.class)).contains("tool-calls");

        tools().forEach((name, tool) -> {
            assertThat(tool.path("type").asText()).as(name).isEqualTo("function");
            Map<String, String> messages = new LinkedHashMap<>();
            tool.path("messages").forEach(message -> messages.put(message.path("type").asText(), message.path("content").asText()));
            assertThat(messages).as(name).containsOnlyKeys("request-start", "request-response-delayed", "request-failed");
            assertThat(messages.values()).as(name).allSatisfy(content -> assertThat(content).isNotBlank());
        });
    }

    @Test
    void holdsNoSecretAtAll() throws IOException {
        String text = Files.readString(Path.of("vapi/assistant.json"));

        assertThat(text).doesNotContainIgnoringCase("secret").doesNotContainIgnoringCase("\"headers\"")
                .doesNotContainIgnoringCase("authorization").doesNotContainIgnoringCase("token");
    }

    /** transfer_to_agent needs call.monitor.controlUrl, which Vapi gives only with call control on (MonitorPlan). */
    @Test
    void statesThatCallsCanBeControlled() {
        assertThat(ASSISTANT.path("monitorPlan").path("controlEnabled").isBoolean()).isTrue();
        assertThat(ASSISTANT.path("monitorPlan").path("controlEnabled").asBoolean()).isTrue();
    }

    /**
     * Vapi's JsonSchema (tool parameters, in its OpenAPI) lists type, items, properties, description,
     * pattern, format, required, enum and title: no minLength or maxLength, so the limits are in the
     * descriptions, and the backend enforces them.
     */
    @Test
    void parameterSchemasUseOnlyWhatVapisJsonSchemaLists() {
        Set<String> listed = Set.of("type", "items", "properties", "description", "pattern", "format", "required", "enum", "title");
        tools().forEach((name, tool) -> tool.path("function").path("parameters").path("properties").properties()
                .forEach(property -> assertThat(fieldNames(property.getValue())).as(name + "." + property.getKey())
                        .isSubsetOf(listed)));
    }

    @Test
    void usesExactlyThePlaceholdersTheSyncFills() {
        assertThat(AssistantDefinition.placeholders(ASSISTANT)).containsExactlyInAnyOrderElementsOf(AssistantDefinition.PLACEHOLDERS);
    }

    @Test
    void systemPromptResolvesSpokenDatesWithVapisClockInTheBusinessTimeZone() {
        assertThat(ASSISTANT.path("name").asText()).isNotBlank();
        assertThat(ASSISTANT.path("firstMessage").asText()).contains("${APP_NAME}");
        JsonNode model = ASSISTANT.path("model");
        assertThat(model.path("provider").asText()).isEqualTo("openai");
        assertThat(model.path("model").asText()).isNotBlank();

        JsonNode system = model.path("messages").get(0);
        assertThat(system.path("role").asText()).isEqualTo("system");
        // Vapi's default variables are UTC; the LiquidJS date filter gives the business's own day and time.
        assertThat(system.path("content").asText())
                .contains("{{\"now\" | date: \"%Y-%m-%d\", \"${EASYAPPOINTMENTS_TIMEZONE}\"}}")
                .contains("{{\"now\" | date: \"%H:%M\", \"${EASYAPPOINTMENTS_TIMEZONE}\"}}")
                .contains("YYYY-MM-DD", "tomorrow", "next Tuesday", "24-hour");
    }

    @Test
    void everyParameterIsADescribedStringAndEveryRequiredOneExists() {
        tools().forEach((name, tool) -> {
            JsonNode schema = tool.path("function").path("parameters");
            assertThat(schema.path("type").asText()).as(name).isEqualTo("object");
            schema.path("properties").properties().forEach(property -> {
                // confirm is the one yes/no: the backend reads JSON booleans (cancelConfirmIsABoolean)
                String type = name.equals("cancel_appointment") && property.getKey().equals("confirm") ? "boolean" : "string";
                assertThat(property.getValue().path("type").asText()).as(name + "." + property.getKey()).isEqualTo(type);
                assertThat(property.getValue().path("description").asText()).as(name + "." + property.getKey()).isNotBlank();
            });
            assertThat(required(name)).as(name).isSubsetOf(properties(name));
        });
    }

    // --- required fields ----------------------------------------------------------------------

    @Test
    void bookAppointmentRequiresWhatTheBackendRefusesToBookWithout() {
        for (String field : properties("book_appointment")) {
            ObjectNode arguments = validBooking();
            arguments.remove(field);
            boolean accepted = bookingAccepted(arguments, CALLER);
            assertThat(required("book_appointment").contains(field))
                    .as("%s is required in the schema exactly when the backend refuses a booking without it", field)
                    .isEqualTo(!accepted);
        }
        assertThat(bookingAccepted(validBooking(), CALLER)).isTrue();
    }

    @Test
    void phoneIsOptionalBecauseTheCallersOwnNumberIsUsed() {
        ObjectNode withoutPhone = validBooking();
        withoutPhone.remove("phone");

        assertThat(bookingAccepted(withoutPhone, CALLER)).isTrue();
        // Withheld numbers and web calls: the backend asks for one, and the description tells the model so.
        assertThat(bookingAccepted(withoutPhone, null)).isFalse();
        assertThat(property("book_appointment", "phone").path("description").asText()).contains("still needed");
    }

    @Test
    void checkAvailabilityRequiresTheDate() {
        assertThat(required("check_availability")).containsExactly("date");
        assertThatThrownBy(() -> availability.search(call("check_availability", NODES.objectNode(), CALLER)))
                .isInstanceOf(SpeakableException.class);
        assertThatCode(() -> availability.search(call("check_availability", NODES.objectNode().put("date", "2026-11-30"), CALLER)))
                .doesNotThrowAnyException();
    }

    @Test
    void transferReasonIsOptionalBecauseTheBackendOnlyLogsIt() throws Exception {
        Method reason = CallTransfers.class.getDeclaredMethod("reason", JsonNode.class);
        reason.setAccessible(true);

        assertThat(required("transfer_to_agent")).isEmpty();
        assertThat(reason.invoke(null, (Object) null)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"find_appointment", "cancel_appointment", "reschedule_appointment"})
    void findCancelAndRescheduleRequireExactlyWhatTheBackendRefusesToRunWithout(String function) {
        for (String field : properties(function)) {
            ObjectNode arguments = validCallerArguments(function);
            arguments.remove(field);
            assertThat(required(function).contains(field))
                    .as("%s.%s is required in the schema exactly when the backend refuses the call without it", function, field)
                    .isEqualTo(callerRefusal(function, arguments) != null);
        }
        assertThat(callerRefusal(function, validCallerArguments(function))).isNull();
        // the caller's number identifies them; the email is only asked for when it does not
        assertThat(required(function)).doesNotContain("email");
        assertThat(property(function, "email").path("format").asText()).isEqualTo("email");
    }

    @Test
    void cancelConfirmIsABooleanTheBackendReadsAsSent() {
        assertThat(property("cancel_appointment", "confirm").path("type").asText()).isEqualTo("boolean");
        assertThat(required("cancel_appointment")).doesNotContain("confirm");
        for (Boolean confirm : List.of(true, false)) {
            ObjectNode arguments = validCallerArguments("cancel_appointment").put("confirm", confirm);
            assertThat(callerRefusal("cancel_appointment", arguments)).isNull();
        }
        assertThat(callerRefusal("cancel_appointment", validCallerArguments("cancel_appointment").put("confirm", "perhaps")))
                .isNotNull();
    }

    @Test
    void theReferencePatternIsTheBackendsOwn() throws Exception {
        Field field = CallerRequests.class.getDeclaredField("REFERENCE");
        field.setAccessible(true);
        String backend = ((Pattern) field.get(null)).pattern();

        assertThat(property("cancel_appointment", "appointment_ref").path("pattern").asText()).isEqualTo("^" + backend + "$");
        assertThat(property("reschedule_appointment", "appointment_ref").path("pattern").asText()).isEqualTo("^" + backend + "$");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "41", "007", "123456789"})
    void referencesTheSchemaAcceptsTheBackendAccepts(String reference) {
        assertThat(schemaAccepts("cancel_appointment", "appointment_ref", reference)).isTrue();
        assertThat(callerRefusal("cancel_appointment", validCallerArguments("cancel_appointment").put("appointment_ref", reference)))
                .isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1234567890", "-1", "4 1", "#41", "ref 41", "41a", "4.1", "forty-one", "0x29"})
    void referencesTheBackendRefusesTheSchemaRefusesToo(String reference) {
        assertThat(callerRefusal("cancel_appointment", validCallerArguments("cancel_appointment").put("appointment_ref", reference)))
                .isEqualTo(reference.equals("1234567890")
                        ? "That booking reference is longer than any I give out: 9 digits at most. Could you say the number again?"
                        : "I didn't catch that booking reference. Could you say the number again?");
        assertThat(schemaAccepts("cancel_appointment", "appointment_ref", reference)).isFalse();
        assertThat(schemaAccepts("reschedule_appointment", "appointment_ref", reference)).isFalse();
    }

    @Test
    void rescheduleReadsDatesAndTimesExactlyAsBookingDoes() {
        for (String name : List.of("date", "time")) {
            assertThat(property("reschedule_appointment", name).path("pattern"))
                    .isEqualTo(property("book_appointment", name).path("pattern"));
        }
        assertThat(property("find_appointment", "date").path("pattern")).isEqualTo(property("book_appointment", "date").path("pattern"));
        assertThat(callerRefusal("reschedule_appointment", validCallerArguments("reschedule_appointment").put("time", "2:30 PM")))
                .isEqualTo(NO_TIME);
    }

    // --- maximum lengths (in the descriptions: Vapi's JsonSchema has no maxLength) -------------

    @Test
    void maxLengthsAreTheBackendsOwnLimits() throws Exception {
        assertThat(maxLength("book_appointment", "first_name")).isEqualTo(constant(BookingRequests.class, "MAX_NAME_LENGTH"));
        assertThat(maxLength("book_appointment", "last_name")).isEqualTo(constant(BookingRequests.class, "MAX_NAME_LENGTH"));
        assertThat(maxLength("book_appointment", "email")).isEqualTo(constant(BookingRequests.class, "MAX_EMAIL_LENGTH"));
        assertThat(maxLength("book_appointment", "phone")).isEqualTo(constant(BookingRequests.class, "MAX_PHONE_LENGTH"));
        assertThat(maxLength("transfer_to_agent", "reason")).isEqualTo(constant(CallTransfers.class, "MAX_REASON_CHARS"));
        assertThat(property("book_appointment", "email").path("format").asText()).isEqualTo("email");
        for (String function : List.of("find_appointment", "cancel_appointment", "reschedule_appointment")) {
            assertThat(maxLength(function, "email")).isEqualTo(constant(BookingRequests.class, "MAX_EMAIL_LENGTH"));
        }
    }

    @Test
    void aNameOfExactlyMaxLengthIsBookedAndOneLongerIsNot() {
        int max = maxLength("book_appointment", "first_name");
        // "characters" as the backend counts them, in code points: a name in a non-Latin script counts the same.
        String longest = "\uD801\uDC37".repeat(max);

        assertThat(bookingAccepted(validBooking().put("first_name", longest), CALLER)).isTrue();
        assertThat(bookingAccepted(validBooking().put("first_name", longest + "a"), CALLER)).isFalse();
    }

    // --- date and time patterns ---------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-30", "2026-12-01", "2027-02-28", "2028-02-29", "2027-01-01"})
    void datesTheSchemaAcceptsTheBackendAcceptsToo(String date) {
        assertThat(schemaAccepts("check_availability", "date", date)).isTrue();
        assertThat(schemaAccepts("book_appointment", "date", date)).isTrue();
        assertThat(backendReadsDate(date)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tomorrow", "30/11/2026", "2026/11/30", "2026-11-3", "2026-1-30", "26-11-30", "20261130",
        "November 30", "30 November 2026", "2026-11", "2026-11-30x", "x2026-11-30"})
    void datesTheBackendRefusesTheSchemaRefusesToo(String date) {
        assertThat(backendReadsDate(date)).isFalse();
        assertThat(schemaAccepts("check_availability", "date", date)).isFalse();
        assertThat(schemaAccepts("book_appointment", "date", date)).isFalse();
    }

    /** The backend tolerates what a model sends against the schema; the schema asks for the plain form. */
    @ParameterizedTest
    @ValueSource(strings = {"2026-11-30T10:00:00", "2026-11-30T10:00:00Z", "2026-11-30T10:00:00+01:00", " 2026-11-30 "})
    void theBackendAlsoToleratesDateTimesAndSpaces(String date) {
        assertThat(backendReadsDate(date)).isTrue();
        assertThat(schemaAccepts("book_appointment", "date", date)).isFalse();
    }

    /** A pattern cannot know the calendar: these pass the schema and get "I didn't catch a valid date". */
    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30", "2026-13-01", "2027-02-29", "2026-00-10"})
    void impossibleDatesPassThePatternAndAreRefusedByTheBackend(String date) {
        assertThat(schemaAccepts("book_appointment", "date", date)).isTrue();
        assertThat(backendReadsDate(date)).isFalse();
    }

    @Test
    void timePatternIsTheBackendsOwnPattern() throws Exception {
        Field field = BookingRequests.class.getDeclaredField("TIME");
        field.setAccessible(true);
        String backend = ((Pattern) field.get(null)).pattern();

        assertThat(property("book_appointment", "time").path("pattern").asText()).isEqualTo("^" + backend + "$");
    }

    @ParameterizedTest
    @ValueSource(strings = {"9:00", "09:00", "14:30", "23:59", "00:00", "0:00", "14:30:00", "7:05:59", "19:45"})
    void timesTheSchemaAcceptsTheBackendBooks(String time) {
        assertThat(schemaAccepts("book_appointment", "time", time)).isTrue();
        assertThat(bookingAccepted(validBooking().put("time", time), CALLER)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"24:00", "9", "930", "9.30", "2:30 PM", "2:30pm", "14:60", "14:30:60", "T14:30", "14h30",
        "014:30", "14:3", "-1:00", "14:30:0", "half two", "14:30Z"})
    void timesTheBackendRefusesTheSchemaRefusesToo(String time) {
        assertThat(bookingRefusal(validBooking().put("time", time), CALLER)).isEqualTo(NO_TIME);
        assertThat(schemaAccepts("book_appointment", "time", time)).isFalse();
    }

    @Test
    void theBackendAlsoToleratesSpacesAroundATime() {
        assertThat(bookingAccepted(validBooking().put("time", " 14:30 "), CALLER)).isTrue();
        assertThat(schemaAccepts("book_appointment", "time", " 14:30 ")).isFalse();
    }

    // --- helpers ------------------------------------------------------------------------------

    private static Map<String, JsonNode> tools() {
        Map<String, JsonNode> tools = new LinkedHashMap<>();
        ASSISTANT.path("model").path("tools").forEach(tool -> tools.put(tool.path("function").path("name").asText(), tool));
        return tools;
    }

    private static JsonNode schema(String function) {
        JsonNode tool = tools().get(function);
        assertThat(tool).as(function).isNotNull();
        return tool.path("function").path("parameters");
    }

    private static Set<String> properties(String function) {
        Set<String> names = new TreeSet<>();
        schema(function).path("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> required(String function) {
        List<String> required = new ArrayList<>();
        schema(function).path("required").forEach(name -> required.add(name.asText()));
        return required;
    }

    private static JsonNode property(String function, String name) {
        JsonNode property = schema(function).path("properties").path(name);
        assertThat(property.isObject()).as(function + "." + name).isTrue();
        return property;
    }

    /** The limit the description states: "(at most N characters)". */
    private static int maxLength(String function, String name) {
        Matcher limit = Pattern.compile("\\(at most (\\d+) characters\\)\\.?$")
                .matcher(property(function, name).path("description").asText());
        assertThat(limit.find()).as(function + "." + name + " states its maximum length").isTrue();
        return Integer.parseInt(limit.group(1));
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** JSON Schema's pattern keyword: an unanchored search (the patterns anchor themselves). */
    private static boolean schemaAccepts(String function, String name, String value) {
        return Pattern.compile(property(function, name).path("pattern").asText()).matcher(value).find();
    }

    private static boolean backendReadsDate(String date) {
        try {
            BookableDates.parse(NODES.objectNode().put("date", date), "date");
            return true;
        } catch (SpeakableException refused) {
            return false;
        }
    }

    /** Monday 30 November 2026, 10:00, for someone calling from a UK mobile. */
    private static ObjectNode validBooking() {
        return NODES.objectNode()
                .put("date", "2026-11-30")
                .put("time", "10:00")
                .put("first_name", "Zoe")
                .put("last_name", "Smith")
                .put("email", "zoe@example.com")
                .put("phone", "07123 456789");
    }

    /** Monday 30 November 2026, 10:00: a reference, a new time and the email, for whichever function needs them. */
    private static ObjectNode validCallerArguments(String function) {
        ObjectNode arguments = NODES.objectNode().put("email", "zoe@example.com");
        switch (function) {
            case "find_appointment" -> arguments.put("date", "2026-11-30");
            case "cancel_appointment" -> arguments.put("appointment_ref", "41").put("confirm", true);
            default -> arguments.put("appointment_ref", "41").put("date", "2026-11-30").put("time", "10:00");
        }
        return arguments;
    }

    private String callerRefusal(String function, ObjectNode arguments) {
        ToolCall call = call(function, arguments, CALLER);
        try {
            switch (function) {
                case "find_appointment" -> callers.find(call);
                case "cancel_appointment" -> callers.cancel(call);
                default -> callers.reschedule(call);
            }
            return null;
        } catch (SpeakableException refused) {
            return refused.getMessage();
        }
    }

    private boolean bookingAccepted(ObjectNode arguments, String callerNumber) {
        return bookingRefusal(arguments, callerNumber) == null;
    }

    private String bookingRefusal(ObjectNode arguments, String callerNumber) {
        try {
            bookings.validate(call("book_appointment", arguments, callerNumber));
            return null;
        } catch (SpeakableException refused) {
            return refused.getMessage();
        }
    }

    private static ToolCall call(String function, ObjectNode arguments, String callerNumber) {
        return new ToolCall("call_1", function, arguments, true, new CallContext("call-1", callerNumber, null));
    }

    private static int constant(Class<?> type, String name) throws ReflectiveOperationException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field.getInt(null);
    }

    /** Settings as application.yaml ships them, environment variables left out. */
    private static <T> T shipped(String prefix, Class<T> type) {
        try {
            MutablePropertySources sources = new MutablePropertySources();
            new YamlPropertySourceLoader().load("application.yaml", new FileSystemResource("src/main/resources/application.yaml"))
                    .forEach(sources::addLast);
            return new Binder(ConfigurationPropertySources.from(sources), new PropertySourcesPlaceholdersResolver(sources))
                    .bind(prefix, type).get();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode read(String path) {
        try {
            return (ObjectNode) JSON.readTree(Files.readString(Path.of(path)));
        } catch (IOException e) {
            throw new IllegalStateException(path + " could not be read", e);
        }
    }
}
