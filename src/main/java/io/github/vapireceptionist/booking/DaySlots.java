package io.github.vapireceptionist.booking;

import java.util.List;

/**
 * The day's free "HH:MM" times as look-up-booking reads them alongside the customer search
 * ({@link BookingLookups}), or the failure of that read: held, not raised, until the route knows it needs
 * them (an existing appointment of the caller answers the call without them).
 */
public record DaySlots(List<String> slots, Exception failure) {
}
