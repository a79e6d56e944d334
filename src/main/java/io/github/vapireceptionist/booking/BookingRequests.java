package io.github.vapireceptionist.booking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.github.vapireceptionist.availability.BookableDates;
import io.github.vapireceptionist.availability.SpokenDates;
import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.calendar.BusinessTime;
import io.github.vapireceptionist.calendar.EasyAppointmentsProperties;
import io.github.vapireceptionist.core.SpeakableException;
import io.github.vapireceptionist.core.ToolCall;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.apache.commons.validator.routines.EmailValidator;

/**
 * Checks book_appointment's arguments before anything is written: each failure is one sentence the
 * assistant can say and act on. Emails are checked by Commons Validator and lower-cased; phone
 * numbers are read by libphonenumber the way callers say them and stored as E.164; when no phone
 * is given the caller's own number is used. Dates are judged on the business's own clock and numbers read with its
 * own default region (a {@link Business}'s); without one, the deployment's.
 */
public class BookingRequests {

    static final int MAX_NAME_LENGTH = 100;
    static final int MAX_EMAIL_LENGTH = 254;
    static final int MAX_PHONE_LENGTH = 40;
    private static final Pattern TIME = Pattern.compile("([01]?\\d|2[0-3]):([0-5]\\d)(?::([0-5]\\d))?");
    /** Control, format, private-use and unassigned characters, and line/paragraph separators. */
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Co}\\p{Cn}\\p{Zl}\\p{Zp}]");
    private static final Pattern LETTER = Pattern.compile("\\p{L}");

    private final Clock clock;
    private final int horizonDays;
    private final String defaultRegion;
    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
    private final EmailValidator emails = EmailValidator.getInstance(false, false);

    public BookingRequests(Clock clock, EasyAppointmentsProperties calendar, BookingProperties booking) {
        this.clock = clock;
        this.horizonDays = calendar.bookingHorizonDays();
        this.defaultRegion = booking.defaultPhoneRegion();
    }

    /** The only business's call (unit tests): the deployment's clock and default region. */
    public Booking validate(ToolCall call) {
        return validate(call, null);
    }

    /** {@code business}: whose clock and default phone region the call is judged with (null: the only business's). */
    public Booking validate(@Body ToolCall call, @ExchangeProperty(Businesses.EXCHANGE_PROPERTY) Business business) {
        ObjectNode arguments = call.requireArguments();
        requireAll(arguments, e164(call.call().customerNumber(), business) != null);
        LocalDate date = BookableDates.parse(arguments, "date");
        LocalTime time = time(arguments.get("time"));
        checkWhen(date, time, business);
        String firstName = name(arguments.get("first_name"), "first name");
        String lastName = name(arguments.get("last_name"), "last name");
        String email = email(arguments.get("email"));
        JsonNode phone = present(arguments.get("phone")) ? arguments.get("phone") : null;
        String e164 = phone(phone, call.call().customerNumber(), business);
        return new Booking(new BookingRequest(date, time, firstName, lastName, email, e164, call.id(), call.call().callId()));
    }

    private static void requireAll(ObjectNode arguments, boolean callerNumberKnown) {
        List<String> missing = new ArrayList<>();
        addIfMissing(arguments, "date", "the date", missing);
        addIfMissing(arguments, "time", "the time", missing);
        addIfMissing(arguments, "first_name", "your first name", missing);
        addIfMissing(arguments, "last_name", "your last name", missing);
        addIfMissing(arguments, "email", "your email address", missing);
        if (!callerNumberKnown) {
            addIfMissing(arguments, "phone", "your phone number", missing);
        }
        if (!missing.isEmpty()) {
            throw new SpeakableException("To book you in I still need " + SpokenDates.list(missing) + ".");
        }
    }

    private static void addIfMissing(ObjectNode arguments, String field, String spoken, List<String> missing) {
        if (!present(arguments.get(field))) {
            missing.add(spoken);
        }
    }

    private static boolean present(JsonNode value) {
        return value != null && !value.isNull() && !(value.isTextual() && value.asText().isBlank());
    }

    /** "14:30", "9:05" or "14:30:00" (the assistant's schema has the same pattern); a speakable error otherwise. */
    public static LocalTime time(JsonNode value) {
        Matcher matcher = value.isTextual() && value.asText().length() <= 16 ? TIME.matcher(value.asText().trim()) : null;
        if (matcher == null || !matcher.matches()) {
            throw new SpeakableException("I didn't catch a valid time. What time would you like, for example 14:30?");
        }
        return LocalTime.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
    }

    /** Today or later, within the booking horizon, and not already past: a speakable error otherwise. */
    public void checkWhen(LocalDate date, LocalTime time) {
        checkWhen(date, time, null);
    }

    /** {@link #checkWhen(LocalDate, LocalTime)} as {@code business} sees today and now (null: the only business). */
    public void checkWhen(LocalDate date, LocalTime time, Business business) {
        LocalDateTime now = LocalDateTime.now(BusinessTime.clock(clock, business));
        if (date.isBefore(now.toLocalDate())) {
            throw new SpeakableException("That date has already passed. Which day would you like?");
        }
        LocalDate lastBookable = now.toLocalDate().plusDays(horizonDays);
        if (date.isAfter(lastBookable)) {
            throw new SpeakableException("I can only book up to " + horizonDays + " days ahead, until "
                    + SpokenDates.day(lastBookable) + ". Which day would you like?");
        }
        if (!date.atTime(time).isAfter(now)) {
            throw new SpeakableException("That time has already passed today. Would a later time suit you?");
        }
    }

    private static String name(JsonNode value, String which) {
        String name = value.isTextual() ? value.asText().strip().replaceAll("\\s+", " ") : "";
        if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
            throw new SpeakableException("That " + which + " is longer than I can store: " + MAX_NAME_LENGTH
                    + " characters at most. Could you give me a shorter form of it?");
        }
        if (name.isEmpty() || CONTROL.matcher(name).find() || !LETTER.matcher(name).find()) {
            throw new SpeakableException("I didn't catch your " + which + ". Could you say it again?");
        }
        return name;
    }

    /** A valid address (Commons Validator), lower-cased; a speakable error otherwise. */
    public String email(JsonNode value) {
        String email = value.isTextual() ? value.asText().trim() : "";
        if (email.length() > MAX_EMAIL_LENGTH) {
            throw new SpeakableException("That email address is longer than I can store: " + MAX_EMAIL_LENGTH
                    + " characters at most. Is there a shorter address I can use?");
        }
        if (!emails.isValid(email)) {
            throw new SpeakableException("That email address doesn't look right. Could you spell it for me?");
        }
        return email.toLowerCase(Locale.ROOT);
    }

    private String phone(JsonNode given, String callerNumber, Business business) {
        String spoken = given == null ? callerNumber : given.isTextual() || given.isNumber() ? given.asText() : "";
        if (given != null && spoken.length() > MAX_PHONE_LENGTH) {
            throw new SpeakableException("That phone number is longer than I can store: " + MAX_PHONE_LENGTH
                    + " characters at most. Could you say just the number, with its area code?");
        }
        String e164 = e164(spoken, business);
        if (e164 == null) {
            throw new SpeakableException("That phone number doesn't look right. Could you say it again with the area code?");
        }
        return e164;
    }

    /** The number in E.164, read with DEFAULT_PHONE_REGION when said without a country code; null if not a valid number. */
    public String e164(String spoken) {
        return e164(spoken, null);
    }

    /** {@link #e164(String)} read with {@code business}'s own default region (null: DEFAULT_PHONE_REGION). */
    public String e164(String spoken, Business business) {
        if (spoken == null || spoken.isBlank() || spoken.length() > MAX_PHONE_LENGTH) {
            return null;
        }
        try {
            PhoneNumber number = phones.parse(spoken, business == null ? defaultRegion : business.defaultPhoneRegion());
            return phones.isValidNumber(number) ? phones.format(number, PhoneNumberUtil.PhoneNumberFormat.E164) : null;
        } catch (NumberParseException e) {
            return null;
        }
    }
}
