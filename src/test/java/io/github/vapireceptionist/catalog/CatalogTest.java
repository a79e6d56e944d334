package io.github.vapireceptionist.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vapireceptionist.calendar.ProviderRecord;
import io.github.vapireceptionist.calendar.ServiceRecord;
import io.github.vapireceptionist.core.SpeakableException;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A salon: who offers what, the line's restrictions, and what a caller hears for each name they say. */
class CatalogTest {

    static final ServiceRecord CUT = service(1, "Cut", 30, false);
    static final ServiceRecord COLOUR = service(2, "Full colour", 90, false);
    static final ServiceRecord BEARD = service(3, "Beard trim", 15, false);
    static final ServiceRecord STAFF_ONLY = service(4, "Staff training", 60, true);
    static final ProviderRecord JANE = provider(2, "Jane", "Doe", 1, 3);
    static final ProviderRecord MARIA = provider(32, "María", "López", 1, 2, 4);
    static final ProviderRecord MARIA_CHEN = provider(33, "Maria", "Chen", 1, 2);
    static final ProviderRecord BEN = provider(40, "Ben", "Okafor", 1, 3);
    static final List<ServiceRecord> SERVICES = List.of(BEARD, CUT, COLOUR, STAFF_ONLY);
    static final List<ProviderRecord> PROVIDERS = List.of(BEN, MARIA, JANE, MARIA_CHEN);

    private final Catalog salon = catalog(List.of(), List.of());

    @Test
    void offersPublicServicesAndThePeopleWhoOfferThemSortedById() {
        assertThat(salon.services()).containsExactly(CUT, COLOUR, BEARD);
        assertThat(salon.providers()).containsExactly(JANE, MARIA, MARIA_CHEN, BEN);
        assertThat(salon.offering(COLOUR)).containsExactly(MARIA, MARIA_CHEN);
        assertThat(salon.offering(BEARD)).containsExactly(JANE, BEN);
    }

    @Test
    void aLineRestrictedToSomeServicesAndProvidersOffersOnlyThose() {
        Catalog line = catalog(List.of(1, 2, 4), List.of(2, 33));
        assertThat(line.services()).containsExactly(CUT, COLOUR);
        assertThat(line.providers()).containsExactly(JANE, MARIA_CHEN);
        assertThat(line.offering(COLOUR)).containsExactly(MARIA_CHEN);
    }

    @Test
    void aServiceNobodyOnTheLineOffersIsNotOffered() {
        Catalog line = catalog(List.of(), List.of(2));
        assertThat(line.services()).containsExactly(CUT, BEARD);
    }

    @Test
    void noServiceNamedIsTheDefaultService() {
        assertThat(salon.chooseService(null)).isEqualTo(CUT);
        assertThat(salon.chooseService(" ")).isEqualTo(CUT);
        assertThat(new Catalog(SERVICES, PROVIDERS, line(List.of(2, 3), List.of()), 1, true).chooseService(null))
                .as("the default one is not on this line: its first").isEqualTo(COLOUR);
    }

    @Test
    void aServiceIsFoundByAnyWordOfItsNameWhenThatPicksOne() {
        assertThat(salon.chooseService("colour")).isEqualTo(COLOUR);
        assertThat(salon.chooseService("a beard trim please")).isEqualTo(BEARD);
    }

    @Test
    void aServiceThatDoesNotExistOrIsPrivateIsAnsweredWithWhatExists() {
        for (String said : List.of("perm", "staff training")) {
            assertThatThrownBy(() -> salon.chooseService(said)).isInstanceOf(SpeakableException.class)
                    .hasMessage("We don't offer that, I'm afraid. We offer Cut, Full colour and Beard trim.");
        }
    }

    @Test
    void twoServicesMatchingIsAQuestion() {
        Catalog withCorrection = new Catalog(List.of(CUT, COLOUR, service(5, "Colour correction", 120, false)),
                List.of(provider(2, "Jane", "Doe", 1, 2, 5)), line(List.of(), List.of()), 1, true);
        assertThatThrownBy(() -> withCorrection.chooseService("colour"))
                .hasMessage("Do you mean Full colour or Colour correction?");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "anyone", "Anyone", "any", "no preference", "whoever", "doesn't matter", "Anybody"})
    void nobodyInParticularIsAnyone(String said) {
        assertThat(salon.chooseProvider(said, COLOUR)).isNull();
        assertThat(salon.chooseProvider(null, COLOUR)).isNull();
    }

    @Test
    void aPersonIsFoundByFirstNameOrSurnameAccentsAndCaseIgnored() {
        assertThat(salon.chooseProvider("lopez", COLOUR)).isEqualTo(MARIA);
        assertThat(salon.chooseProvider("MARÍA LÓPEZ", COLOUR)).isEqualTo(MARIA);
        assertThat(salon.chooseProvider("ben", BEARD)).isEqualTo(BEN);
        assertThat(salon.chooseProvider("Jane Doe", CUT)).isEqualTo(JANE);
    }

    @Test
    void twoPeopleWithTheNameWhoBothOfferTheServiceIsAQuestion() {
        assertThatThrownBy(() -> salon.chooseProvider("Maria", COLOUR)).isInstanceOf(SpeakableException.class)
                .hasMessage("Do you mean María López or Maria Chen?");
    }

    @Test
    void aNameOnlyOneOfWhomOffersTheServiceIsThatOne() {
        Catalog line = new Catalog(List.of(CUT, COLOUR), List.of(provider(32, "Maria", "López", 1, 2),
                provider(33, "Maria", "Chen", 1)), line(List.of(), List.of()), 1, true);
        assertThat(line.chooseProvider("maria", COLOUR).id()).isEqualTo(32);
    }

    @Test
    void nobodyByThatNameIsAnsweredWithWhoThereIs() {
        assertThatThrownBy(() -> salon.chooseProvider("Mario", CUT)).isInstanceOf(SpeakableException.class)
                .hasMessage("I don't know anyone by that name here. We have Jane, María López, Maria Chen and Ben.");
    }

    @Test
    void aPersonWhoDoesNotOfferTheServiceIsSaidSoWithWhoDoes() {
        assertThatThrownBy(() -> salon.chooseProvider("Ben", COLOUR)).isInstanceOf(SpeakableException.class)
                .hasMessage("Ben Okafor doesn't do Full colour. María López and Maria Chen do. "
                        + "Would you like one of them, or another service?");
        assertThatThrownBy(() -> salon.chooseProvider("Maria", BEARD))
                .hasMessage("María López or Maria Chen doesn't do Beard trim. Jane and Ben do. "
                        + "Would you like one of them, or another service?");
    }

    @Test
    void aPersonWhoDoesNotOfferTheServiceWhenOneOtherDoesIsOfferedThatOne() {
        Catalog line = catalog(List.of(1, 2), List.of(2, 32));
        assertThatThrownBy(() -> line.chooseProvider("Jane", COLOUR)).hasMessage(
                "Jane Doe doesn't do Full colour. María does. Would you like María instead, or another service?");
    }

    /** Only a person named: their service, not the default one they do not offer ("Sam doesn't do Cut" was heard). */
    @Test
    void aPersonNamedWithoutAServiceIsBookedForWhatTheyDo() {
        ProviderRecord sam = provider(50, "Sam", "Smith", 3);
        ProviderRecord alex = provider(51, "Alex", "Reed", 2, 3);
        Catalog line = new Catalog(SERVICES, List.of(JANE, sam, alex), line(List.of(), List.of()), 1, true);
        assertThat(line.chooseService(null, "Sam")).as("the one service Sam does").isEqualTo(BEARD);
        assertThat(line.chooseService(null, "Jane")).as("Jane does the default").isEqualTo(CUT);
        assertThat(line.chooseService("colour", "Sam")).as("a service named is the one asked for").isEqualTo(COLOUR);
        assertThat(line.chooseService(null, "anyone")).isEqualTo(CUT);
        assertThatThrownBy(() -> line.chooseService(null, "Alex")).isInstanceOf(SpeakableException.class)
                .hasMessage("Alex Reed does Full colour and Beard trim. Which would you like?");
    }

    @Test
    void theConfiguredIdsAloneStillBookButNameNothing() {
        Catalog configured = Catalog.configured(1, 2, "Europe/London", line(List.of(), List.of()));
        assertThat(configured.fromCalendar()).isFalse();
        assertThat(configured.chooseService(null).id()).isEqualTo(1);
        assertThat(configured.chooseProvider(null, configured.chooseService(null))).isNull();
        assertThat(configured.offering(configured.chooseService(null))).extracting(ProviderRecord::id).containsExactly(2);
        assertThatThrownBy(() -> configured.chooseService("colour"))
                .hasMessageStartingWith("I can't read our list of services just now.");
        assertThatThrownBy(() -> configured.chooseProvider("Maria", configured.chooseService(null)))
                .hasMessageStartingWith("I can't read the team's names just now.");
    }

    static Catalog catalog(List<Integer> serviceIds, List<Integer> providerIds) {
        return new Catalog(SERVICES, PROVIDERS, line(serviceIds, providerIds), 1, true);
    }

    static CatalogProperties line(List<Integer> serviceIds, List<Integer> providerIds) {
        return new CatalogProperties(serviceIds, providerIds, 10);
    }

    static ServiceRecord service(int id, String name, int minutes, boolean isPrivate) {
        return new ServiceRecord(id, name, minutes, BigDecimal.ZERO, "", 1, isPrivate);
    }

    static ProviderRecord provider(int id, String first, String last, Integer... services) {
        return new ProviderRecord(id, first, last, "Europe/London", List.of(services));
    }
}
