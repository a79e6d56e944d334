package io.github.vapireceptionist.sandbox;

import static io.github.vapireceptionist.sandbox.PhpSemantics.empty;
import static io.github.vapireceptionist.sandbox.PhpSemantics.integer;
import static io.github.vapireceptionist.sandbox.PhpSemantics.text;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.vapireceptionist.sandbox.AvailableHours.Period;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * An in-memory Easy!Appointments 1.5.2 holding a small clinic: provider 2 and service 1 as a fresh install
 * has them, two more people and two more services ({@link #seedServices}, {@link #seedProviders}), the
 * customers and appointments created through it, and the availability engine, answering the way the real
 * server does, quirks included (no conflict check on insert, {@code ?q=} needs {@code sort},
 * Cancelled appointments still block their slot). Every failure the real server answers with a
 * 500 is a {@link Failure} carrying its message; a missing record is an empty result.
 *
 * <p>Thread-safe: every operation runs under one lock, so a lookup and the write it guards
 * (the duplicate email check, for one) are atomic. Nothing is persisted.
 */
public final class SandboxCalendar {

    public static final int PROVIDER_ID = 2;
    public static final int SERVICE_ID = 1;
    public static final int ASSESSMENT_ID = 2;
    public static final int FOLLOW_UP_ID = 3;
    public static final int MARIA_ID = 32;
    public static final int BEN_ID = 33;

    // ids 1 and 2 of EA's shared users table are the admin and the provider
    private static final int FIRST_CUSTOMER_ID = 3;
    private static final int FIRST_APPOINTMENT_ID = 1;
    private static final String DEFAULT_COLOR = "#7cbae8";
    private static final String DEFAULT_STATUS = "Booked";
    private static final String DEFAULT_CUSTOMER_TIMEZONE = "UTC";
    private static final String DEFAULT_CUSTOMER_LANGUAGE = "english";
    private static final int DEFAULT_PAGE_LENGTH = 20;
    private static final int EVENT_MINIMUM_DURATION_MINUTES = 5;

    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter LENIENT_DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd[ HH:mm[:ss]]");

    // api field -> db column, in the order the models' api_decode() copies them
    private static final Map<String, String> CUSTOMER_COLUMNS = columns(
            "id", "id", "firstName", "first_name", "lastName", "last_name", "email", "email",
            "phone", "phone_number", "address", "address", "city", "city", "zip", "zip_code",
            "language", "language", "timezone", "timezone", "customField1", "custom_field_1",
            "customField2", "custom_field_2", "customField3", "custom_field_3", "customField4", "custom_field_4",
            "customField5", "custom_field_5", "ldapDn", "ldap_dn", "notes", "notes");
    private static final Map<String, String> APPOINTMENT_COLUMNS = columns(
            "id", "id", "book", "book_datetime", "start", "start_datetime", "end", "end_datetime",
            "hash", "hash", "location", "location", "status", "status", "notes", "notes",
            "customerId", "id_users_customer", "providerId", "id_users_provider", "serviceId", "id_services",
            "googleCalendarId", "id_google_calendar", "caldavCalendarId", "id_caldav_calendar");

    private static final Map<String, Function<Customer, Object>> CUSTOMER_SORT = customerSort();
    private static final Map<String, Function<Appointment, Object>> APPOINTMENT_SORT = appointmentSort();

    private final Clock clock;
    private final ZoneId timezone;
    private final List<Service> services;
    private final List<Provider> providers;
    private final Map<String, String> settings;
    private final SecureRandom random = new SecureRandom();

    private final Object lock = new Object();
    private final TreeMap<Integer, Customer> customers = new TreeMap<>();
    private final TreeMap<Integer, Appointment> appointments = new TreeMap<>();
    private int nextCustomerId = FIRST_CUSTOMER_ID;
    private int nextAppointmentId = FIRST_APPOINTMENT_ID;

    /**
     * @param clock                  "now" for availability, book_advance_timeout and booking times
     * @param timezone               the provider's time zone and the {@code default_timezone} setting
     * @param futureBookingLimitDays the {@code future_booking_limit} setting
     */
    public SandboxCalendar(Clock clock, ZoneId timezone, int futureBookingLimitDays) {
        this(clock, timezone, futureBookingLimitDays, seedServices(), seedProviders(timezone));
    }

    private SandboxCalendar(Clock clock, ZoneId timezone, int futureBookingLimitDays, List<Service> services,
            List<Provider> providers) {
        this.clock = clock;
        this.timezone = timezone;
        this.services = services;
        this.providers = providers;
        this.settings = seedSettings(timezone, futureBookingLimitDays);
    }

    /** A fresh install's calendar: provider 2 (Jane Doe) and service 1 only, as the sandbox was before the clinic. */
    public static SandboxCalendar freshInstall(Clock clock, ZoneId timezone, int futureBookingLimitDays) {
        return new SandboxCalendar(clock, timezone, futureBookingLimitDays, seedServices().subList(0, 1),
                seedProviders(timezone).subList(0, 1));
    }

    // ---- availabilities -------------------------------------------------------------------

    /** GET /availabilities: the provider's free start times ("HH:MM", its local time) on that date. */
    public List<String> availableHours(String providerId, String serviceId, String date) {
        int providerKey = argument(providerId, "Providers_model", "$provider_id", 70);
        Provider provider = provider(providerKey).orElseThrow(
                () -> new Failure("The provided provider ID was not found in the database: " + providerKey));
        int serviceKey = argument(serviceId, "Services_model", "$service_id", 72);
        Service service = service(serviceKey).orElseThrow(
                () -> new Failure("The provided service ID was not found in the database: " + serviceKey));
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(ZoneId.of(provider.timezone())));
        LocalDate day = empty(date) ? now.toLocalDate() : isoDate(date);
        List<Period> taken;
        synchronized (lock) {
            taken = appointments.values().stream()
                    .filter(appointment -> appointment.providerId() == provider.id())
                    .map(appointment -> new Period(LocalDateTime.parse(appointment.start(), DATE_TIME),
                            LocalDateTime.parse(appointment.end(), DATE_TIME)))
                    .filter(period -> !period.start().toLocalDate().isAfter(day)
                            && !period.end().toLocalDate().isBefore(day))
                    .toList();
        }
        return AvailableHours.on(day, provider.settings().workingPlan().on(day.getDayOfWeek()), taken, service,
                now, Integer.parseInt(settings.get("book_advance_timeout")),
                Integer.parseInt(settings.get("future_booking_limit")));
    }

    // ---- customers ------------------------------------------------------------------------

    /**
     * GET /customers: {@code q} (needs {@code sort}), {@code sort}, {@code page}, {@code length}.
     * Any other key, {@code email} included, is ignored.
     */
    public List<Customer> customers(Map<String, String> query) {
        Page page = Page.of(query);
        String keyword = query.get("q");
        String sort = query.get("sort");
        if (!empty(keyword) && empty(sort)) {
            throw searchWithoutSort("Customers_model.php", 418);
        }
        Comparator<Customer> order = order(sort, CUSTOMER_SORT, Customer::id);
        synchronized (lock) {
            Stream<Customer> found = customers.values().stream();
            if (!empty(keyword)) {
                found = found.filter(customer -> customer.matches(keyword));
            }
            return page.of(found.sorted(order));
        }
    }

    public Optional<Customer> customer(int id) {
        synchronized (lock) {
            return Optional.ofNullable(customers.get(id));
        }
    }

    /** POST /customers; fails on a missing required field, a bad or an already used email. */
    public Customer createCustomer(Map<String, ?> fields) {
        Map<String, Object> row = decode(CUSTOMER_COLUMNS, fields, Map.of());
        row.remove("id");
        synchronized (lock) {
            validateCustomer(row, null);
            // one users table: a customer never gets a provider's id
            while (provider(nextCustomerId).isPresent()) {
                nextCustomerId++;
            }
            int id = nextCustomerId++;
            Customer created = Customer.from(id, row);
            customers.put(id, created);
            return created;
        }
    }

    /** PUT /customers/{id}: merges the given fields; empty when there is no such customer. */
    public Optional<Customer> updateCustomer(int id, Map<String, ?> fields) {
        synchronized (lock) {
            Customer original = customers.get(id);
            if (original == null) {
                return Optional.empty();
            }
            Map<String, Object> row = decode(CUSTOMER_COLUMNS, fields, original.row());
            row.put("id", id);
            validateCustomer(row, id);
            Customer updated = Customer.from(id, row);
            customers.put(id, updated);
            return Optional.of(updated);
        }
    }

    /** DELETE /customers/{id}: also deletes the customer's appointments (a foreign key cascade in EA). */
    public boolean deleteCustomer(int id) {
        synchronized (lock) {
            if (customers.remove(id) == null) {
                return false;
            }
            appointments.values().removeIf(appointment -> appointment.customerId() == id);
            return true;
        }
    }

    private void validateCustomer(Map<String, Object> row, Integer ownId) {
        boolean missing = requiredButEmpty(row, "require_first_name", "first_name")
                || requiredButEmpty(row, "require_last_name", "last_name")
                || requiredButEmpty(row, "require_email", "email")
                || requiredButEmpty(row, "require_phone_number", "phone_number")
                || requiredButEmpty(row, "require_address", "address")
                || requiredButEmpty(row, "require_city", "city")
                || requiredButEmpty(row, "require_zip_code", "zip_code");
        if (missing) {
            throw new Failure("Not all required fields are provided: " + PhpSemantics.printR(row));
        }
        if (empty(row.get("email"))) {
            return;
        }
        String email = text(row.get("email"));
        if (!PhpSemantics.validEmail(email)) {
            throw new Failure("Invalid email address provided: " + email);
        }
        String folded = PhpSemantics.fold(email);
        boolean inUse = customers.values().stream()
                .anyMatch(other -> !Integer.valueOf(other.id()).equals(ownId)
                        && folded.equals(PhpSemantics.fold(other.email())));
        if (inUse) {
            throw new Failure("The provided email address is already in use, please use a different one.");
        }
    }

    private boolean requiredButEmpty(Map<String, Object> row, String setting, String column) {
        return PhpSemantics.bool(settings.get(setting)) && empty(row.get(column));
    }

    // ---- appointments ---------------------------------------------------------------------

    /**
     * GET /appointments: {@code date} (DATE(start) =), {@code from} (DATE(start) >=), {@code till}
     * (DATE(end) <=), {@code providerId}, {@code serviceId}, {@code customerId}, {@code page},
     * {@code length}, {@code sort}; {@code q} needs {@code sort} and, as in EA, ignores the filters.
     * Every status is listed, Cancelled included.
     */
    public List<Appointment> appointments(Map<String, String> query) {
        Page page = Page.of(query);
        String keyword = query.get("q");
        String sort = query.get("sort");
        Predicate<Appointment> filter = appointmentFilter(query);
        if (!empty(keyword) && empty(sort)) {
            throw searchWithoutSort("Appointments_model.php", 495);
        }
        Comparator<Appointment> order = order(sort, APPOINTMENT_SORT, Appointment::id);
        synchronized (lock) {
            Predicate<Appointment> selected = empty(keyword) ? filter : appointment -> matches(appointment, keyword);
            return page.of(appointments.values().stream().filter(selected).sorted(order));
        }
    }

    public Optional<Appointment> appointment(int id) {
        synchronized (lock) {
            return Optional.ofNullable(appointments.get(id));
        }
    }

    /**
     * POST /appointments. Like EA it checks the fields and that the customer, provider and service
     * exist, and nothing else: no conflict check, no working hours check. An omitted {@code end}
     * is start + the service's duration.
     */
    public Appointment createAppointment(Map<String, ?> fields) {
        Map<String, Object> row = decode(APPOINTMENT_COLUMNS, fields, Map.of());
        row.remove("id");
        if (!row.containsKey("end_datetime")) {
            row.put("end_datetime", calculateEndDatetime(row));
        }
        synchronized (lock) {
            validateAppointment(row);
            int id = nextAppointmentId++;
            Appointment created = new Appointment(id, localNow().format(DATE_TIME),
                    text(row.get("start_datetime")), text(row.get("end_datetime")), newHash(), DEFAULT_COLOR,
                    row.containsKey("status") ? text(row.get("status")) : DEFAULT_STATUS,
                    text(row.get("location")), text(row.get("notes")),
                    integer(row.get("id_users_customer")), integer(row.get("id_users_provider")),
                    integer(row.get("id_services")),
                    text(row.get("id_google_calendar")), text(row.get("id_caldav_calendar")));
            appointments.put(id, created);
            return created;
        }
    }

    /** PUT /appointments/{id}: merges the given fields (no conflict check either). */
    public Optional<Appointment> updateAppointment(int id, Map<String, ?> fields) {
        synchronized (lock) {
            Appointment original = appointments.get(id);
            if (original == null) {
                return Optional.empty();
            }
            Map<String, Object> row = decode(APPOINTMENT_COLUMNS, fields, original.row());
            row.put("id", id);
            validateAppointment(row);
            Appointment updated = new Appointment(id, text(row.get("book_datetime")),
                    text(row.get("start_datetime")), text(row.get("end_datetime")), text(row.get("hash")),
                    original.color(), text(row.get("status")), text(row.get("location")), text(row.get("notes")),
                    integer(row.get("id_users_customer")), integer(row.get("id_users_provider")),
                    integer(row.get("id_services")),
                    text(row.get("id_google_calendar")), text(row.get("id_caldav_calendar")));
            appointments.put(id, updated);
            return Optional.of(updated);
        }
    }

    public boolean deleteAppointment(int id) {
        synchronized (lock) {
            return appointments.remove(id) != null;
        }
    }

    // Appointments_model::calculate_end_datetime(): the service's duration is looked up first; an
    // unknown service leaves it null and "PT" . null . "M" is not an interval.
    private String calculateEndDatetime(Map<String, Object> row) {
        Integer serviceId = integer(row.get("id_services"));
        Integer duration = serviceId == null ? null : service(serviceId).map(Service::duration).orElse(null);
        Object start = row.get("start_datetime");
        LocalDateTime startTime = empty(text(start)) ? localNow() : lenientDateTime(text(start));
        if (duration == null) {
            throw new Failure("Unknown or bad format (PTM)");
        }
        return startTime.plusMinutes(duration).format(DATE_TIME);
    }

    private void validateAppointment(Map<String, Object> row) {
        boolean missing = empty(row.get("start_datetime")) || empty(row.get("end_datetime"))
                || empty(row.get("id_services")) || empty(row.get("id_users_provider"))
                || empty(row.get("id_users_customer"))
                || (PhpSemantics.bool(settings.get("require_notes")) && empty(row.get("notes")));
        if (missing) {
            throw new Failure("Not all required fields are provided: " + PhpSemantics.printR(row));
        }
        LocalDateTime start = strictDateTime(row.get("start_datetime"))
                .orElseThrow(() -> new Failure("The appointment start date time is invalid."));
        LocalDateTime end = strictDateTime(row.get("end_datetime"))
                .orElseThrow(() -> new Failure("The appointment end date time is invalid."));
        if (Duration.between(start, end).toMinutes() < EVENT_MINIMUM_DURATION_MINUTES) {
            throw new Failure("The appointment duration cannot be less than "
                    + EVENT_MINIMUM_DURATION_MINUTES + " minutes.");
        }
        Object providerId = row.get("id_users_provider");
        Integer provider = integer(providerId);
        if (provider == null || provider(provider).isEmpty()) {
            throw new Failure("The appointment provider ID was not found in the database: " + text(providerId));
        }
        Object customerId = row.get("id_users_customer");
        Integer customer = integer(customerId);
        if (customer == null || !customers.containsKey(customer)) {
            throw new Failure("The appointment customer ID was not found in the database: " + text(customerId));
        }
        Integer service = integer(row.get("id_services"));
        if (service == null || service(service).isEmpty()) {
            throw new Failure("Appointment service id is invalid.");
        }
    }

    private Predicate<Appointment> appointmentFilter(Map<String, String> query) {
        Predicate<Appointment> filter = appointment -> true;
        String date = query.get("date");
        if (!empty(date)) {
            LocalDate day = lenientDateTime(date).toLocalDate();
            filter = filter.and(appointment -> day.equals(dateOf(appointment.start())));
        }
        String from = query.get("from");
        if (!empty(from)) {
            LocalDate day = lenientDateTime(from).toLocalDate();
            filter = filter.and(appointment -> !dateOf(appointment.start()).isBefore(day));
        }
        String till = query.get("till");
        if (!empty(till)) {
            LocalDate day = lenientDateTime(till).toLocalDate();
            filter = filter.and(appointment -> !dateOf(appointment.end()).isAfter(day));
        }
        filter = filter.and(idFilter(query.get("serviceId"), Appointment::serviceId));
        filter = filter.and(idFilter(query.get("providerId"), Appointment::providerId));
        return filter.and(idFilter(query.get("customerId"), Appointment::customerId));
    }

    private static Predicate<Appointment> idFilter(String wanted, Function<Appointment, Integer> column) {
        if (empty(wanted)) {
            return appointment -> true;
        }
        Integer id = integer(wanted);
        return appointment -> id != null && id.equals(column.apply(appointment));
    }

    // Appointments_model::search(): over the appointment, its service, provider and customer.
    private boolean matches(Appointment appointment, String keyword) {
        Customer customer = customers.get(appointment.customerId());
        Service service = appointment.serviceId() == null ? null : service(appointment.serviceId()).orElse(null);
        Provider provider = appointment.providerId() == null ? null : provider(appointment.providerId()).orElse(null);
        return Stream.of(appointment.start(), appointment.end(), appointment.location(), appointment.hash(),
                        appointment.notes(),
                        service != null ? service.name() : null, service != null ? service.description() : null,
                        provider != null ? provider.firstName() : null, provider != null ? provider.lastName() : null,
                        provider != null ? provider.email() : null, provider != null ? provider.phone() : null,
                        customer == null ? null : customer.firstName(), customer == null ? null : customer.lastName(),
                        customer == null ? null : customer.email(), customer == null ? null : customer.phone())
                .anyMatch(column -> PhpSemantics.like(column, keyword));
    }

    // EA's date('Y-m-d H:i:s'): the server's zone, which is the business's default_timezone
    private LocalDateTime localNow() {
        return LocalDateTime.now(clock.withZone(timezone));
    }

    private String newHash() {
        byte[] bytes = new byte[6];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    // ---- services, providers, settings ----------------------------------------------------

    public Optional<Service> service(int id) {
        return services.stream().filter(service -> service.id() == id).findFirst();
    }

    public List<Service> services() {
        return services;
    }

    public Optional<Provider> provider(int id) {
        return providers.stream().filter(provider -> provider.id() == id).findFirst();
    }

    public List<Provider> providers() {
        return providers;
    }

    /** GET /settings: {@code page} and {@code length} (default 20) apply. */
    public List<Setting> settings(Map<String, String> query) {
        Page page = Page.of(query);
        return page.of(settings.entrySet().stream().map(entry -> new Setting(entry.getKey(), entry.getValue())));
    }

    /** GET /settings/{name}: as in EA, an unknown name answers with a null value, not a 404. */
    public Setting setting(String name) {
        return new Setting(name, settings.get(name));
    }

    /** Forgets every customer and appointment and restarts their ids, for tests. */
    public void reset() {
        synchronized (lock) {
            customers.clear();
            appointments.clear();
            nextCustomerId = FIRST_CUSTOMER_ID;
            nextAppointmentId = FIRST_APPOINTMENT_ID;
        }
    }

    // ---- request decoding and parsing -----------------------------------------------------

    private static Map<String, Object> decode(Map<String, String> columns, Map<String, ?> fields,
                                              Map<String, Object> base) {
        Map<String, Object> row = new LinkedHashMap<>(base);
        Map<String, ?> given = fields == null ? Map.of() : fields;
        columns.forEach((apiField, column) -> {
            if (given.containsKey(apiField)) {
                row.put(column, given.get(apiField));
            }
        });
        return row;
    }

    // A PHP int parameter receiving a request string: "2" passes, "abc" or nothing is a TypeError.
    private static int argument(String value, String model, String parameter, int line) {
        Integer id = value == null ? null : integer(value);
        if (id == null) {
            throw new Failure(model + "::find(): Argument #1 (" + parameter + ") must be of type int, "
                    + (value == null ? "null" : "string") + " given, called in "
                    + "/var/www/html/application/controllers/api/v1/Availabilities_api_v1.php on line " + line);
        }
        return id;
    }

    private static Failure searchWithoutSort(String modelFile, int line) {
        return new Failure("EA_Model::quote_order_by(): Argument #1 ($order_by) must be of type string, null given, "
                + "called in /var/www/html/application/models/" + modelFile + " on line " + line);
    }

    private static LocalDate isoDate(String date) {
        try {
            return LocalDate.parse(date);
        } catch (DateTimeParseException unparsable) {
            throw timeStringFailure(date);
        }
    }

    // new DateTime($value): what PHP reads as a point in time, far short of all it accepts.
    private static LocalDateTime lenientDateTime(String value) {
        String trimmed = value.trim();
        try {
            return LocalDateTime.parse(trimmed, DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        } catch (DateTimeParseException notIsoLocal) {
            // next form
        }
        try {
            return OffsetDateTime.parse(trimmed).toLocalDateTime();
        } catch (DateTimeParseException notIsoOffset) {
            // next form
        }
        try {
            var parsed = LENIENT_DATE_TIME.parseBest(trimmed, LocalDateTime::from, LocalDate::from);
            return parsed instanceof LocalDate day ? day.atStartOfDay() : (LocalDateTime) parsed;
        } catch (DateTimeParseException unparsable) {
            throw timeStringFailure(value);
        }
    }

    private static Failure timeStringFailure(String value) {
        return new Failure("Failed to parse time string (" + value + ")");
    }

    // validate_datetime(): exactly "YYYY-MM-DD HH:MM:SS"
    private static Optional<LocalDateTime> strictDateTime(Object value) {
        if (!(value instanceof String text)) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(text, DATE_TIME));
        } catch (DateTimeParseException invalid) {
            return Optional.empty();
        }
    }

    private static LocalDate dateOf(String dateTime) {
        return LocalDate.parse(dateTime.substring(0, 10));
    }

    private static <T> Comparator<T> order(String sort, Map<String, Function<T, Object>> sortable,
                                           Function<T, Integer> id) {
        Comparator<T> order = (left, right) -> 0;
        if (!empty(sort)) {
            for (String token : sort.split(",")) {
                order = order.thenComparing(sortKey(token.trim(), sortable));
            }
        }
        return order.thenComparing(id);
    }

    // Api::request_order_by(): "-field" descending, "+field" or "field" ascending, MariaDB nulls first.
    private static <T> Comparator<T> sortKey(String token, Map<String, Function<T, Object>> sortable) {
        boolean signed = token.startsWith("-") || token.startsWith("+");
        Function<T, Object> column = sortable.get(signed ? token.substring(1) : token);
        if (column == null) {
            throw new Failure("Unknown column '' in 'order clause'");
        }
        Comparator<T> ascending = Comparator.comparing(column,
                Comparator.nullsFirst((Object left, Object right) -> left instanceof Integer number
                        ? number.compareTo((Integer) right)
                        : PhpSemantics.fold(left.toString()).compareTo(PhpSemantics.fold(right.toString()))));
        return token.startsWith("-") ? ascending.reversed() : ascending;
    }

    private record Page(int offset, int length) {

        static Page of(Map<String, String> query) {
            int length = DEFAULT_PAGE_LENGTH;
            if (query.containsKey("length")) {
                Integer asked = integer(query.get("length"));
                if (asked == null) {
                    throw new Failure("Api::request_limit(): Return value must be of type ?int, string returned");
                }
                length = asked;
            }
            int page = 1;
            if (query.containsKey("page")) {
                Integer asked = integer(query.get("page"));
                if (asked == null) {
                    throw new Failure("Unsupported operand types: string - int");
                }
                page = asked;
            }
            long offset = (long) (page - 1) * length;
            if (length < 0 || offset < 0 || offset > Integer.MAX_VALUE) {
                throw new Failure("You have an error in your SQL syntax; check the manual that corresponds to your "
                        + "MariaDB server version for the right syntax to use near 'LIMIT " + offset + ", " + length
                        + "' at line 1");
            }
            return new Page((int) offset, length);
        }

        <T> List<T> of(Stream<T> rows) {
            return rows.skip(offset).limit(length).toList();
        }
    }

    // ---- seed data --------------------------------------------------------------------------

    /**
     * Service 1 as a fresh install has it (30 minutes), a 60-minute assessment offered by two people and a
     * 15-minute follow-up offered by one.
     */
    static List<Service> seedServices() {
        return List.of(new Service(SERVICE_ID, "Service", 30, 0, "", null, null, "flexible", 1, false, null),
                new Service(ASSESSMENT_ID, "Full assessment", 60, 65, "GBP", null, null, "flexible", 1, false, null),
                new Service(FOLLOW_UP_ID, "Follow-up", 15, 30, "GBP", null, null, "flexible", 1, false, null));
    }

    /**
     * Jane Doe (2) as before: service 1, Monday to Friday 09:00-17:00 with lunch 12:00-13:00. María López (32):
     * services 1 and the assessment, a different week (Wednesday off, Saturday on, 10:00-18:00). Ben Okafor (33):
     * the assessment and the follow-up, Monday to Friday 08:00-16:00. Ids as Easy!Appointments gives them after a
     * few customers (one users table): never small and consecutive.
     */
    static List<Provider> seedProviders(ZoneId timezone) {
        WorkingDay weekday = new WorkingDay("09:00", "17:00", List.of(new Break("12:00", "13:00")));
        WorkingPlan jane = new WorkingPlan(weekday, weekday, weekday, weekday, weekday, null, null);
        WorkingDay late = new WorkingDay("10:00", "18:00", List.of(new Break("13:30", "14:00")));
        WorkingPlan maria = new WorkingPlan(late, late, null, late, late, late, null);
        WorkingDay early = new WorkingDay("08:00", "16:00", List.of(new Break("12:30", "13:00")));
        WorkingPlan ben = new WorkingPlan(early, early, early, early, early, null, null);
        return List.of(
                new Provider(PROVIDER_ID, "Jane", "Doe", "jane@example.org", null, "+1 (000) 000-0000",
                        null, null, null, null, null, timezone.getId(), "english", List.of(SERVICE_ID),
                        new ProviderSettings("janedoe", true, "default", jane, Map.of())),
                new Provider(MARIA_ID, "María", "López", "maria@example.org", null, "+44 1632 960032",
                        null, null, null, null, null, timezone.getId(), "english", List.of(SERVICE_ID, ASSESSMENT_ID),
                        new ProviderSettings("marialopez", true, "default", maria, Map.of())),
                new Provider(BEN_ID, "Ben", "Okafor", "ben@example.org", null, "+44 1632 960033",
                        null, null, null, null, null, timezone.getId(), "english", List.of(ASSESSMENT_ID, FOLLOW_UP_ID),
                        new ProviderSettings("benokafor", true, "default", ben, Map.of())));
    }

    private static Map<String, String> seedSettings(ZoneId timezone, int futureBookingLimitDays) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("company_name", "Sandbox Calendar");
        settings.put("company_email", "info@example.org");
        settings.put("company_link", "https://example.org");
        settings.put("date_format", "DMY");
        settings.put("time_format", "regular");
        settings.put("default_language", "english");
        settings.put("default_timezone", timezone.getId());
        settings.put("book_advance_timeout", "30");
        settings.put("future_booking_limit", String.valueOf(futureBookingLimitDays));
        settings.put("require_first_name", "1");
        settings.put("require_last_name", "1");
        settings.put("require_email", "1");
        settings.put("require_phone_number", "1");
        settings.put("require_address", "0");
        settings.put("require_city", "0");
        settings.put("require_zip_code", "0");
        settings.put("require_notes", "0");
        return Collections.unmodifiableMap(settings);
    }

    private static Map<String, String> columns(String... apiAndDb) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (int i = 0; i < apiAndDb.length; i += 2) {
            columns.put(apiAndDb[i], apiAndDb[i + 1]);
        }
        return Collections.unmodifiableMap(columns);
    }

    // the api fields Api::request_order_by() maps to a column, "state" being an always-null one here
    private static Map<String, Function<Customer, Object>> customerSort() {
        Map<String, Function<Customer, Object>> sortable = new LinkedHashMap<>();
        sortable.put("id", Customer::id);
        sortable.put("firstName", Customer::firstName);
        sortable.put("lastName", Customer::lastName);
        sortable.put("email", Customer::email);
        sortable.put("phone", Customer::phone);
        sortable.put("address", Customer::address);
        sortable.put("city", Customer::city);
        sortable.put("state", customer -> null);
        sortable.put("zip", Customer::zip);
        sortable.put("timezone", Customer::timezone);
        sortable.put("language", Customer::language);
        sortable.put("notes", Customer::notes);
        sortable.put("customField1", Customer::customField1);
        sortable.put("customField2", Customer::customField2);
        sortable.put("customField3", Customer::customField3);
        sortable.put("customField4", Customer::customField4);
        sortable.put("customField5", Customer::customField5);
        sortable.put("ldapDn", Customer::ldapDn);
        return Collections.unmodifiableMap(sortable);
    }

    private static Map<String, Function<Appointment, Object>> appointmentSort() {
        Map<String, Function<Appointment, Object>> sortable = new LinkedHashMap<>();
        sortable.put("id", Appointment::id);
        sortable.put("book", Appointment::book);
        sortable.put("start", Appointment::start);
        sortable.put("end", Appointment::end);
        sortable.put("location", Appointment::location);
        sortable.put("color", Appointment::color);
        sortable.put("status", Appointment::status);
        sortable.put("notes", Appointment::notes);
        sortable.put("hash", Appointment::hash);
        sortable.put("serviceId", Appointment::serviceId);
        sortable.put("providerId", Appointment::providerId);
        sortable.put("customerId", Appointment::customerId);
        sortable.put("googleCalendarId", Appointment::googleCalendarId);
        sortable.put("caldavCalendarId", Appointment::caldavCalendarId);
        return Collections.unmodifiableMap(sortable);
    }

    // ---- the resources, in Easy!Appointments' JSON shape ------------------------------------

    /** A failure Easy!Appointments answers with 500 {"success":false,"message":...}. */
    public static final class Failure extends RuntimeException {
        public Failure(String message) {
            super(message);
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Customer(int id, String firstName, String lastName, String email, String phone,
                           String address, String city, String zip, String timezone, String language,
                           String notes, String customField1, String customField2, String customField3,
                           String customField4, String customField5, String ldapDn) {

        static Customer from(int id, Map<String, Object> row) {
            return new Customer(id, text(row.get("first_name")), text(row.get("last_name")), text(row.get("email")),
                    text(row.get("phone_number")), text(row.get("address")), text(row.get("city")),
                    text(row.get("zip_code")),
                    row.containsKey("timezone") ? text(row.get("timezone")) : DEFAULT_CUSTOMER_TIMEZONE,
                    row.containsKey("language") ? text(row.get("language")) : DEFAULT_CUSTOMER_LANGUAGE,
                    text(row.get("notes")), text(row.get("custom_field_1")), text(row.get("custom_field_2")),
                    text(row.get("custom_field_3")), text(row.get("custom_field_4")),
                    text(row.get("custom_field_5")), text(row.get("ldap_dn")));
        }

        Map<String, Object> row() {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", id);
            row.put("first_name", firstName);
            row.put("last_name", lastName);
            row.put("email", email);
            row.put("phone_number", phone);
            row.put("address", address);
            row.put("city", city);
            row.put("zip_code", zip);
            row.put("timezone", timezone);
            row.put("language", language);
            row.put("notes", notes);
            row.put("custom_field_1", customField1);
            row.put("custom_field_2", customField2);
            row.put("custom_field_3", customField3);
            row.put("custom_field_4", customField4);
            row.put("custom_field_5", customField5);
            row.put("ldap_dn", ldapDn);
            return row;
        }

        // Customers_model::search(): LIKE over names, full name, email, phone, address, city, zip, notes.
        boolean matches(String keyword) {
            String fullName = Stream.of(firstName, lastName).filter(part -> part != null)
                    .reduce((first, last) -> first + " " + last).orElse(null);
            return Stream.of(firstName, lastName, fullName, email, phone, address, city, zip, notes)
                    .anyMatch(column -> PhpSemantics.like(column, keyword));
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Appointment(int id, String book, String start, String end, String hash, String color,
                              String status, String location, String notes, Integer customerId,
                              Integer providerId, Integer serviceId, String googleCalendarId,
                              String caldavCalendarId) {

        Map<String, Object> row() {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", id);
            row.put("book_datetime", book);
            row.put("start_datetime", start);
            row.put("end_datetime", end);
            row.put("hash", hash);
            row.put("color", color);
            row.put("status", status);
            row.put("location", location);
            row.put("notes", notes);
            row.put("id_users_customer", customerId);
            row.put("id_users_provider", providerId);
            row.put("id_services", serviceId);
            row.put("id_google_calendar", googleCalendarId);
            row.put("id_caldav_calendar", caldavCalendarId);
            row.put("is_unavailability", false);
            return row;
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Service(int id, String name, int duration, int price, String currency, String description,
                          String location, String availabilitiesType, int attendantsNumber,
                          @JsonProperty("isPrivate") boolean isPrivate, Integer serviceCategoryId) {
    }

    /** No password, token or sync secret is part of it. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Provider(int id, String firstName, String lastName, String email, String mobile, String phone,
                           String address, String city, String state, String zip, String notes,
                           String timezone, String language, List<Integer> services, ProviderSettings settings) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ProviderSettings(String username, boolean notifications, String calendarView,
                                   WorkingPlan workingPlan, Map<String, WorkingDay> workingPlanExceptions) {
    }

    /** A null day is a day off. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record WorkingPlan(WorkingDay monday, WorkingDay tuesday, WorkingDay wednesday, WorkingDay thursday,
                              WorkingDay friday, WorkingDay saturday, WorkingDay sunday) {

        WorkingDay on(DayOfWeek day) {
            return switch (day) {
                case MONDAY -> monday;
                case TUESDAY -> tuesday;
                case WEDNESDAY -> wednesday;
                case THURSDAY -> thursday;
                case FRIDAY -> friday;
                case SATURDAY -> saturday;
                case SUNDAY -> sunday;
            };
        }
    }

    public record WorkingDay(String start, String end, List<Break> breaks) {
    }

    public record Break(String start, String end) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Setting(String name, String value) {
    }
}
