package io.github.vapireceptionist.availability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What check_availability says and returns for each outcome of an {@link AvailabilitySearch}. */
class AvailabilityAnswersTest {

    /** Monday 30 November 2026. */
    private static final LocalDate MONDAY = LocalDate.of(2026, 11, 30);

    private final AvailabilityAnswers answers = new AvailabilityAnswers();
    private final ObjectMapper json = new ObjectMapper();

    /** A search of MONDAY and the days after it, the calendar answering {@code days} in order. */
    @SafeVarargs
    static AvailabilitySearch searched(int lookAheadDays, List<String>... days) {
        AvailabilitySearch search = new AvailabilitySearch(MONDAY, MONDAY.plusDays(lookAheadDays));
        for (List<String> slots : days) {
            assertThat(search.needsAnotherDay()).as("the search wants this day").isTrue();
            search.record(slots);
        }
        assertThat(search.needsAnotherDay()).as("the search is complete").isFalse();
        return search;
    }

    static List<String> halfHours(String first, int count) {
        LocalTime start = LocalTime.parse(first);
        return IntStream.range(0, count).mapToObj(i -> start.plusMinutes(30L * i).toString()).toList();
    }

    static Stream<Arguments> freeTimesOnTheDay() {
        return Stream.of(
                arguments(List.of("14:30"), "On Monday 30 November I have one time free: 14:30."),
                arguments(List.of("09:00", "09:30"), "On Monday 30 November I have these times free: 09:00 and 09:30."),
                arguments(halfHours("09:00", 6), "On Monday 30 November I have these times free: "
                        + "09:00, 09:30, 10:00, 10:30, 11:00 and 11:30."),
                arguments(halfHours("09:00", 16), "On Monday 30 November I have 16 times free between 09:00 and 16:30, "
                        + "for example 09:00, 10:30, 12:00, 13:30, 15:00 and 16:30."),
                arguments(halfHours("09:00", 11), "On Monday 30 November I have 11 times free between 09:00 and 14:00, "
                        + "for example 09:00, 10:00, 11:00, 12:00, 13:00 and 14:00."));
    }

    @ParameterizedTest(name = "{index}: {1}")
    @MethodSource("freeTimesOnTheDay")
    void readsOutTheFreeTimesOfTheDay(List<String> slots, String sentence) {
        AvailabilityAnswer answer = answers.speak(searched(7, slots));

        assertThat(answer.success()).isTrue();
        assertThat(answer.date()).isEqualTo("2026-11-30");
        assertThat(answer.slots()).as("the model still gets every time").isEqualTo(slots);
        assertThat(answer.nextAvailable()).isEmpty();
        assertThat(answer.message()).isEqualTo(sentence);
    }

    @Test
    void aLongDayIsSummarisedWithAtMostSixExamplesSpreadOverIt() {
        List<String> slots = halfHours("08:00", 24);

        String message = answers.speak(searched(7, slots)).message();

        assertThat(message).startsWith("On Monday 30 November I have 24 times free between 08:00 and 19:30, for example ");
        List<String> examples = examplesIn(message);
        assertThat(examples).hasSizeBetween(2, AvailabilityAnswers.TIMES_READ_OUT).doesNotHaveDuplicates();
        assertThat(slots).containsSubsequence(examples);
        assertThat(examples.get(0)).isEqualTo("08:00");
        assertThat(examples.get(examples.size() - 1)).as("reaches the afternoon").isGreaterThanOrEqualTo("16:00");
    }

    @Test
    void examplesReachTheLaterPartOfADayWithFewTimes() {
        List<String> slots = halfHours("09:00", 10);

        List<String> examples = examplesIn(answers.speak(searched(7, slots)).message());

        assertThat(examples.get(examples.size() - 1)).as("an example from the last third of the day")
                .isIn(slots.subList(7, 10));
    }

    private static List<String> examplesIn(String message) {
        String list = message.substring(message.indexOf("for example ") + "for example ".length(), message.length() - 1);
        List<String> examples = new ArrayList<>();
        for (String part : list.split(", | and ")) {
            examples.add(part.trim());
        }
        return examples;
    }

    @Test
    void offersTheNextFreeDaysWhenTheDayIsFull() {
        AvailabilityAnswer answer = answers.speak(
                searched(7, List.of(), List.of(), List.of("10:00", "10:30"), List.of(), List.of("14:00", "15:00")));

        assertThat(answer.success()).isTrue();
        assertThat(answer.date()).isEqualTo("2026-11-30");
        assertThat(answer.slots()).isEmpty();
        assertThat(answer.nextAvailable()).containsExactly(
                new AvailabilityAnswer.DaySlots("2026-12-02", List.of("10:00", "10:30")),
                new AvailabilityAnswer.DaySlots("2026-12-04", List.of("14:00", "15:00")));
        assertThat(answer.message()).isEqualTo("I have nothing free on Monday 30 November. "
                + "The next free days are Wednesday 2 December from 10:00 and Friday 4 December from 14:00.");
    }

    @Test
    void offersTheOneFreeDayFound() {
        AvailabilityAnswer answer = answers.speak(
                searched(3, List.of(), List.of(), List.of(), List.of("16:30")));

        assertThat(answer.nextAvailable()).containsExactly(new AvailabilityAnswer.DaySlots("2026-12-03", List.of("16:30")));
        assertThat(answer.message()).isEqualTo("I have nothing free on Monday 30 November. "
                + "The next free day is Thursday 3 December from 16:30.");
    }

    @Test
    void saysHowFarItLookedWhenNothingIsFree() {
        List<String> none = List.of();
        AvailabilityAnswer answer = answers.speak(searched(7, none, none, none, none, none, none, none, none));

        assertThat(answer.success()).isTrue();
        assertThat(answer.slots()).isEmpty();
        assertThat(answer.nextAvailable()).isEmpty();
        assertThat(answer.message()).isEqualTo(
                "I have nothing free on Monday 30 November or in the 7 days after it. Would another date suit you?");
    }

    @Test
    void doesNotClaimToHaveLookedFurtherWhenItCouldNot() {
        AvailabilityAnswer answer = answers.speak(searched(0, List.of()));

        assertThat(answer.message()).isEqualTo("I have nothing free on Monday 30 November. Would another date suit you?");
    }

    @Test
    void writesSnakeCaseJsonWithTheDatasheetFields() throws Exception {
        AvailabilityAnswer answer = answers.speak(
                searched(7, List.of(), List.of("09:00"), List.of("11:00", "11:30")));

        JsonNode written = json.readTree(json.writeValueAsString(answer));

        assertThat(written.path("success").isBoolean()).isTrue();
        assertThat(written.path("success").booleanValue()).isTrue();
        assertThat(written.path("date").asText()).isEqualTo("2026-11-30");
        assertThat(written.path("slots").isArray()).as("the datasheet's slots field, empty on a full day").isTrue();
        assertThat(written.path("slots")).isEmpty();
        assertThat(written.has("next_available")).isTrue();
        assertThat(written.has("nextAvailable")).isFalse();
        assertThat(written.path("next_available").get(0).path("date").asText()).isEqualTo("2026-12-01");
        assertThat(written.path("next_available").get(1).path("slots").toString()).isEqualTo("[\"11:00\",\"11:30\"]");
        assertThat(written.path("message").asText()).startsWith("I have nothing free on Monday 30 November.");
    }

    @Test
    void omitsTheNextDaysWhenTheRequestedDayHasTimes() throws Exception {
        AvailabilityAnswer answer = answers.speak(searched(7, List.of("09:00", "09:30")));

        String written = json.writeValueAsString(answer);

        assertThat(written).isEqualTo("{\"success\":true,\"date\":\"2026-11-30\",\"slots\":[\"09:00\",\"09:30\"],"
                + "\"message\":\"On Monday 30 November I have these times free: 09:00 and 09:30.\"}");
    }

    @Test
    void keepsAFalseSuccessAndDropsMissingFields() throws Exception {
        String written = json.writeValueAsString(new AvailabilityAnswer(false, "2026-11-30", List.of("09:00"), null, null, null, null));

        assertThat(written).isEqualTo("{\"success\":false,\"date\":\"2026-11-30\",\"slots\":[\"09:00\"]}");
    }
}
