package io.github.vapireceptionist.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.vapireceptionist.calendar.EasyAppointmentsProperties;
import io.github.vapireceptionist.core.CallContext;
import io.github.vapireceptionist.core.SpeakableException;
import io.github.vapireceptionist.core.ToolCall;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * book_appointment's arguments checked before anything is written to the calendar: every refusal
 * is the exact sentence the assistant says, every accepted value is what the calendar will store.
 */
class BookingRequestsTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    /** Tuesday 24 November 2026, 10:00 in London. */
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), LONDON);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String CALLER = "+447987654321";

    private static final String NO_DATE = "I didn't catch a valid date. Which day would you like?";
    private static final String PAST_DATE = "That date has already passed. Which day would you like?";
    private static final String BEYOND_HORIZON =
            "I can only book up to 90 days ahead, until Monday 22 February. Which day would you like?";
    private static final String NO_TIME = "I didn't catch a valid time. What time would you like, for example 14:30?";
    private static final String PAST_TIME = "That time has already passed today. Would a later time suit you?";
    private static final String NO_FIRST_NAME = "I didn't catch your first name. Could you say it again?";
    private static final String NO_LAST_NAME = "I didn't catch your last name. Could you say it again?";
    private static final String NO_EMAIL = "That email address doesn't look right. Could you spell it for me?";
    private static final String NO_PHONE =
            "That phone number doesn't look right. Could you say it again with the area code?";

    private final BookingRequests requests = new BookingRequests(NOW, calendar(), new BookingProperties("GB", 10000, 24));

    static EasyAppointmentsProperties calendar() {
        return new EasyAppointmentsProperties("", "http://127.0.0.1:8000/sandbox/easyappointments/index.php/api/v1",
                null, "sandbox", "sandbox", 2, 1, LONDON, 90, 7, 1000, 2500);
    }

    static ToolCall call(JsonNode arguments, String callerNumber) {
        return new ToolCall("tc1", "book_appointment", (ObjectNode) arguments, true,
                new CallContext("call-1", callerNumber, null));
    }

    /** Everything a caller would say for Monday 30 November at 10:00. */
    static ObjectNode valid() {
        return JSON.objectNode()
                .put("date", "2026-11-30")
                .put("time", "10:00")
                .put("first_name", "Zoe")
                .put("last_name", "Smith")
                .put("email", "zoe@example.com")
                .put("phone", "07123 456789");
    }

    static ObjectNode without(String... fields) {
        return valid().remove(List.of(fields));
    }

    static ObjectNode with(String field, String value) {
        return valid().put(field, value);
    }

    static ObjectNode with(String field, JsonNode value) {
        ObjectNode arguments = valid();
        arguments.set(field, value);
        return arguments;
    }

    static String stillNeed(String what) {
        return "To book you in I still need " + what + ".";
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                // each field missing, JSON null, empty, whitespace
                arguments("date missing", without("date"), CALLER, stillNeed("the date")),
                arguments("date null", with("date", JSON.nullNode()), CALLER, stillNeed("the date")),
                arguments("date empty", with("date", ""), CALLER, stillNeed("the date")),
                arguments("date whitespace", with("date", " \t "), CALLER, stillNeed("the date")),
                arguments("time missing", without("time"), CALLER, stillNeed("the time")),
                arguments("time null", with("time", JSON.nullNode()), CALLER, stillNeed("the time")),
                arguments("time empty", with("time", ""), CALLER, stillNeed("the time")),
                arguments("time whitespace", with("time", "   "), CALLER, stillNeed("the time")),
                arguments("first name missing", without("first_name"), CALLER, stillNeed("your first name")),
                arguments("first name null", with("first_name", JSON.nullNode()), CALLER, stillNeed("your first name")),
                arguments("first name empty", with("first_name", ""), CALLER, stillNeed("your first name")),
                arguments("first name whitespace", with("first_name", " \n "), CALLER, stillNeed("your first name")),
                arguments("last name missing", without("last_name"), CALLER, stillNeed("your last name")),
                arguments("last name null", with("last_name", JSON.nullNode()), CALLER, stillNeed("your last name")),
                arguments("last name empty", with("last_name", ""), CALLER, stillNeed("your last name")),
                arguments("last name whitespace", with("last_name", "\t"), CALLER, stillNeed("your last name")),
                arguments("email missing", without("email"), CALLER, stillNeed("your email address")),
                arguments("email null", with("email", JSON.nullNode()), CALLER, stillNeed("your email address")),
                arguments("email empty", with("email", ""), CALLER, stillNeed("your email address")),
                arguments("email whitespace", with("email", "  "), CALLER, stillNeed("your email address")),
                arguments("phone missing, caller unknown", without("phone"), null, stillNeed("your phone number")),
                arguments("phone null, caller unknown", with("phone", JSON.nullNode()), null, stillNeed("your phone number")),
                arguments("phone empty, caller unknown", with("phone", ""), null, stillNeed("your phone number")),
                arguments("phone whitespace, caller unknown", with("phone", "  "), null, stillNeed("your phone number")),

                // several missing at once: one sentence naming them all, in the order asked
                arguments("date, time and email missing", without("date", "time", "email"), CALLER,
                        stillNeed("the date, the time and your email address")),
                arguments("both names null", with("first_name", JSON.nullNode()).putNull("last_name"), CALLER,
                        stillNeed("your first name and your last name")),
                arguments("nothing given, caller known", JSON.objectNode(), CALLER,
                        stillNeed("the date, the time, your first name, your last name and your email address")),
                arguments("nothing given, caller unknown", JSON.objectNode(), null, stillNeed(
                        "the date, the time, your first name, your last name, your email address and your phone number")),
                arguments("time and phone missing, caller unknown", without("time", "phone"), null,
                        stillNeed("the time and your phone number")),
                arguments("missing fields are named before a bad one is judged", without("email").put("date", "tomorrow"),
                        CALLER, stillNeed("your email address")),

                // wrong JSON types
                arguments("date a number", with("date", JSON.numberNode(20261130)), CALLER, NO_DATE),
                arguments("date a boolean", with("date", JSON.booleanNode(true)), CALLER, NO_DATE),
                arguments("date an array", with("date", JSON.arrayNode().add("2026-11-30")), CALLER, NO_DATE),
                arguments("date an object", with("date", JSON.objectNode().put("date", "2026-11-30")), CALLER, NO_DATE),
                arguments("time a number", with("time", JSON.numberNode(10)), CALLER, NO_TIME),
                arguments("time a decimal", with("time", JSON.numberNode(10.30)), CALLER, NO_TIME),
                arguments("time a boolean", with("time", JSON.booleanNode(false)), CALLER, NO_TIME),
                arguments("time an array", with("time", JSON.arrayNode().add("10:00")), CALLER, NO_TIME),
                arguments("time an object", with("time", JSON.objectNode().put("hour", 10)), CALLER, NO_TIME),
                arguments("first name a number", with("first_name", JSON.numberNode(42)), CALLER, NO_FIRST_NAME),
                arguments("first name a boolean", with("first_name", JSON.booleanNode(true)), CALLER, NO_FIRST_NAME),
                arguments("first name an array", with("first_name", JSON.arrayNode().add("Zoe")), CALLER, NO_FIRST_NAME),
                arguments("first name an object", with("first_name", JSON.objectNode().put("name", "Zoe")), CALLER,
                        NO_FIRST_NAME),
                arguments("last name a number", with("last_name", JSON.numberNode(7)), CALLER, NO_LAST_NAME),
                arguments("last name a boolean", with("last_name", JSON.booleanNode(false)), CALLER, NO_LAST_NAME),
                arguments("last name an array", with("last_name", JSON.arrayNode().add("Smith")), CALLER, NO_LAST_NAME),
                arguments("last name an object", with("last_name", JSON.objectNode()), CALLER, NO_LAST_NAME),
                arguments("email a number", with("email", JSON.numberNode(1)), CALLER, NO_EMAIL),
                arguments("email a boolean", with("email", JSON.booleanNode(true)), CALLER, NO_EMAIL),
                arguments("email an array", with("email", JSON.arrayNode().add("zoe@example.com")), CALLER, NO_EMAIL),
                arguments("email an object", with("email", JSON.objectNode().put("address", "zoe@example.com")), CALLER,
                        NO_EMAIL),
                arguments("phone a boolean", with("phone", JSON.booleanNode(true)), CALLER, NO_PHONE),
                arguments("phone an array", with("phone", JSON.arrayNode().add("07123 456789")), CALLER, NO_PHONE),
                arguments("phone an object", with("phone", JSON.objectNode().put("number", "07123 456789")), CALLER,
                        NO_PHONE),

                // dates
                arguments("date in words", with("date", "tomorrow"), CALLER, NO_DATE),
                arguments("date day first", with("date", "30/11/2026"), CALLER, NO_DATE),
                arguments("date 30 February", with("date", "2027-02-30"), CALLER, NO_DATE),
                arguments("date month 13", with("date", "2026-13-01"), CALLER, NO_DATE),
                arguments("date longer than 40 characters", with("date", "2026-11-30" + " ".repeat(31)), CALLER, NO_DATE),
                arguments("date yesterday", with("date", "2026-11-23"), CALLER, PAST_DATE),
                arguments("date-time yesterday", with("date", "2026-11-23T23:59:00Z"), CALLER, PAST_DATE),
                arguments("date last year", with("date", "2025-11-30"), CALLER, PAST_DATE),
                arguments("date the day after the horizon", with("date", "2027-02-23"), CALLER, BEYOND_HORIZON),
                arguments("date next year", with("date", "2027-11-30"), CALLER, BEYOND_HORIZON),

                // times
                arguments("time 25:00", with("time", "25:00"), CALLER, NO_TIME),
                arguments("time 24:00", with("time", "24:00"), CALLER, NO_TIME),
                arguments("time 10:60", with("time", "10:60"), CALLER, NO_TIME),
                arguments("time noon", with("time", "noon"), CALLER, NO_TIME),
                arguments("time 10.30", with("time", "10.30"), CALLER, NO_TIME),
                arguments("time 1030", with("time", "1030"), CALLER, NO_TIME),
                arguments("time 10:00pm", with("time", "10:00pm"), CALLER, NO_TIME),
                arguments("time 10:30:60", with("time", "10:30:60"), CALLER, NO_TIME),
                arguments("time words of 17 characters", with("time", "10:30 in the morn"), CALLER, NO_TIME),
                arguments("time padded to 17 characters", with("time", "10:30" + " ".repeat(12)), CALLER, NO_TIME),
                arguments("time passed today", valid().put("date", "2026-11-24").put("time", "09:00"), CALLER, PAST_TIME),
                arguments("time now", valid().put("date", "2026-11-24").put("time", "10:00"), CALLER, PAST_TIME),
                arguments("midnight today", valid().put("date", "2026-11-24").put("time", "00:00"), CALLER, PAST_TIME),

                // names
                arguments("first name with NUL", with("first_name", "Zoe\u0000"), CALLER, NO_FIRST_NAME),
                arguments("first name only NUL", with("first_name", "\u0000"), CALLER, NO_FIRST_NAME),
                arguments("first name with a bell", with("first_name", "Zo\u0007e"), CALLER, NO_FIRST_NAME),
                arguments("first name with right-to-left override", with("first_name", "\u202EZoe"), CALLER, NO_FIRST_NAME),
                arguments("first name with zero-width space", with("first_name", "Zo\u200Be"), CALLER, NO_FIRST_NAME),
                arguments("first name with next-line control", with("first_name", "Zoe\u0085Ann"), CALLER, NO_FIRST_NAME),
                arguments("first name digits only", with("first_name", "1234"), CALLER, NO_FIRST_NAME),
                arguments("first name dashes only", with("first_name", "---"), CALLER, NO_FIRST_NAME),
                arguments("first name 101 letters", with("first_name", "a".repeat(101)), CALLER, NO_FIRST_NAME),
                arguments("first name 101 supplementary letters", with("first_name", "\uD840\uDC00".repeat(101)), CALLER,
                        NO_FIRST_NAME),
                arguments("last name with NUL", with("last_name", "Smi\u0000th"), CALLER, NO_LAST_NAME),
                arguments("last name with right-to-left override", with("last_name", "Smith\u202E"), CALLER, NO_LAST_NAME),
                arguments("last name punctuation only", with("last_name", "'. -"), CALLER, NO_LAST_NAME),
                arguments("last name 101 letters", with("last_name", "b".repeat(101)), CALLER, NO_LAST_NAME),
                arguments("first name judged before last name", valid().put("first_name", "1").put("last_name", "2"),
                        CALLER, NO_FIRST_NAME),

                // emails
                arguments("email without @", with("email", "zoe.example.com"), CALLER, NO_EMAIL),
                arguments("email with a space", with("email", "zoe @example.com"), CALLER, NO_EMAIL),
                arguments("email with two @", with("email", "zoe@exa@mple.com"), CALLER, NO_EMAIL),
                arguments("email with @@", with("email", "zoe@@example.com"), CALLER, NO_EMAIL),
                arguments("email of 255 characters", with("email", emailOfLength(255)), CALLER, NO_EMAIL),
                arguments("email at localhost", with("email", "user@localhost"), CALLER, NO_EMAIL),
                arguments("email a@b", with("email", "a@b"), CALLER, NO_EMAIL),
                arguments("email without a top-level domain", with("email", "zoe@example"), CALLER, NO_EMAIL),

                // phones
                arguments("phone too short", with("phone", "12345"), CALLER, NO_PHONE),
                arguments("phone in Ofcom's drama range", with("phone", "+44 7700 900123"), CALLER, NO_PHONE),
                arguments("phone a word", with("phone", "hello"), CALLER, NO_PHONE),
                arguments("phone of 41 characters", with("phone", spacedPhone(41)), CALLER, NO_PHONE),
                arguments("phone too short, caller unknown", with("phone", "12345"), null, NO_PHONE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void refusesWithTheSentenceToSay(String description, ObjectNode arguments, String callerNumber, String sentence) {
        assertThatThrownBy(() -> requests.validate(call(arguments, callerNumber)))
                .isInstanceOf(SpeakableException.class)
                .hasMessage(sentence);
    }

    @Test
    void refusesArgumentsThatCouldNotBeRead() {
        ToolCall unreadable = new ToolCall("tc1", "book_appointment", null, false, new CallContext("call-1", CALLER, null));

        assertThatThrownBy(() -> requests.validate(unreadable))
                .isInstanceOf(SpeakableException.class)
                .hasMessage("I couldn't read the details of that request. Could you say them again?");
    }

    @Test
    void aCompleteRequestBecomesABookingOfExactlyThat() {
        BookingRequest request = requests.validate(call(valid(), CALLER)).request();

        assertThat(request).isEqualTo(new BookingRequest(LocalDate.of(2026, 11, 30), LocalTime.of(10, 0), "Zoe",
                "Smith", "zoe@example.com", "+447123456789", "tc1", "call-1"));
    }

    static Stream<Arguments> goodInputs() {
        Function<BookingRequest, Object> date = BookingRequest::date;
        Function<BookingRequest, Object> time = BookingRequest::time;
        Function<BookingRequest, Object> firstName = BookingRequest::firstName;
        Function<BookingRequest, Object> lastName = BookingRequest::lastName;
        Function<BookingRequest, Object> email = BookingRequest::email;
        Function<BookingRequest, Object> phone = BookingRequest::phone;
        return Stream.of(
                // phones, read the way callers say them, stored as E.164
                arguments("UK mobile said nationally", with("phone", "07123 456789"), CALLER, phone, "+447123456789"),
                arguments("UK mobile with +44", with("phone", "+44 7123 456789"), CALLER, phone, "+447123456789"),
                arguments("UK mobile with (0) and dashes", with("phone", "(0)7123-456-789"), CALLER, phone,
                        "+447123456789"),
                arguments("UK mobile with 0044", with("phone", "0044 7123 456789"), CALLER, phone, "+447123456789"),
                arguments("London landline", with("phone", "020 7946 0018"), CALLER, phone, "+442079460018"),
                arguments("US number", with("phone", "+1 415 555 2671"), CALLER, phone, "+14155552671"),
                arguments("phone as a JSON number", with("phone", JSON.numberNode(7123456789L)), CALLER, phone,
                        "+447123456789"),
                arguments("phone of exactly 40 characters", with("phone", spacedPhone(40)), CALLER, phone,
                        "+447123456789"),
                arguments("given phone wins over the caller's", with("phone", "07123 456789"), "+14155552671", phone,
                        "+447123456789"),
                arguments("phone missing: the caller's number", without("phone"), CALLER, phone, "+447987654321"),
                arguments("phone null: the caller's number", with("phone", JSON.nullNode()), CALLER, phone,
                        "+447987654321"),
                arguments("phone blank: the caller's number", with("phone", "  "), CALLER, phone, "+447987654321"),
                arguments("caller's number normalised to E.164", without("phone"), "+44 7987 654 321", phone,
                        "+447987654321"),
                arguments("caller's national number read in the default region", without("phone"), "07987 654321",
                        phone, "+447987654321"),

                // emails
                arguments("email lower-cased", with("email", "Zoe@Example.COM"), CALLER, email, "zoe@example.com"),
                arguments("email trimmed", with("email", "  zoe@example.com \t"), CALLER, email, "zoe@example.com"),
                arguments("plus-addressing", with("email", "zoe+dentist@example.com"), CALLER, email,
                        "zoe+dentist@example.com"),
                arguments("subdomains", with("email", "Zoe.Smith@mail.Example.co.uk"), CALLER, email,
                        "zoe.smith@mail.example.co.uk"),
                arguments("email of 254 characters", with("email", emailOfLength(254)), CALLER, email,
                        emailOfLength(254)),

                // names
                arguments("diaeresis", with("first_name", "Zoë"), CALLER, firstName, "Zoë"),
                arguments("two given names with accents", with("first_name", "José María"), CALLER, firstName,
                        "José María"),
                arguments("Chinese", with("last_name", "李"), CALLER, lastName, "李"),
                arguments("apostrophe and hyphen", with("last_name", "O'Brien-Smith"), CALLER, lastName, "O'Brien-Smith"),
                arguments("trimmed", with("first_name", "  Zoe\t"), CALLER, firstName, "Zoe"),
                arguments("inner whitespace collapsed", with("first_name", "José \t  María"), CALLER, firstName,
                        "José María"),
                arguments("a line break inside becomes one space", with("last_name", "Smith\r\nJones"), CALLER, lastName,
                        "Smith Jones"),
                arguments("100 letters", with("first_name", "a".repeat(100)), CALLER, firstName, "a".repeat(100)),
                arguments("100 supplementary letters (200 chars)", with("first_name", "\uD840\uDC00".repeat(100)),
                        CALLER, firstName, "\uD840\uDC00".repeat(100)),
                arguments("a letter among digits", with("last_name", "Smith 2nd"), CALLER, lastName, "Smith 2nd"),

                // times
                arguments("one-digit hour", with("time", "9:30"), CALLER, time, LocalTime.of(9, 30)),
                arguments("with seconds", with("time", "09:30:00"), CALLER, time, LocalTime.of(9, 30)),
                arguments("last minute of the day", with("time", "23:59"), CALLER, time, LocalTime.of(23, 59)),
                arguments("surrounding spaces", with("time", " 14:30 "), CALLER, time, LocalTime.of(14, 30)),
                arguments("padded to 16 characters", with("time", "14:30" + " ".repeat(11)), CALLER, time,
                        LocalTime.of(14, 30)),
                arguments("a minute from now, today", valid().put("date", "2026-11-24").put("time", "10:01"), CALLER,
                        time, LocalTime.of(10, 1)),

                // dates
                arguments("ISO date-time: its date part", with("date", "2026-11-30T10:00:00Z"), CALLER, date,
                        LocalDate.of(2026, 11, 30)),
                arguments("date-time with an offset: the date as said", with("date", "2026-11-30T23:30:00-05:00"),
                        CALLER, date, LocalDate.of(2026, 11, 30)),
                arguments("today", valid().put("date", "2026-11-24").put("time", "17:00"), CALLER, date,
                        LocalDate.of(2026, 11, 24)),
                arguments("the last day of the horizon", with("date", "2027-02-22"), CALLER, date,
                        LocalDate.of(2027, 2, 22)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goodInputs")
    void acceptsAndNormalises(String description, ObjectNode arguments, String callerNumber,
            Function<BookingRequest, Object> field, Object expected) {
        BookingRequest request = requests.validate(call(arguments, callerNumber)).request();

        assertThat(field.apply(request)).isEqualTo(expected);
    }

    @Test
    void theDefaultRegionComesFromTheSettings() {
        BookingRequests inTheUs = new BookingRequests(NOW, calendar(), new BookingProperties("US", 10000, 24));

        assertThat(inTheUs.validate(call(with("phone", "(415) 555-2671"), null)).request().phone())
                .isEqualTo("+14155552671");
        assertThatThrownBy(() -> requests.validate(call(with("phone", "(415) 555-2671"), null)))
                .isInstanceOf(SpeakableException.class)
                .hasMessage(NO_PHONE);
    }

    @Test
    void anUnreadableCallerNumberIsTreatedAsNoNumber() {
        assertThatThrownBy(() -> requests.validate(call(without("phone", "email"), "anonymous")))
                .isInstanceOf(SpeakableException.class)
                .hasMessage(stillNeed("your email address and your phone number"));
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = {"2028", "2029"})
    void aLineSeparatorInsideANameIsNotKept(String codePoint) {
        String separator = Character.toString(Integer.parseInt(codePoint, 16));
        String outcome;
        try {
            outcome = requests.validate(call(with("first_name", "Ann" + separator + "Marie"), CALLER)).request().firstName();
        } catch (SpeakableException refused) {
            outcome = refused.getMessage();
        }

        assertThat(outcome).doesNotContain(separator);
    }

    /** A syntactically valid address (64-character local part, labels of at most 63) of exactly that length. */
    static String emailOfLength(int length) {
        String local = "a".repeat(64);
        String suffix = ".com";
        int labels = length - local.length() - 1 - suffix.length();
        String domain = "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(labels - 63 - 1 - 63 - 1);
        String email = local + "@" + domain + suffix;
        assertThat(email).hasSize(length);
        return email;
    }

    /** 07123456789 with spaces between the digits, padded to exactly that length. */
    static String spacedPhone(int length) {
        String digits = "07123456789";
        int gaps = digits.length() - 1;
        int spaces = length - digits.length();
        StringBuilder phone = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            phone.append(digits.charAt(i));
            if (i < gaps) {
                phone.append(" ".repeat(spaces / gaps + (i < spaces % gaps ? 1 : 0)));
            }
        }
        assertThat(phone).hasSize(length);
        return phone.toString();
    }
}
