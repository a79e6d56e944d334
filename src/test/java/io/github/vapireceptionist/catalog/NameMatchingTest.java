package io.github.vapireceptionist.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NameMatchingTest {

    private static final List<String> PEOPLE = List.of("Maria López", "Maria Chen", "Ben Okafor", "Anna Schmidt",
            "José-Luis Núñez");
    private static final List<String> SERVICES = List.of("Cut", "Full colour", "Beard trim", "Colour correction", "Service");

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            maria lopez       | Maria López
            MARÍA LÓPEZ       | Maria López
            María López       | Maria López
            lopez             | Maria López
            López             | Maria López
            Chen              | Maria Chen
            maria             | Maria López, Maria Chen
            Ben               | Ben Okafor
            ben okafor        | Ben Okafor
            Dr Okafor         | Ben Okafor
            okafor, ben       | Ben Okafor
            anna              | Anna Schmidt
            schmidt           | Anna Schmidt
            jose luis         | José-Luis Núñez
            Jose Luis Nunez   | José-Luis Núñez
            nunez             | José-Luis Núñez
            Mario             | -
            Benjamin          | -
            '   '             | -
            Maria Okafor      | -
            """)
    void people(String said, String expected) {
        assertThat(NameMatching.match(said, PEOPLE, Function.identity())).isEqualTo(expectedList(expected));
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            full colour            | Full colour
            Full Colour            | Full colour
            a full colour please   | Full colour
            colour                 | Full colour, Colour correction
            colours                | Full colour, Colour correction
            correction             | Colour correction
            cut                    | Cut
            a cut                  | Cut
            Cuts                   | Cut
            beard                  | Beard trim
            beard trims            | Beard trim
            trim my beard          | Beard trim
            the service            | Service
            color                  | Full colour, Colour correction
            full color             | Full colour
            colors                 | Full colour, Colour correction
            beardtrim              | Beard trim
            beard-trim             | Beard trim
            perm                   | -
            haircut and perm       | -
            """)
    void services(String said, String expected) {
        assertThat(NameMatching.match(said, SERVICES, Function.identity())).isEqualTo(expectedList(expected));
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Colour          | Colour
            colour          | Colour
            full colour     | Full colour
            """)
    void theWholeNameSaidExactlyWinsOverAPartOfAnother(String said, String expected) {
        assertThat(NameMatching.match(said, List.of("Full colour", "Colour"), Function.identity()))
                .containsExactly(expected);
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            hair cut        | Haircut
            Hair-cut        | Haircut
            a hair cut      | Haircut
            """)
    void wordsRunTogetherInTheNameAreFoundSaidApart(String said, String expected) {
        assertThat(NameMatching.match(said, List.of("Haircut", "Beard trim", "Hair colour"), Function.identity()))
                .containsExactly(expected);
    }

    private static List<String> expectedList(String expected) {
        return expected == null ? List.of() : List.of(expected.split(", "));
    }
}
