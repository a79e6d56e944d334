package io.github.vapireceptionist.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vapireceptionist.calendar.ProviderRecord;
import io.github.vapireceptionist.calendar.ServiceRecord;
import io.github.vapireceptionist.core.SpeakableException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CatalogAnswersTest {

    private final StaffCatalog catalog = new StaffCatalog(Clock.fixed(Instant.parse("2026-12-01T09:00:00Z"), ZoneOffset.UTC),
            CatalogTest.line(List.of(), List.of()), 1, 2, "Europe/London");
    private final CatalogAnswers answers = new CatalogAnswers(catalog);

    @ParameterizedTest(name = "{0} minutes: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1   | 1 minute
            15  | 15 minutes
            30  | 30 minutes
            60  | an hour
            75  | an hour and a quarter
            90  | an hour and a half
            105 | an hour and three quarters
            120 | 2 hours
            130 | 2 hours and 10 minutes
            """)
    void lengthsAsPeopleSayThem(int minutes, String spoken) {
        assertThat(CatalogAnswers.duration(minutes)).isEqualTo(spoken);
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            85     | GBP | £85
            85.00  | gbp | £85
            12.5   | EUR | €12.50
            40     | CHF | 40 CHF
            9.99   | USD | $9.99
            20     | ''  | 20
            """)
    void pricesAsPeopleSayThem(BigDecimal price, String currency, String spoken) {
        assertThat(CatalogAnswers.money(price, currency)).isEqualTo(spoken);
    }

    @Test
    void listsEachServiceWithItsLengthPriceAndWhoOffersIt() {
        load(List.of(new ServiceRecord(1, "Cut", 30, new BigDecimal("25.00"), "GBP", 1, false),
                new ServiceRecord(2, "Full colour", 90, new BigDecimal("85"), "GBP", 1, false),
                new ServiceRecord(3, "Beard trim", 15, BigDecimal.ZERO, "", 1, false),
                new ServiceRecord(4, "Staff training", 60, null, null, 1, true)),
                List.of(CatalogTest.provider(2, "Jane", "Doe", 1, 3), CatalogTest.provider(32, "María", "López", 1, 2)));

        ServicesAnswer answer = answers.services();

        assertThat(answer.success()).isTrue();
        assertThat(answer.services()).containsExactly(
                new ServicesAnswer.Offered("Cut", 30, new BigDecimal("25.00"), "GBP", List.of("Jane Doe", "María López")),
                new ServicesAnswer.Offered("Full colour", 90, new BigDecimal("85"), "GBP", List.of("María López")),
                new ServicesAnswer.Offered("Beard trim", 15, null, null, List.of("Jane Doe")));
        assertThat(answer.message()).isEqualTo("We offer Cut (30 minutes, £25, with Jane or María), "
                + "Full colour (an hour and a half, £85, with María) and Beard trim (15 minutes, with Jane).");
    }

    @Test
    void oneServiceOnePersonNamesNobody() {
        load(List.of(new ServiceRecord(1, "Service", 30, BigDecimal.ZERO, "", 1, false)),
                List.of(CatalogTest.provider(2, "Jane", "Doe", 1)));
        assertThat(answers.services().message()).isEqualTo("We offer Service (30 minutes).");
    }

    @Test
    void aCatalogNeverReadIsSaidHonestly() {
        assertThatThrownBy(answers::services).isInstanceOf(SpeakableException.class)
                .hasMessageStartingWith("I can't read our list of services just now.")
                .extracting(e -> ((SpeakableException) e).kind()).isEqualTo(SpeakableException.Kind.UNAVAILABLE);
    }

    private void load(List<ServiceRecord> services, List<ProviderRecord> providers) {
        CatalogRead read = catalog.startRead();
        read.services(services);
        read.providers(providers);
        catalog.loaded(read);
    }
}
