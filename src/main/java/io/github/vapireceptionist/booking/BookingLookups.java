package io.github.vapireceptionist.booking;

import java.util.List;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;

/**
 * Joins the two calendar lookups look-up-booking makes at the same time (a parallel multicast), by
 * their place in it:
 * <ol start="0">
 * <li>the customer search (and that customer's appointments that day), which records what it finds on
 * the booking, the only branch that touches it. Its failure is raised after the join, as it was raised
 * when the search ran on its own;</li>
 * <li>the day's free times, which touch nothing shared: they come back as the joined body, a
 * {@link DaySlots}, with the read's failure held in it rather than raised, for a failure there must not
 * stop an existing appointment from answering the call (BookingSteps.slotOfferedThatDay raises it).</li>
 * </ol>
 * Both branches have ended before the route goes on, so nothing is read or written by two threads at once.
 */
public class BookingLookups implements AggregationStrategy {

    static final int DAY_SLOTS = 1;

    @Override
    public Exchange aggregate(Exchange joined, Exchange branch) {
        Exchange result = joined == null ? branch : joined;
        Exception failure = branch.getException();
        if (daySlots(branch)) {
            branch.setException(null);
            result.getMessage().setBody(new DaySlots(failure == null ? slots(branch) : List.of(), failure));
        } else if (failure != null) {
            result.setException(failure);
        }
        return result;
    }

    private static boolean daySlots(Exchange branch) {
        return Integer.valueOf(DAY_SLOTS).equals(branch.getProperty(ExchangePropertyKey.MULTICAST_INDEX, Integer.class));
    }

    @SuppressWarnings("unchecked")
    private static List<String> slots(Exchange branch) {
        return branch.getMessage().getBody(List.class);
    }
}
