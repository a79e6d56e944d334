package io.github.vapireceptionist.availability;

import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.calendar.BusinessTime;
import io.github.vapireceptionist.calendar.EasyAppointmentsProperties;
import io.github.vapireceptionist.calendar.SlotQuery;
import io.github.vapireceptionist.core.SpeakableException;
import io.github.vapireceptionist.core.ToolCall;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/** Checks check_availability's arguments and plans which days to ask the calendar for. */
public class AvailabilityRequests {

    private final Clock clock;
    private final int horizonDays;
    private final int lookAheadDays;

    public AvailabilityRequests(Clock clock, EasyAppointmentsProperties calendar) {
        this.clock = clock;
        this.horizonDays = calendar.bookingHorizonDays();
        this.lookAheadDays = calendar.lookAheadDays();
    }

    /** The only business's call (unit tests): judged on the deployment's clock. */
    public AvailabilitySearch search(ToolCall call) {
        return search(call, null);
    }

    /** Judged on the business's own "today" (null: the only business's). */
    public AvailabilitySearch search(@Body ToolCall call, @ExchangeProperty(Businesses.EXCHANGE_PROPERTY) Business business) {
        LocalDate date = BookableDates.parse(call.requireArguments(), "date");
        LocalDate today = LocalDate.now(BusinessTime.clock(clock, business));
        if (date.isBefore(today)) {
            throw new SpeakableException("That date has already passed. Which day would you like?");
        }
        LocalDate lastBookable = today.plusDays(horizonDays);
        if (date.isAfter(lastBookable)) {
            throw new SpeakableException("I can only book up to " + horizonDays + " days ahead, until "
                    + SpokenDates.day(lastBookable) + ". Which day would you like?");
        }
        LocalDate lastSearched = date.plusDays(lookAheadDays);
        return new AvailabilitySearch(date, lastSearched.isAfter(lastBookable) ? lastBookable : lastSearched);
    }

    /** The answers of the search's next round (routes/search-availabilities.camel.yaml). */
    public AvailabilitySearch recordRound(@ExchangeProperty("search") AvailabilitySearch search, @Body List<ProviderSlots> answers) {
        return search.recordRound(answers);
    }

    /** One provider's answer, labelled with what was asked. */
    public ProviderSlots providerSlots(@ExchangeProperty("slotQuery") SlotQuery query, @Body List<String> slots) {
        return new ProviderSlots(query, slots);
    }

}
