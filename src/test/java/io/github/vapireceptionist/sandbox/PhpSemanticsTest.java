package io.github.vapireceptionist.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PhpSemanticsTest {

    static Stream<Arguments> emptiness() {
        return Stream.of(
                Arguments.of(null, true), Arguments.of("", true), Arguments.of("0", true), Arguments.of(0, true),
                Arguments.of(0.0, true), Arguments.of(false, true), Arguments.of(List.of(), true),
                Arguments.of(Map.of(), true),
                Arguments.of(" ", false), Arguments.of("00", false), Arguments.of("a", false), Arguments.of(3, false),
                Arguments.of(true, false), Arguments.of(List.of(1), false));
    }

    @ParameterizedTest(name = "empty({0}) = {1}")
    @MethodSource("emptiness")
    void emptyIsPhpsEmpty(Object value, boolean empty) {
        assertThat(PhpSemantics.empty(value)).isEqualTo(empty);
    }

    static Stream<Arguments> storedText() {
        return Stream.of(
                Arguments.of("text", "text"), Arguments.of(447700900001L, "447700900001"), Arguments.of(12.0, "12"),
                Arguments.of(1.5, "1.5"), Arguments.of(true, "1"), Arguments.of(false, ""),
                Arguments.of(List.of("a"), "Array"), Arguments.of(null, null));
    }

    @ParameterizedTest(name = "{0} is stored as {1}")
    @MethodSource("storedText")
    void textIsWhatAVarcharColumnGivesBack(Object value, String stored) {
        assertThat(PhpSemantics.text(value)).isEqualTo(stored);
    }

    static Stream<Arguments> integers() {
        return Stream.of(
                Arguments.of(3, 3), Arguments.of("3", 3), Arguments.of(" 3 ", 3), Arguments.of(3.0, 3),
                Arguments.of(3.5, null), Arguments.of("abc", null), Arguments.of("", null), Arguments.of(null, null),
                Arguments.of("3abc", null), Arguments.of(true, null));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("integers")
    void integerIsAWholeNumberOrNull(Object value, Integer expected) {
        assertThat(PhpSemantics.integer(value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"1, true", "true, true", "On, true", "yes, true", "0, false", "false, false", "'', false",
            "2, false"})
    void boolIsFilterValidateBoolean(String value, boolean expected) {
        assertThat(PhpSemantics.bool(value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"jane@example.com, true", "jane.o'neil+vapi@mail.example.co.uk, true", "JANE@EXAMPLE.COM, true",
            "jane@example, false", "jane.@example.com, false", "jane@-example.com, false", "jané@example.com, false",
            "'', false"})
    void validEmailFollowsFilterValidateEmail(String email, boolean valid) {
        assertThat(PhpSemantics.validEmail(email)).isEqualTo(valid);
    }

    @ParameterizedTest(name = "{0} LIKE %{1}% = {2}")
    @CsvSource({"José García, jose, true", "jane@example.com, EXAMPLE, true", "Smith, smyth, false",
            "100%, %, true", "a_b, _, true", "ab, _, false"})
    void likeIsACaseAndAccentInsensitiveSubstringMatch(String column, String keyword, boolean matches) {
        assertThat(PhpSemantics.like(column, keyword)).isEqualTo(matches);
    }

    @Test
    void printRRendersARecordTheWayPhpDoes() {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("first_name", "Jane");
        record.put("email", null);
        record.put("id_services", 1);
        record.put("is_unavailability", false);

        assertThat(PhpSemantics.printR(record)).isEqualTo("""
                Array
                (
                    [first_name] => Jane
                    [email] =>\s
                    [id_services] => 1
                    [is_unavailability] =>\s
                )
                """);
    }
}
