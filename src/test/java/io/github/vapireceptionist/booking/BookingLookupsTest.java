package io.github.vapireceptionist.booking;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vapireceptionist.calendar.CalendarUnavailableException;
import java.net.SocketTimeoutException;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The join of book-appointment's two lookups, whichever of them ends first. */
class BookingLookupsTest {

    private static final List<String> SLOTS = List.of("09:30", "10:00");

    private final CamelContext camel = new DefaultCamelContext();
    private final BookingLookups lookups = new BookingLookups();

    @ParameterizedTest(name = "the day''s times ended first: {0}")
    @ValueSource(booleans = {false, true})
    void theDaysTimesBecomeTheBody(boolean daySlotsFirst) {
        Exchange joined = join(daySlotsFirst, customerSearch(null), daySlots(SLOTS, null));

        assertThat(joined.getException()).isNull();
        assertThat(joined.getMessage().getBody()).isEqualTo(new DaySlots(SLOTS, null));
    }

    @ParameterizedTest(name = "the day''s times ended first: {0}")
    @ValueSource(booleans = {false, true})
    void aFailedReadOfTheDaysTimesIsHeldNotRaised(boolean daySlotsFirst) {
        Exception failure = new SocketTimeoutException("Read timed out");

        Exchange joined = join(daySlotsFirst, customerSearch(null), daySlots(null, failure));

        assertThat(joined.getException()).as("an existing appointment may still answer the call").isNull();
        assertThat(joined.getMessage().getBody()).isEqualTo(new DaySlots(List.of(), failure));
    }

    @ParameterizedTest(name = "the day''s times ended first: {0}")
    @ValueSource(booleans = {false, true})
    void aFailedCustomerSearchIsRaisedWhateverTheDaysTimesDid(boolean daySlotsFirst) {
        Exception search = new CalendarUnavailableException();

        assertThat(join(daySlotsFirst, customerSearch(search), daySlots(SLOTS, null)).getException()).isSameAs(search);
        assertThat(join(daySlotsFirst, customerSearch(search), daySlots(null, new SocketTimeoutException())).getException())
                .as("the search's failure, as when it ran first").isSameAs(search);
    }

    @Test
    void theCustomerSearchsBodyIsNotTheAnswer() {
        Exchange search = customerSearch(null);
        search.getMessage().setBody(List.of("a customer's appointments"));

        Exchange joined = join(false, search, daySlots(SLOTS, null));

        assertThat(joined.getMessage().getBody()).isInstanceOf(DaySlots.class);
    }

    private Exchange join(boolean daySlotsFirst, Exchange customerSearch, Exchange daySlots) {
        Exchange first = daySlotsFirst ? daySlots : customerSearch;
        Exchange second = daySlotsFirst ? customerSearch : daySlots;
        return lookups.aggregate(lookups.aggregate(null, first), second);
    }

    private Exchange customerSearch(Exception failure) {
        return branch(0, null, failure);
    }

    private Exchange daySlots(List<String> slots, Exception failure) {
        return branch(BookingLookups.DAY_SLOTS, slots, failure);
    }

    private Exchange branch(int index, Object body, Exception failure) {
        Exchange branch = new DefaultExchange(camel);
        branch.setProperty(ExchangePropertyKey.MULTICAST_INDEX, index);
        branch.getMessage().setBody(body);
        branch.setException(failure);
        return branch;
    }
}
