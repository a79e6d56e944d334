package io.github.vapireceptionist.availability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.vapireceptionist.core.SpeakableException;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The date argument as the model sends it; the clock-dependent checks live in AvailabilityRequestsTest. */
class BookableDatesTest {

    static final String MISSING = "Which day would you like? I need a date to check.";
    static final String INVALID = "I didn't catch a valid date. Which day would you like?";

    private static final ObjectMapper JSON = new ObjectMapper();

    static ObjectNode argumentsOf(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-11-30                  | 2026-11-30
            2026-01-01                  | 2026-01-01
            2028-02-29                  | 2028-02-29
            '  2026-11-30 '             | 2026-11-30
            2026-11-30T10:00:00Z        | 2026-11-30
            2026-11-30T10:00:00+01:00   | 2026-11-30
            2026-11-30T23:30:00-05:00   | 2026-11-30
            2026-11-30T00:15:00+14:00   | 2026-11-30
            2026-11-30T10:00:00.000Z    | 2026-11-30
            2026-11-30T10:00            | 2026-11-30
            2026-11-30T10:00:00         | 2026-11-30
            """)
    void takesTheDateAsSaid(String sent, LocalDate expected) {
        ObjectNode args = JSON.createObjectNode().put("date", sent);

        assertThat(BookableDates.parse(args, "date")).isEqualTo(expected);
    }

    static Stream<Arguments> missingDates() {
        return Stream.of(
                arguments("field absent", "{}"),
                arguments("other field only", "{\"day\":\"2026-11-30\"}"),
                arguments("JSON null", "{\"date\":null}"),
                arguments("empty string", "{\"date\":\"\"}"),
                arguments("blank string", "{\"date\":\"   \"}"),
                arguments("tab and newline", "{\"date\":\"\\t\\n\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("missingDates")
    void asksForADateWhenThereIsNone(String description, String json) {
        assertThatThrownBy(() -> BookableDates.parse(argumentsOf(json), "date"))
                .isInstanceOf(SpeakableException.class)
                .hasMessage(MISSING);
    }

    static Stream<Arguments> invalidDates() {
        return Stream.of(
                arguments("a word", "{\"date\":\"tomorrow\"}"),
                arguments("next Monday", "{\"date\":\"next Monday\"}"),
                arguments("UK order with slashes", "{\"date\":\"30/11/2026\"}"),
                arguments("US order", "{\"date\":\"11/30/2026\"}"),
                arguments("month 13", "{\"date\":\"2026-13-01\"}"),
                arguments("30 February", "{\"date\":\"2026-02-30\"}"),
                arguments("29 February of a common year", "{\"date\":\"2026-02-29\"}"),
                arguments("day zero", "{\"date\":\"2026-11-00\"}"),
                arguments("no dashes", "{\"date\":\"20261130\"}"),
                arguments("no zero padding", "{\"date\":\"2026-1-5\"}"),
                arguments("only a time", "{\"date\":\"10:00\"}"),
                arguments("number", "{\"date\":20261130}"),
                arguments("object", "{\"date\":{\"year\":2026,\"month\":11,\"day\":30}}"),
                arguments("array", "{\"date\":[\"2026-11-30\"]}"),
                arguments("boolean", "{\"date\":true}"),
                arguments("1000-char string", "{\"date\":\"" + "2026-11-30".repeat(100) + "\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidDates")
    void saysWhenADateIsNotValid(String description, String json) {
        assertThatThrownBy(() -> BookableDates.parse(argumentsOf(json), "date"))
                .isInstanceOf(SpeakableException.class)
                .hasMessage(INVALID);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"date, 2026-11-30", "when, 2026-12-01"})
    void readsTheFieldItIsAskedFor(String field, LocalDate expected) {
        ObjectNode args = argumentsOf("{\"date\":\"2026-11-30\",\"when\":\"2026-12-01\"}");

        assertThat(BookableDates.parse(args, field)).isEqualTo(expected);
    }
}
