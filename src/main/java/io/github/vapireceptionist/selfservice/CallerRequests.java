package io.github.vapireceptionist.selfservice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.vapireceptionist.availability.BookableDates;
import io.github.vapireceptionist.availability.TeamRequests;
import io.github.vapireceptionist.booking.BookingRequests;
import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.calendar.BusinessTime;
import io.github.vapireceptionist.core.SpeakableException;
import io.github.vapireceptionist.core.ToolCall;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/**
 * Checks the arguments of find_appointment, cancel_appointment and reschedule_appointment before the
 * calendar is asked anything; each failure is one sentence the assistant can say. Emails, times and
 * the caller's number are read exactly as book_appointment reads them: with the business's own clock and default
 * phone region (the one-argument forms: the only business's, as the unit tests call them).
 */
public class CallerRequests {

    /** An appointment reference is the number booking said ("your reference is 41"): at most 9 digits. */
    static final int MAX_REFERENCE_DIGITS = 9;
    static final Pattern REFERENCE = Pattern.compile("[0-9]{1," + MAX_REFERENCE_DIGITS + "}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    static final int MAX_REFERENCE_LENGTH = 20;
    private static final int MAX_NUMBER_KEY = 40;

    private final BookingRequests bookings;
    private final Clock clock;

    public CallerRequests(BookingRequests bookings, Clock clock) {
        this.bookings = bookings;
        this.clock = clock;
    }

    public CallerAppointments find(ToolCall call) {
        return find(call, null);
    }

    public CallerAppointments find(@Body ToolCall call, @ExchangeProperty(Businesses.EXCHANGE_PROPERTY) Business business) {
        ObjectNode arguments = call.requireArguments();
        LocalDate day = null;
        if (present(arguments.get("date"))) {
            day = BookableDates.parse(arguments, "date");
            if (day.isBefore(LocalDate.now(BusinessTime.clock(clock, business)))) {
                throw new SpeakableException("That date has already passed. Which day is your appointment?");
            }
        }
        return new CallerAppointments(request(call, arguments, day, null, false, null, null, business));
    }

    public CallerAppointments cancel(ToolCall call) {
        return cancel(call, null);
    }

    public CallerAppointments cancel(@Body ToolCall call, @ExchangeProperty(Businesses.EXCHANGE_PROPERTY) Business business) {
        ObjectNode arguments = call.requireArguments();
        Integer reference = reference(arguments.get("appointment_ref"));
        return new CallerAppointments(request(call, arguments, null, reference, confirm(arguments.get("confirm")), null, null,
                business));
    }

    public CallerAppointments reschedule(ToolCall call) {
        return reschedule(call, null);
    }

    public CallerAppointments reschedule(@Body ToolCall call, @ExchangeProperty(Businesses.EXCHANGE_PROPERTY) Business business) {
        ObjectNode arguments = call.requireArguments();
        Integer reference = reference(arguments.get("appointment_ref"));
        if (!present(arguments.get("date")) || !present(arguments.get("time"))) {
            throw new SpeakableException("To move it I need the new day and time. When would you like it instead?");
        }
        LocalDate date = BookableDates.parse(arguments, "date");
        LocalTime time = BookingRequests.time(arguments.get("time"));
        bookings.checkWhen(date, time, business);
        return new CallerAppointments(request(call, arguments, null, reference, false, date, time, business))
                .asking(TeamRequests.said(call, "service"), TeamRequests.said(call, "provider"));
    }

    private CallerRequest request(ToolCall call, ObjectNode arguments, LocalDate day, Integer reference, boolean confirm,
            LocalDate newDate, LocalTime newTime, Business business) {
        String email = present(arguments.get("email")) ? bookings.email(arguments.get("email")) : null;
        String number = bookings.e164(call.call().customerNumber(), business);
        return new CallerRequest(call.name(), call.id(), call.call().callId(), number,
                attemptsKey(number, call.call().customerNumber(), call.call().callId()), email, day, reference, confirm,
                newDate, newTime);
    }

    /** The caller's number; one that is not valid still counts as itself; without any (withheld, web calls), the call. */
    static String attemptsKey(String e164, String sent, String callId) {
        if (e164 != null) {
            return e164;
        }
        if (sent != null && !sent.isBlank()) {
            String digits = sent.replaceAll("[^0-9+]", "");
            return "number:" + (digits.length() > MAX_NUMBER_KEY ? digits.substring(0, MAX_NUMBER_KEY) : digits);
        }
        return callId != null ? "call:" + callId : "withheld";
    }

    private static Integer reference(JsonNode value) {
        if (!present(value)) {
            throw new SpeakableException("Which booking do you mean? I need its reference, or I can look your bookings up first.");
        }
        String text = value.isTextual() || value.isIntegralNumber() ? value.asText().trim() : "";
        if (text.length() <= MAX_REFERENCE_LENGTH && DIGITS.matcher(text).matches() && !REFERENCE.matcher(text).matches()) {
            throw new SpeakableException("That booking reference is longer than any I give out: " + MAX_REFERENCE_DIGITS
                    + " digits at most. Could you say the number again?");
        }
        if (text.length() > MAX_REFERENCE_LENGTH || !REFERENCE.matcher(text).matches()) {
            throw new SpeakableException("I didn't catch that booking reference. Could you say the number again?");
        }
        return Integer.valueOf(text);
    }

    /** Only an explicit yes cancels: JSON true or the text "true"; absent means "say what would be cancelled". */
    private static boolean confirm(JsonNode value) {
        if (!present(value)) {
            return false;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        String text = value.isTextual() ? value.asText().trim().toLowerCase(Locale.ROOT) : "";
        if (text.equals("true") || text.equals("false")) {
            return text.equals("true");
        }
        throw new SpeakableException("I didn't catch whether to cancel it. Shall I cancel it?");
    }

    private static boolean present(JsonNode value) {
        return value != null && !value.isNull() && !(value.isTextual() && value.asText().isBlank());
    }
}
