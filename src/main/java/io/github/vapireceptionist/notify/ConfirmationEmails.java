package io.github.vapireceptionist.notify;

import io.github.vapireceptionist.availability.SpokenDates;
import io.github.vapireceptionist.business.Business;
import jakarta.activation.DataHandler;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;
import org.apache.camel.attachment.AttachmentMessage;
import org.springframework.web.util.HtmlUtils;

/**
 * The email confirmation of a kept booking: headers checked for injection, a plain-text body with an
 * HTML alternative from the templates in {@code templates/}, and an iCalendar invitation (.ics). It is from
 * the confirmation's business: its name, its email From (else SMTP_FROM), its phone and its time zone; a
 * confirmation made without a business is from the deployment's settings.
 */
public class ConfirmationEmails {

    static final String ALTERNATIVE_BODY = "CamelMailAlternativeBody";
    private static final DateTimeFormatter ICS_LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

    private final EmailProperties settings;
    private final Sender deployment;
    private final String textTemplate;
    private final String htmlTemplate;
    private final String subjectTemplate;
    private final String cancellationTextTemplate;
    private final String cancellationHtmlTemplate;
    private final String cancellationSubjectTemplate;

    public ConfirmationEmails(EmailProperties settings, String business, ZoneId zone) {
        this.settings = settings;
        this.deployment = new Sender(business, settings.from(), settings.businessPhone(), zone);
        this.textTemplate = template("confirmation-email.txt");
        this.htmlTemplate = template("confirmation-email.html");
        this.subjectTemplate = template("confirmation-email-subject.txt").strip();
        this.cancellationTextTemplate = template("cancellation-email.txt");
        this.cancellationHtmlTemplate = template("cancellation-email.html");
        this.cancellationSubjectTemplate = template("cancellation-email-subject.txt").strip();
    }

    /** Who an email is from: the business's name, the From address, the phone it names, the zone of its times. */
    private record Sender(String name, String from, String phone, ZoneId zone) {
    }

    /** The confirmation's business (its email From, else SMTP_FROM), or without one the deployment's settings. */
    private Sender sender(Confirmation confirmation) {
        Business business = confirmation.business();
        if (business == null) {
            return deployment;
        }
        String from = business.confirmations().emailFrom();
        return new Sender(business.name(), from == null ? settings.from() : from, business.phone(), business.timezone());
    }

    /** Replaces the exchange's message with the email to send; refuses anything that could inject a header. */
    public void compose(@ExchangeProperty("confirmation") Confirmation confirmation, Exchange exchange) {
        Confirmation.EmailDetails email = confirmation.email();
        InternetAddress to = recipient(email);
        Sender sender = sender(confirmation);
        Map<String, String> values = Map.of(
                "business", sender.name(),
                "first_name", email.firstName(),
                "day", SpokenDates.day(email.start().toLocalDate()),
                "time", SpokenDates.time(email.start().toLocalTime()),
                "ref", String.valueOf(confirmation.appointmentId()),
                "change", change(sender),
                "what", email.booked() == null ? "" : email.booked() + " on ",
                "with", email.booked() == null ? "" : " for " + email.booked());
        boolean cancelled = email.cancelled();
        String subject = fill(cancelled ? cancellationSubjectTemplate : subjectTemplate, values, false);
        requireNoControlCharacters(subject, "subject");

        Message message = exchange.getMessage();
        message.setHeader("To", to.toString());
        message.setHeader("From", sender.from());
        message.setHeader("Subject", subject);
        message.setHeader(ALTERNATIVE_BODY, fill(cancelled ? cancellationTextTemplate : textTemplate, values, false));
        message.setBody(fill(cancelled ? cancellationHtmlTemplate : htmlTemplate, values, true));
        exchange.getMessage(AttachmentMessage.class).addAttachment("appointment.ics", new DataHandler(
                new ByteArrayDataSource(invitation(confirmation, to).getBytes(StandardCharsets.UTF_8),
                        "text/calendar; method=" + method(email) + "; charset=UTF-8")));
    }

    private static String method(Confirmation.EmailDetails email) {
        return email.cancelled() ? "CANCEL" : "REQUEST";
    }

    /** The address only, for logs. */
    public static String address(Confirmation confirmation) {
        return confirmation.email() == null ? null : confirmation.email().address();
    }

    /**
     * VCALENDAR METHOD:REQUEST with one VEVENT in the business's time zone; the UID is stable per appointment,
     * so a cancellation (METHOD:CANCEL, STATUS:CANCELLED, a higher SEQUENCE) removes the event it invited to.
     */
    String invitation(Confirmation confirmation, InternetAddress to) {
        Confirmation.EmailDetails email = confirmation.email();
        Sender sender = sender(confirmation);
        ZoneId zone = sender.zone();
        String business = sender.name();
        LocalDateTime end = email.end() != null && email.end().isAfter(email.start()) ? email.end() : email.start().plusMinutes(30);
        String organizer = organizerAddress(sender);
        StringBuilder ics = new StringBuilder();
        line(ics, "BEGIN:VCALENDAR");
        line(ics, "VERSION:2.0");
        line(ics, "PRODID:-//vapi-receptionist//confirmation//EN");
        line(ics, "METHOD:" + method(email));
        timezone(ics, zone, email.start());
        line(ics, "BEGIN:VEVENT");
        line(ics, "UID:appointment-" + confirmation.appointmentId() + "@" + uidHost(organizer, business));
        line(ics, "DTSTAMP:" + ICS_LOCAL.format(Instant.now().atOffset(ZoneOffset.UTC)) + "Z");
        line(ics, "DTSTART;TZID=" + zone.getId() + ":" + ICS_LOCAL.format(email.start()));
        line(ics, "DTEND;TZID=" + zone.getId() + ":" + ICS_LOCAL.format(end));
        line(ics, "SUMMARY:" + text(email.booked() == null ? business : business + ": " + email.booked()));
        line(ics, "DESCRIPTION:" + text("Reference " + confirmation.appointmentId() + ". "
                + (email.cancelled() ? "Cancelled." : change(sender))));
        if (organizer != null) {
            line(ics, "ORGANIZER;CN=\"" + business.replace("\"", "'") + "\":mailto:" + organizer);
        }
        line(ics, "ATTENDEE;CN=\"" + (email.firstName() + " " + email.lastName()).replace("\"", "'")
                + "\";ROLE=REQ-PARTICIPANT:mailto:" + to.getAddress());
        line(ics, "SEQUENCE:" + (email.cancelled() ? 1 : 0));
        line(ics, "STATUS:" + (email.cancelled() ? "CANCELLED" : "CONFIRMED"));
        line(ics, "END:VEVENT");
        line(ics, "END:VCALENDAR");
        return ics.toString();
    }

    /**
     * The VTIMEZONE that TZID refers to (RFC 5545 3.6.5), from the zone's own rules: one yearly
     * STANDARD/DAYLIGHT observance per transition rule, or the offset in force at the appointment, so
     * a client that does not know the IANA name still places it right. (Yearly rules rather than the
     * two transitions around the date: ical4j, and clients like it, misread non-recurring DST observances.)
     */
    private static void timezone(StringBuilder ics, ZoneId zone, LocalDateTime start) {
        ZoneRules rules = zone.getRules();
        Instant at = start.atZone(zone).toInstant();
        line(ics, "BEGIN:VTIMEZONE");
        line(ics, "TZID:" + zone.getId());
        if (!rules.getTransitionRules().isEmpty()) {
            for (ZoneOffsetTransitionRule rule : rules.getTransitionRules()) {
                ZoneOffsetTransition first = rule.createTransition(1970);
                boolean daylight = rule.getOffsetAfter().getTotalSeconds() > rule.getStandardOffset().getTotalSeconds();
                observance(ics, daylight ? "DAYLIGHT" : "STANDARD", first.getDateTimeBefore(), first.getOffsetBefore(),
                        first.getOffsetAfter(), yearly(rule));
            }
        } else {
            // no yearly rules (a fixed offset, or a zone whose changes are listed one by one): the offset
            // in force at the appointment, which is what this event needs
            ZoneOffset offset = rules.getOffset(at);
            observance(ics, "STANDARD", LocalDateTime.of(1970, 1, 1, 0, 0), offset, offset, null);
        }
        line(ics, "END:VTIMEZONE");
    }

    /** "Sunday on or after the 25th" is BYDAY=SU with BYMONTHDAY=25..31; "on or before the last day", -1..-7. */
    private static String yearly(ZoneOffsetTransitionRule rule) {
        String rrule = "FREQ=YEARLY;BYMONTH=" + rule.getMonth().getValue();
        int indicator = rule.getDayOfMonthIndicator();
        if (rule.getDayOfWeek() == null) {
            return rrule + ";BYMONTHDAY=" + indicator;
        }
        StringBuilder days = new StringBuilder();
        for (int i = 0; i < 7; i++) {
            days.append(i == 0 ? "" : ",").append(indicator > 0 ? indicator + i : indicator - i);
        }
        return rrule + ";BYDAY=" + rule.getDayOfWeek().name().substring(0, 2) + ";BYMONTHDAY=" + days;
    }

    private static void observance(StringBuilder ics, String kind, LocalDateTime onset, ZoneOffset from, ZoneOffset to,
            String rrule) {
        line(ics, "BEGIN:" + kind);
        line(ics, "DTSTART:" + ICS_LOCAL.format(onset));
        if (rrule != null) {
            line(ics, "RRULE:" + rrule);
        }
        line(ics, "TZOFFSETFROM:" + icsOffset(from));
        line(ics, "TZOFFSETTO:" + icsOffset(to));
        line(ics, "END:" + kind);
    }

    /** +0100, -0330: RFC 5545 UTC-OFFSET (seconds only when there are any). */
    private static String icsOffset(ZoneOffset offset) {
        int total = offset.getTotalSeconds();
        int abs = Math.abs(total);
        String value = String.format(Locale.ROOT, "%s%02d%02d", total < 0 ? "-" : "+", abs / 3600, abs / 60 % 60);
        return abs % 60 == 0 ? value : value + String.format(Locale.ROOT, "%02d", abs % 60);
    }

    private InternetAddress recipient(Confirmation.EmailDetails email) {
        String name = (email.firstName() + " " + email.lastName()).strip();
        requireNoControlCharacters(email.address(), "email address");
        requireNoControlCharacters(name, "name");
        try {
            InternetAddress address = new InternetAddress(email.address(), true);
            if (!address.getAddress().equals(email.address().strip()) || address.getPersonal() != null) {
                throw new UnsafeEmailException("not a single plain address");
            }
            return new InternetAddress(address.getAddress(), name, StandardCharsets.UTF_8.name());
        } catch (AddressException | java.io.UnsupportedEncodingException e) {
            throw new UnsafeEmailException("not a valid address: " + e.getMessage());
        }
    }

    /** Validate, do not strip: a value with CR, LF or any other control character never reaches a header. */
    static void requireNoControlCharacters(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new UnsafeEmailException("no " + what);
        }
        if (value.chars().anyMatch(c -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029')) {
            throw new UnsafeEmailException(what + " contains control characters");
        }
    }

    private static String change(Sender sender) {
        String phone = sender.phone();
        return phone == null || phone.isBlank()
                ? "To change or cancel it, reply to this email."
                : "To change or cancel it, call us on " + phone + " or reply to this email.";
    }

    private static String organizerAddress(Sender sender) {
        try {
            return sender.from() == null || sender.from().isBlank() ? null
                    : new InternetAddress(sender.from(), true).getAddress();
        } catch (AddressException e) {
            return null;
        }
    }

    private static String uidHost(String organizer, String business) {
        if (organizer != null && organizer.contains("@")) {
            return organizer.substring(organizer.indexOf('@') + 1).toLowerCase(Locale.ROOT);
        }
        String slug = business.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return slug.isEmpty() ? "vapi-receptionist" : slug;
    }

    /** RFC 5545 TEXT escaping. */
    private static String text(String value) {
        return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r", "").replace("\n", "\\n");
    }

    /** Content lines end with CRLF and fold at 75 octets (RFC 5545 3.1). */
    private static void line(StringBuilder ics, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= 75) {
            ics.append(content).append("\r\n");
            return;
        }
        int octets = 0;
        StringBuilder folded = new StringBuilder();
        for (int i = 0; i < content.length(); ) {
            int cp = content.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > 75) {
                folded.append("\r\n ");
                octets = 1;
            }
            folded.appendCodePoint(cp);
            octets += size;
            i += Character.charCount(cp);
        }
        ics.append(folded).append("\r\n");
    }

    private static String fill(String template, Map<String, String> values, boolean html) {
        String out = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            out = out.replace("{" + value.getKey() + "}", html ? HtmlUtils.htmlEscape(value.getValue()) : value.getValue());
        }
        return out;
    }

    private static String template(String name) {
        try (InputStream in = ConfirmationEmails.class.getResourceAsStream("/templates/" + name)) {
            if (in == null) {
                throw new IllegalStateException("templates/" + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
