package io.github.vapireceptionist.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vapireceptionist.sandbox.SandboxCalendar.Appointment;
import io.github.vapireceptionist.sandbox.SandboxCalendar.Customer;
import io.github.vapireceptionist.sandbox.SandboxCalendar.Failure;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SandboxCalendarTest {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    // Monday 2 March 2026, 08:00 in London (UTC+0 in winter)
    static final String MONDAY_8AM = "2026-03-02T08:00";
    static final String TUESDAY = "2026-03-03";

    final SandboxCalendar calendar = calendarAt(MONDAY_8AM, 90);

    static SandboxCalendar calendarAt(String londonTime, int futureBookingLimitDays) {
        return SandboxCalendar.freshInstall(clockAt(londonTime), LONDON, futureBookingLimitDays);
    }

    static Clock clockAt(String londonTime) {
        return Clock.fixed(LocalDateTime.parse(londonTime).atZone(LONDON).toInstant(), LONDON);
    }

    /** Every quarter hour from first to last, inclusive. */
    static List<String> quarters(String first, String last) {
        List<String> slots = new ArrayList<>();
        for (LocalTime t = LocalTime.parse(first); !t.isAfter(LocalTime.parse(last)); t = t.plusMinutes(15)) {
            slots.add(t.toString());
        }
        return slots;
    }

    static List<String> fullWeekday() {
        List<String> slots = new ArrayList<>(quarters("09:00", "11:30"));
        slots.addAll(quarters("13:00", "16:30"));
        return slots;
    }

    static Map<String, Object> person(String firstName, String lastName, String email, Object phone) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("firstName", firstName);
        fields.put("lastName", lastName);
        fields.put("email", email);
        fields.put("phone", phone);
        return fields;
    }

    Customer jane() {
        return calendar.createCustomer(person("Jane", "Smith", "jane@example.com", "+447700900001"));
    }

    static Map<String, Object> booking(int customerId, String start, String end) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("customerId", customerId);
        fields.put("providerId", 2);
        fields.put("serviceId", 1);
        fields.put("start", start);
        if (end != null) {
            fields.put("end", end);
        }
        return fields;
    }

    // ---- availability ----

    @Test
    void aWeekdayOffersEveryQuarterHourWhereThirtyMinutesFitAroundTheLunchBreak() {
        assertThat(calendar.availableHours("2", "1", TUESDAY))
                .isEqualTo(fullWeekday())
                .startsWith("09:00", "09:15")
                .contains("11:30", "13:00", "16:30")
                .doesNotContain("11:45", "12:00", "12:30", "12:45", "16:45", "17:00");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-03-07", "2026-03-08"})
    void weekendsAreDaysOff(String weekendDate) {
        assertThat(calendar.availableHours("2", "1", weekendDate)).isEmpty();
    }

    @Test
    void aBookedSlotRemovesEveryQuarterHourItOverlaps() {
        int customer = jane().id();
        calendar.createAppointment(booking(customer, TUESDAY + " 10:00:00", null));

        assertThat(calendar.availableHours("2", "1", TUESDAY))
                .contains("09:30", "10:30")
                .doesNotContain("09:45", "10:00", "10:15")
                .hasSize(fullWeekday().size() - 3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Cancelled", "Draft", "Booked", ""})
    void anAppointmentBlocksItsSlotWhateverItsStatus(String status) {
        Map<String, Object> fields = booking(jane().id(), TUESDAY + " 14:00:00", TUESDAY + " 14:30:00");
        fields.put("status", status);
        calendar.createAppointment(fields);

        assertThat(calendar.availableHours("2", "1", TUESDAY)).doesNotContain("13:45", "14:00", "14:15");
    }

    @Test
    void deletingTheAppointmentFreesTheSlot() {
        Appointment appointment = calendar.createAppointment(booking(jane().id(), TUESDAY + " 14:00:00", null));
        calendar.deleteAppointment(appointment.id());

        assertThat(calendar.availableHours("2", "1", TUESDAY)).isEqualTo(fullWeekday());
    }

    @Test
    void aFreePeriodAfterAnOddlyTimedAppointmentIsSteppedFromItsEnd() {
        calendar.createAppointment(booking(jane().id(), TUESDAY + " 10:10:00", TUESDAY + " 10:40:00"));

        assertThat(calendar.availableHours("2", "1", TUESDAY))
                .containsSequence("09:00", "09:15", "09:30", "10:40", "10:55", "11:10", "11:25", "13:00")
                .doesNotContain("09:45", "10:00", "10:30", "10:45", "11:30", "11:40");
    }

    @ParameterizedTest(name = "at {0} the first slot today is {1}")
    @CsvSource({
            "2026-03-02T08:00, 09:00",
            "2026-03-02T09:00, 09:45",   // 09:30 is exactly now + 30 min: EA drops it too
            "2026-03-02T09:00:01, 09:45",
            "2026-03-02T09:14, 09:45",
            "2026-03-02T09:15, 10:00",
            "2026-03-02T11:05, 13:00",   // 11:30 would be within the 30 minutes, then lunch
            "2026-03-02T15:59, 16:30"})
    void slotsWithinTheBookAdvanceTimeoutAreDropped(String now, String firstSlot) {
        assertThat(calendarAt(now, 90).availableHours("2", "1", "2026-03-02")).first().isEqualTo(firstSlot);
    }

    @Test
    void todayAfterHoursHasNothing() {
        assertThat(calendarAt("2026-03-02T16:01", 90).availableHours("2", "1", "2026-03-02")).isEmpty();
    }

    @Test
    void pastDatesHaveNothing() {
        assertThat(calendar.availableHours("2", "1", "2026-02-27")).isEmpty();
        assertThat(calendar.availableHours("2", "1", "2025-03-03")).isEmpty();
    }

    @Test
    void datesPastTheFutureBookingLimitHaveNothing() {
        SandboxCalendar eightDays = calendarAt(MONDAY_8AM, 8);

        assertThat(eightDays.availableHours("2", "1", "2026-03-10")).isEqualTo(fullWeekday());
        assertThat(eightDays.availableHours("2", "1", "2026-03-11")).isEmpty();
        assertThat(calendar.setting("future_booking_limit").value()).isEqualTo("90");
        assertThat(eightDays.setting("future_booking_limit").value()).isEqualTo("8");
    }

    @Test
    void anOmittedDateMeansToday() {
        assertThat(calendarAt("2026-03-02T12:40", 90).availableHours("2", "1", null))
                .isEqualTo(quarters("13:15", "16:30"));
        assertThat(calendarAt("2026-03-02T12:40", 90).availableHours("2", "1", ""))
                .isEqualTo(quarters("13:15", "16:30"));
    }

    @Test
    void timesAreInTheProvidersLocalTime() {
        // 08:00 UTC on a June Monday is 09:00 in London (BST): 09:30 is too soon, 09:45 is not
        Clock utc = Clock.fixed(Instant.parse("2026-06-01T08:00:00Z"), ZoneId.of("UTC"));
        SandboxCalendar london = SandboxCalendar.freshInstall(utc, LONDON, 90);

        assertThat(london.availableHours("2", "1", "2026-06-01")).first().isEqualTo("09:45");
        assertThat(london.provider(2).orElseThrow().timezone()).isEqualTo("Europe/London");
    }

    @ParameterizedTest(name = "providerId={0} serviceId={1} -> {2}")
    @CsvSource(nullValues = "NULL", value = {
            "NULL, 1, 'Argument #1 ($provider_id) must be of type int, null given'",
            "abc, 1, 'Argument #1 ($provider_id) must be of type int, string given'",
            "'', 1, 'Argument #1 ($provider_id) must be of type int, string given'",
            "999, 1, 'The provided provider ID was not found in the database: 999'",
            "1, 1, 'The provided provider ID was not found in the database: 1'",
            "2, NULL, 'Argument #1 ($service_id) must be of type int, null given'",
            "2, x, 'Argument #1 ($service_id) must be of type int, string given'",
            "2, 7, 'The provided service ID was not found in the database: 7'"})
    void badProviderOrServiceIdsFail(String providerId, String serviceId, String message) {
        assertThatThrownBy(() -> calendar.availableHours(providerId, serviceId, TUESDAY))
                .isInstanceOf(Failure.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"xyz", "2026-13-01", "03/03/2026", "2026-03-03T10:00", "tomorrow", "2026-02-30"})
    void badDatesFail(String date) {
        assertThatThrownBy(() -> calendar.availableHours("2", "1", date))
                .isInstanceOf(Failure.class)
                .hasMessage("Failed to parse time string (" + date + ")");
    }

    // ---- customers ----

    @Test
    void aNewCustomerGetsTheNextIdFromThreeAndEasDefaults() {
        Customer created = jane();

        assertThat(created).isEqualTo(new Customer(3, "Jane", "Smith", "jane@example.com", "+447700900001",
                null, null, null, "UTC", "english", null, null, null, null, null, null, null));
        assertThat(calendar.createCustomer(person("Bob", "Jones", "bob@example.com", "1")).id()).isEqualTo(4);
        assertThat(calendar.customer(3)).contains(created);
    }

    @Test
    void givenTimezoneLanguageAndOtherFieldsAreKept() {
        Map<String, Object> fields = person("Ana", "Lopez", "ana@example.com", 447700900002L);
        fields.put("timezone", "Europe/Madrid");
        fields.put("language", "spanish");
        fields.put("notes", "prefers mornings");
        fields.put("zip", 28001);
        fields.put("id", 77);

        Customer created = calendar.createCustomer(fields);

        assertThat(created.id()).isEqualTo(3);
        assertThat(created.phone()).isEqualTo("447700900002");
        assertThat(created.zip()).isEqualTo("28001");
        assertThat(created.timezone()).isEqualTo("Europe/Madrid");
        assertThat(created.language()).isEqualTo("spanish");
        assertThat(created.notes()).isEqualTo("prefers mornings");
    }

    static Stream<Arguments> missingRequiredFields() {
        return Stream.of(
                Arguments.of("firstName", null, "[first_name] => \n"),
                Arguments.of("lastName", "", "[last_name] => \n"),
                Arguments.of("email", null, "[email] => \n"),
                Arguments.of("phone", "", "[phone_number] => \n"),
                Arguments.of("phone", "0", "[phone_number] => 0\n"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("missingRequiredFields")
    void missingRequiredFieldsFailWithThePrintRDump(String field, Object value, String dumped) {
        Map<String, Object> fields = person("Jane", "Smith", "jane@example.com", "+447700900001");
        fields.put(field, value);

        assertThatThrownBy(() -> calendar.createCustomer(fields))
                .isInstanceOf(Failure.class)
                .hasMessageStartingWith("Not all required fields are provided: Array\n(\n")
                .hasMessageContaining(dumped)
                .hasMessageEndingWith(")\n");
        assertThat(calendar.customers(Map.of())).isEmpty();
    }

    @Test
    void aFieldLeftOutEntirelyIsMissingToo() {
        assertThatThrownBy(() -> calendar.createCustomer(Map.of("firstName", "Jane")))
                .hasMessage("Not all required fields are provided: Array\n(\n    [first_name] => Jane\n)\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-an-email", "jane@", "@example.com", "jane@example", "ja ne@example.com",
            "jane@@example.com", "jane@example..com"})
    void invalidEmailsFail(String email) {
        assertThatThrownBy(() -> calendar.createCustomer(person("Jane", "Smith", email, "1")))
                .isInstanceOf(Failure.class)
                .hasMessage("Invalid email address provided: " + email);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jane@example.com", "JANE@Example.COM", "Jane@EXAMPLE.com"})
    void anEmailAlreadyInUseFailsWhateverItsCase(String sameEmail) {
        jane();

        assertThatThrownBy(() -> calendar.createCustomer(person("J", "S", sameEmail, "2")))
                .isInstanceOf(Failure.class)
                .hasMessage("The provided email address is already in use, please use a different one.");
        assertThat(calendar.customers(Map.of())).hasSize(1);
    }

    @Test
    void concurrentCreatesWithTheSameEmailLetExactlyOneWin() throws Exception {
        int threads = 16;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Customer>> attempts = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String email = i % 2 == 0 ? "race@example.com" : "RACE@example.com";
                Callable<Customer> create = () -> {
                    start.await();
                    return calendar.createCustomer(person("Racer", "Number", email, "+1"));
                };
                attempts.add(pool.submit(create));
            }
            start.countDown();

            int created = 0;
            int rejected = 0;
            for (Future<Customer> attempt : attempts) {
                try {
                    attempt.get();
                    created++;
                } catch (java.util.concurrent.ExecutionException failed) {
                    assertThat(failed.getCause()).isInstanceOf(Failure.class)
                            .hasMessageContaining("already in use");
                    rejected++;
                }
            }
            assertThat(created).isEqualTo(1);
            assertThat(rejected).isEqualTo(threads - 1);
            assertThat(calendar.customers(Map.of())).extracting(Customer::id).containsExactly(3);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentCreatesWithDifferentEmailsAllGetDistinctIds() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Customer>> created = pool.invokeAll(IntStream.range(0, 40)
                    .<Callable<Customer>>mapToObj(i -> () -> calendar.createCustomer(
                            person("C" + i, "Test", "c" + i + "@example.com", "+1")))
                    .toList());
            List<Integer> ids = new ArrayList<>();
            for (Future<Customer> customer : created) {
                ids.add(customer.get().id());
            }
            assertThat(ids).doesNotHaveDuplicates().hasSize(40)
                    .allSatisfy(id -> assertThat(id).isBetween(3, 42));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theEmailParameterIsIgnoredAndReturnsPageOneOfEveryone() {
        jane();
        calendar.createCustomer(person("Bob", "Jones", "bob@example.com", "2"));

        assertThat(calendar.customers(Map.of("email", "bob@example.com")))
                .extracting(Customer::email)
                .containsExactly("jane@example.com", "bob@example.com");
    }

    @Test
    void searchWithSortMatchesSubstringsCaseInsensitivelyAcrossFields() {
        jane();
        Map<String, Object> bob = person("Bob", "Jones", "bob@example.org", "+15550000");
        bob.put("city", "Smithfield");
        calendar.createCustomer(bob);
        Map<String, Object> ana = person("Ana", "Lopez", "ana@example.net", "+447700900003");
        ana.put("notes", "regular");
        calendar.createCustomer(ana);

        assertThat(search("smith", "id")).containsExactly("Jane", "Bob");
        assertThat(search("smith", "-id")).containsExactly("Bob", "Jane");
        assertThat(search("JANE@EXAMPLE.COM", "id")).containsExactly("Jane");
        assertThat(search("jane smith", "id")).containsExactly("Jane");
        assertThat(search("7700900", "id")).containsExactly("Jane", "Ana");
        assertThat(search("regul", "id")).containsExactly("Ana");
        assertThat(search("example", "firstName")).containsExactly("Ana", "Bob", "Jane");
        assertThat(search("example", "-lastName")).containsExactly("Jane", "Ana", "Bob");
        assertThat(search("nobody", "id")).isEmpty();
    }

    private List<String> search(String q, String sort) {
        return calendar.customers(Map.of("q", q, "sort", sort)).stream().map(Customer::firstName).toList();
    }

    @Test
    void searchWithoutSortFailsAsIn152() {
        jane();

        assertThatThrownBy(() -> calendar.customers(Map.of("q", "jane")))
                .isInstanceOf(Failure.class)
                .hasMessageContaining("quote_order_by(): Argument #1 ($order_by) must be of type string, null given");
        assertThatThrownBy(() -> calendar.customers(Map.of("q", "jane", "sort", "")))
                .isInstanceOf(Failure.class);
    }

    @Test
    void anUnknownSortFieldFails() {
        assertThatThrownBy(() -> calendar.customers(Map.of("sort", "shoeSize")))
                .isInstanceOf(Failure.class)
                .hasMessageContaining("Unknown column");
    }

    @Test
    void pagesAreOneBasedWithTwentyByDefault() {
        for (int i = 0; i < 25; i++) {
            calendar.createCustomer(person("C" + i, "Test", "c" + i + "@example.com", "+1"));
        }

        assertThat(calendar.customers(Map.of())).hasSize(20).first().extracting(Customer::id).isEqualTo(3);
        assertThat(calendar.customers(Map.of("page", "2"))).extracting(Customer::id)
                .containsExactly(23, 24, 25, 26, 27);
        assertThat(calendar.customers(Map.of("page", "3", "length", "10"))).hasSize(5);
        assertThat(calendar.customers(Map.of("length", "3", "sort", "-id"))).extracting(Customer::id)
                .containsExactly(27, 26, 25);
        assertThat(calendar.customers(Map.of("page", "9"))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"length, abc", "length, ''", "page, abc", "page, 0", "length, -1"})
    void badPagingFails(String parameter, String value) {
        assertThatThrownBy(() -> calendar.customers(Map.of(parameter, value))).isInstanceOf(Failure.class);
    }

    @Test
    void anUpdateMergesOnlyTheGivenFields() {
        Customer original = jane();

        Customer updated = calendar.updateCustomer(original.id(), Map.of("phone", "+447700900999", "city", "Leeds"))
                .orElseThrow();

        assertThat(updated).isEqualTo(new Customer(3, "Jane", "Smith", "jane@example.com", "+447700900999",
                null, "Leeds", null, "UTC", "english", null, null, null, null, null, null, null));
        assertThat(calendar.customer(3)).contains(updated);
    }

    @Test
    void anUpdateMayKeepItsOwnEmailButNotTakeAnothers() {
        Customer janeSmith = jane();
        calendar.createCustomer(person("Bob", "Jones", "bob@example.com", "2"));

        assertThat(calendar.updateCustomer(janeSmith.id(), Map.of("email", "JANE@example.com"))).isPresent();
        assertThatThrownBy(() -> calendar.updateCustomer(janeSmith.id(), Map.of("email", "bob@example.com")))
                .hasMessageContaining("already in use");
        assertThatThrownBy(() -> calendar.updateCustomer(janeSmith.id(), Map.of("firstName", "")))
                .hasMessageStartingWith("Not all required fields are provided");
        assertThat(calendar.updateCustomer(999, Map.of("city", "Leeds"))).isEmpty();
    }

    @Test
    void deletingACustomerDeletesTheirAppointments() {
        Customer janeSmith = jane();
        Customer bob = calendar.createCustomer(person("Bob", "Jones", "bob@example.com", "2"));
        calendar.createAppointment(booking(janeSmith.id(), TUESDAY + " 10:00:00", null));
        Appointment bobs = calendar.createAppointment(booking(bob.id(), TUESDAY + " 11:00:00", null));

        assertThat(calendar.deleteCustomer(janeSmith.id())).isTrue();

        assertThat(calendar.customer(janeSmith.id())).isEmpty();
        assertThat(calendar.appointments(Map.of())).containsExactly(bobs);
        assertThat(calendar.deleteCustomer(janeSmith.id())).isFalse();
    }

    // ---- appointments ----

    @Test
    void aNewAppointmentGetsEasDefaultsAndAnEndFromTheServiceDuration() {
        int customer = jane().id();

        Appointment created = calendar.createAppointment(booking(customer, TUESDAY + " 10:00:00", null));

        assertThat(created.id()).isEqualTo(1);
        assertThat(created.book()).isEqualTo("2026-03-02 08:00:00");
        assertThat(created.start()).isEqualTo("2026-03-03 10:00:00");
        assertThat(created.end()).isEqualTo("2026-03-03 10:30:00");
        assertThat(created.hash()).matches("[0-9a-f]{12}");
        assertThat(created.color()).isEqualTo("#7cbae8");
        assertThat(created.status()).isEqualTo("Booked");
        assertThat(created.location()).isNull();
        assertThat(created.notes()).isNull();
        assertThat(created.customerId()).isEqualTo(customer);
        assertThat(created.providerId()).isEqualTo(2);
        assertThat(created.serviceId()).isEqualTo(1);
        assertThat(created.googleCalendarId()).isNull();
        assertThat(created.caldavCalendarId()).isNull();
        assertThat(calendar.appointment(1)).contains(created);
    }

    @Test
    void givenStatusNotesLocationAndStringIdsAreKept() {
        Map<String, Object> fields = booking(jane().id(), TUESDAY + " 10:00:00", TUESDAY + " 11:00:00");
        fields.put("customerId", "3");
        fields.put("status", "Confirmed");
        fields.put("notes", "Booked by phone");
        fields.put("location", "Room 1");
        fields.put("color", "#000000");

        Appointment created = calendar.createAppointment(fields);

        assertThat(created.customerId()).isEqualTo(3);
        assertThat(created.end()).isEqualTo("2026-03-03 11:00:00");
        assertThat(created.status()).isEqualTo("Confirmed");
        assertThat(created.notes()).isEqualTo("Booked by phone");
        assertThat(created.location()).isEqualTo("Room 1");
        assertThat(created.color()).isEqualTo("#7cbae8"); // api_decode() has no color
    }

    @Test
    void thereIsNoConflictCheckTheSameSlotCanBeBookedTwice() {
        int customer = jane().id();

        Appointment first = calendar.createAppointment(booking(customer, TUESDAY + " 10:00:00", null));
        Appointment second = calendar.createAppointment(booking(customer, TUESDAY + " 10:00:00", null));

        assertThat(second.id()).isEqualTo(first.id() + 1);
        assertThat(calendar.appointments(Map.of("date", TUESDAY))).hasSize(2);
    }

    @Test
    void thereIsNoWorkingHoursCheckEither() {
        Appointment saturdayNight = calendar.createAppointment(
                booking(jane().id(), "2026-03-07 20:00:00", "2026-03-07 20:30:00"));

        assertThat(saturdayNight.start()).isEqualTo("2026-03-07 20:00:00");
    }

    static Stream<Arguments> invalidAppointments() {
        return Stream.of(
                Arguments.of("ISO start with end", Map.of("start", "2026-03-03T10:00:00",
                        "end", "2026-03-03 10:30:00"), "The appointment start date time is invalid."),
                Arguments.of("ISO start, end omitted", Map.of("start", "2026-03-03T10:00:00"),
                        "The appointment start date time is invalid."),
                Arguments.of("start without seconds", Map.of("start", "2026-03-03 10:00",
                        "end", "2026-03-03 10:30:00"), "The appointment start date time is invalid."),
                Arguments.of("start with zone", Map.of("start", "2026-03-03 10:00:00Z",
                        "end", "2026-03-03 10:30:00"), "The appointment start date time is invalid."),
                Arguments.of("end in ISO", Map.of("start", "2026-03-03 10:00:00",
                        "end", "2026-03-03T10:30:00"), "The appointment end date time is invalid."),
                Arguments.of("unparsable start, end omitted", Map.of("start", "xyz"),
                        "Failed to parse time string (xyz)"),
                Arguments.of("too short", Map.of("start", "2026-03-03 10:00:00", "end", "2026-03-03 10:04:00"),
                        "The appointment duration cannot be less than 5 minutes."),
                Arguments.of("unknown customer", Map.of("customerId", 999),
                        "The appointment customer ID was not found in the database: 999"),
                Arguments.of("unknown provider", Map.of("providerId", 5),
                        "The appointment provider ID was not found in the database: 5"),
                Arguments.of("unknown service, end given", Map.of("serviceId", 9, "end", "2026-03-03 10:30:00"),
                        "Appointment service id is invalid."),
                Arguments.of("unknown service, end omitted", Map.of("serviceId", 9),
                        "Unknown or bad format (PTM)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidAppointments")
    void invalidAppointmentsFail(String name, Map<String, Object> overrides, String message) {
        Map<String, Object> fields = booking(jane().id(), TUESDAY + " 10:00:00", null);
        fields.putAll(overrides);

        assertThatThrownBy(() -> calendar.createAppointment(fields))
                .isInstanceOf(Failure.class)
                .hasMessage(message);
        assertThat(calendar.appointments(Map.of())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"customerId", "providerId"})
    void missingIdsFailAsNotProvided(String field) {
        Map<String, Object> fields = booking(jane().id(), TUESDAY + " 10:00:00", null);
        fields.remove(field);

        assertThatThrownBy(() -> calendar.createAppointment(fields))
                .isInstanceOf(Failure.class)
                .hasMessageStartingWith("Not all required fields are provided: Array\n(\n    [start_datetime] => "
                        + "2026-03-03 10:00:00\n");
    }

    @Test
    void noFieldsAtAllFailOnTheMissingServiceDuration() {
        // what a form-encoded body amounts to: request() finds no JSON
        assertThatThrownBy(() -> calendar.createAppointment(Map.of()))
                .isInstanceOf(Failure.class)
                .hasMessage("Unknown or bad format (PTM)");
    }

    @Test
    void listFiltersByDateRangeProviderServiceAndCustomer() {
        int janeId = jane().id();
        int bobId = calendar.createCustomer(person("Bob", "Jones", "bob@example.com", "2")).id();
        Appointment monday = calendar.createAppointment(booking(janeId, "2026-03-02 15:00:00", null));
        Appointment tuesday = calendar.createAppointment(booking(bobId, TUESDAY + " 09:00:00", null));
        Appointment overnight = calendar.createAppointment(
                booking(janeId, TUESDAY + " 23:45:00", "2026-03-04 00:15:00"));
        Appointment thursday = calendar.createAppointment(booking(bobId, "2026-03-05 09:00:00", null));

        assertThat(calendar.appointments(Map.of("date", TUESDAY))).containsExactly(tuesday, overnight);
        assertThat(calendar.appointments(Map.of("from", TUESDAY))).containsExactly(tuesday, overnight, thursday);
        assertThat(calendar.appointments(Map.of("till", TUESDAY))).containsExactly(monday, tuesday);
        assertThat(calendar.appointments(Map.of("from", TUESDAY, "till", "2026-03-04")))
                .containsExactly(tuesday, overnight);
        assertThat(calendar.appointments(Map.of("customerId", String.valueOf(bobId))))
                .containsExactly(tuesday, thursday);
        assertThat(calendar.appointments(Map.of("providerId", "2", "serviceId", "1"))).hasSize(4);
        assertThat(calendar.appointments(Map.of("providerId", "3"))).isEmpty();
        assertThat(calendar.appointments(Map.of("start", "2026-03-05 09:00:00"))).hasSize(4); // ignored
        assertThat(calendar.appointments(Map.of("date", "2026-03-05 08:00:00"))).containsExactly(thursday);
    }

    @Test
    void cancelledAppointmentsAreListed() {
        Appointment appointment = calendar.createAppointment(booking(jane().id(), TUESDAY + " 10:00:00", null));
        calendar.updateAppointment(appointment.id(), Map.of("status", "Cancelled"));

        assertThat(calendar.appointments(Map.of("date", TUESDAY)))
                .singleElement().extracting(Appointment::status).isEqualTo("Cancelled");
    }

    @Test
    void listSortsAndPages() {
        int customer = jane().id();
        calendar.createAppointment(booking(customer, "2026-03-05 09:00:00", null));
        calendar.createAppointment(booking(customer, "2026-03-03 09:00:00", null));
        calendar.createAppointment(booking(customer, "2026-03-04 09:00:00", null));

        assertThat(calendar.appointments(Map.of("sort", "start"))).extracting(Appointment::id)
                .containsExactly(2, 3, 1);
        assertThat(calendar.appointments(Map.of("sort", "-start"))).extracting(Appointment::id)
                .containsExactly(1, 3, 2);
        assertThat(calendar.appointments(Map.of("sort", "-id", "length", "2", "page", "2")))
                .extracting(Appointment::id).containsExactly(1);
    }

    @Test
    void searchNeedsSortAndIgnoresTheFilters() {
        int janeId = jane().id();
        calendar.createAppointment(booking(janeId, "2026-03-05 09:00:00", null));

        assertThatThrownBy(() -> calendar.appointments(Map.of("q", "jane")))
                .isInstanceOf(Failure.class)
                .hasMessageContaining("Appointments_model.php");
        assertThat(calendar.appointments(Map.of("q", "JANE", "sort", "id"))).hasSize(1);
        assertThat(calendar.appointments(Map.of("q", "2026-03-05", "sort", "id", "date", TUESDAY))).hasSize(1);
        assertThat(calendar.appointments(Map.of("q", "nobody", "sort", "id"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"date", "from", "till"})
    void badDateFiltersFail(String filter) {
        assertThatThrownBy(() -> calendar.appointments(Map.of(filter, "someday")))
                .isInstanceOf(Failure.class)
                .hasMessage("Failed to parse time string (someday)");
    }

    @Test
    void anUpdateMergesAndIsValidatedButNotConflictChecked() {
        int customer = jane().id();
        Appointment first = calendar.createAppointment(booking(customer, TUESDAY + " 10:00:00", null));
        calendar.createAppointment(booking(customer, TUESDAY + " 11:00:00", null));

        Appointment moved = calendar.updateAppointment(first.id(),
                Map.of("start", TUESDAY + " 11:00:00", "end", TUESDAY + " 11:30:00")).orElseThrow();

        assertThat(moved).isEqualTo(new Appointment(first.id(), first.book(), TUESDAY + " 11:00:00",
                TUESDAY + " 11:30:00", first.hash(), first.color(), "Booked", null, null, customer, 2, 1, null,
                null));
        assertThatThrownBy(() -> calendar.updateAppointment(first.id(), Map.of("start", "tomorrow")))
                .hasMessage("The appointment start date time is invalid.");
        assertThat(calendar.updateAppointment(999, Map.of("status", "Cancelled"))).isEmpty();
    }

    @Test
    void deleteWorksOnce() {
        Appointment appointment = calendar.createAppointment(booking(jane().id(), TUESDAY + " 10:00:00", null));

        assertThat(calendar.deleteAppointment(appointment.id())).isTrue();
        assertThat(calendar.deleteAppointment(appointment.id())).isFalse();
        assertThat(calendar.appointment(appointment.id())).isEmpty();
    }

    @Test
    void concurrentBookingsOfTheSameSlotAllSucceedWithDistinctIds() throws Exception {
        int customer = jane().id();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Appointment>> booked = pool.invokeAll(IntStream.range(0, 8)
                    .<Callable<Appointment>>mapToObj(i -> () -> calendar.createAppointment(
                            booking(customer, TUESDAY + " 10:00:00", null)))
                    .toList());
            List<Integer> ids = new ArrayList<>();
            for (Future<Appointment> appointment : booked) {
                ids.add(appointment.get().id());
            }
            assertThat(ids).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- seed data ----

    @Test
    void theServiceIsAFreshInstallsThirtyMinuteFlexibleService() {
        assertThat(calendar.service(1)).contains(new SandboxCalendar.Service(1, "Service", 30, 0, "", null,
                null, "flexible", 1, false, null));
        assertThat(calendar.service(2)).isEmpty();
        assertThat(calendar.services()).hasSize(1);
    }

    @Test
    void theProviderWorksWeekdaysNineToFiveWithLunchAndOffersServiceOne() {
        SandboxCalendar.Provider provider = calendar.provider(2).orElseThrow();

        assertThat(provider.timezone()).isEqualTo("Europe/London");
        assertThat(provider.services()).containsExactly(1);
        SandboxCalendar.WorkingPlan plan = provider.settings().workingPlan();
        assertThat(List.of(plan.monday(), plan.tuesday(), plan.wednesday(), plan.thursday(), plan.friday()))
                .allSatisfy(day -> assertThat(day).isEqualTo(new SandboxCalendar.WorkingDay("09:00", "17:00",
                        List.of(new SandboxCalendar.Break("12:00", "13:00")))));
        assertThat(plan.saturday()).isNull();
        assertThat(plan.sunday()).isNull();
        assertThat(provider.settings().workingPlanExceptions()).isEmpty();
        assertThat(calendar.provider(1)).isEmpty();
    }

    @Test
    void settingsAreStrings() {
        assertThat(calendar.settings(Map.of()))
                .contains(new SandboxCalendar.Setting("book_advance_timeout", "30"),
                        new SandboxCalendar.Setting("future_booking_limit", "90"),
                        new SandboxCalendar.Setting("default_timezone", "Europe/London"));
        assertThat(calendar.setting("book_advance_timeout").value()).isEqualTo("30");
        assertThat(calendar.setting("no_such_setting")).isEqualTo(new SandboxCalendar.Setting("no_such_setting",
                null));
    }

    @Test
    void resetForgetsCustomersAndAppointmentsAndRestartsTheirIds() {
        calendar.createAppointment(booking(jane().id(), TUESDAY + " 10:00:00", null));

        calendar.reset();

        assertThat(calendar.customers(Map.of())).isEmpty();
        assertThat(calendar.appointments(Map.of())).isEmpty();
        assertThat(calendar.availableHours("2", "1", TUESDAY)).isEqualTo(fullWeekday());
        assertThat(jane().id()).isEqualTo(3);
        assertThat(calendar.createAppointment(booking(3, TUESDAY + " 10:00:00", null)).id()).isEqualTo(1);
    }
}
