package io.github.vapireceptionist.admin;

import io.github.vapireceptionist.booking.BookingReplays;
import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.calendar.AppointmentRecord;
import io.github.vapireceptionist.calendar.CalendarCustomer;
import io.github.vapireceptionist.calendar.CustomerRecord;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.commons.validator.routines.EmailValidator;

/** The steps of the admin export and erasure routes, each on the {@link DataSubject}. */
public class DataSubjects {

    static final int MAX_EMAIL_LENGTH = 254;
    private static final String LOOP_INDEX = Exchange.LOOP_INDEX;

    private final EmailValidator emails = EmailValidator.getInstance(false, false);
    private final BookingReplays replays;

    public DataSubjects(BookingReplays replays) {
        this.replays = replays;
    }

    /** The person asked about: exactly one valid {@code email} query parameter (URL-encoded), lower-cased. */
    public DataSubject subject(@Header(Exchange.HTTP_QUERY) String query) {
        List<String> given = parameter(query, "email");
        if (given.isEmpty() || given.get(0).isBlank()) {
            throw new AdminRequestException("the email query parameter is required, e.g. ?email=ada%40example.com");
        }
        if (given.size() > 1) {
            throw new AdminRequestException("give exactly one email query parameter");
        }
        String email = given.get(0).trim();
        if (email.length() > MAX_EMAIL_LENGTH || !emails.isValid(email)) {
            throw new AdminRequestException("the email query parameter is not a valid email address "
                    + "(URL-encode it: + is %2B, @ is %40)");
        }
        return new DataSubject(email.toLowerCase(Locale.ROOT));
    }

    public void customersPage(@ExchangeProperty("subject") DataSubject subject, @Body List<CalendarCustomer> page) {
        subject.customersPage(page);
    }

    public void startAppointmentListing(@ExchangeProperty("subject") DataSubject subject) {
        subject.startAppointmentListing();
    }

    public void appointmentsPage(@ExchangeProperty("subject") DataSubject subject, @Body List<AppointmentRecord> page) {
        subject.appointmentsPage(page);
    }

    /** For {@code loop} over the customers found: the id of the one at the loop's index. */
    public int customerId(@ExchangeProperty("subject") DataSubject subject, @ExchangeProperty(LOOP_INDEX) int index) {
        return subject.customers().get(index).id();
    }

    /** For {@code loop} over the appointments listed: the id of the one at the loop's index. */
    public int appointmentId(@ExchangeProperty("subject") DataSubject subject, @ExchangeProperty(LOOP_INDEX) int index) {
        return subject.appointments().get(index).id();
    }

    /** A customer's whole record; none when they were deleted since the search. */
    public void customerRecord(@ExchangeProperty("subject") DataSubject subject, @Body CustomerRecord record) {
        if (record != null) {
            subject.record(record);
        }
    }

    public void customerErased(@ExchangeProperty("subject") DataSubject subject, @ExchangeProperty(LOOP_INDEX) int index,
            @Body boolean deletedNow) {
        subject.customerErased(subject.customers().get(index).id(), deletedNow);
    }

    /** The business the request is for: only its remembered answers of this person are forgotten. */
    public void forBusiness(@ExchangeProperty("subject") DataSubject subject,
            @ExchangeProperty(Businesses.EXCHANGE_PROPERTY) Business business) {
        subject.forBusiness(business);
    }

    /** What this backend remembers itself: the answers given to their booking calls (their business's). */
    public void forgetRememberedAnswers(@ExchangeProperty("subject") DataSubject subject) {
        subject.rememberedAnswersErased(replays.of(subject.business()).forget(subject.email()));
    }

    private static List<String> parameter(String query, String name) {
        List<String> values = new ArrayList<>();
        if (query == null || query.isEmpty()) {
            return values;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String key = decode(equals < 0 ? pair : pair.substring(0, equals));
            if (name.equals(key)) {
                values.add(equals < 0 ? "" : decode(pair.substring(equals + 1)));
            }
        }
        return values;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            throw new AdminRequestException("the query string is not correctly URL-encoded (?email=ada%40example.com)");
        }
    }
}
