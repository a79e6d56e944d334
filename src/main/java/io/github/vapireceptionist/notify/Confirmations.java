package io.github.vapireceptionist.notify;

import com.twilio.exception.ApiException;
import com.twilio.type.PhoneNumber;
import io.micrometer.core.instrument.MeterRegistry;
import io.github.vapireceptionist.app.AppProperties;
import io.github.vapireceptionist.app.PiiMasking;
import io.github.vapireceptionist.availability.SpokenDates;
import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.business.BusinessTags;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.core.ToolDecision;
import jakarta.mail.MessagingException;
import io.github.vapireceptionist.store.Claims;
import io.github.vapireceptionist.store.PerBusinessStore;
import io.github.vapireceptionist.store.SharedStore;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decisions of the send-confirmation route: the message, its Twilio headers, which failures
 * are worth retrying, and how long the caller waits for Twilio's answer (never beyond the budget).
 * A confirmation speaks for the business of its exchange ({@link #forBusiness}): its name, channels and
 * senders come from that business's record (a reload reaches them); the Twilio account is the deployment's.
 */
public class Confirmations {

    private static final Logger log = LoggerFactory.getLogger(Confirmations.class);
    static final String SENT = "confirmations";
    /** Longer than any re-sent tool call arrives after its first (BOOKING_REPLAY_HOURS is at most a week). */
    static final Duration SENT_FOR = Duration.ofDays(7);
    /** Changes whose confirmation is claimed, in this instance's memory, every business's together (an equal share each). */
    static final int SENT_CAPACITY = 100_000;

    private final ConfirmationProperties settings;
    private final TwilioProperties twilio;
    private final String business;
    private final MeterRegistry meters;
    private final boolean smtpConfigured;
    private final SharedStore store;
    private final PerBusinessStore<Claims> sent;
    private final Businesses businesses;

    public Confirmations(ConfirmationProperties settings, TwilioProperties twilio, AppProperties app, MeterRegistry meters) {
        this(settings, twilio, app, meters, false);
    }

    public Confirmations(ConfirmationProperties settings, TwilioProperties twilio, AppProperties app, MeterRegistry meters,
            boolean emailEnabled) {
        this(settings, twilio, app, meters, emailEnabled, SharedStore.inMemory());
    }

    public Confirmations(ConfirmationProperties settings, TwilioProperties twilio, AppProperties app, MeterRegistry meters,
            boolean emailEnabled, SharedStore store) {
        this(settings, twilio, app, meters, emailEnabled, store, null);
    }

    /** Each of {@code businesses} claims its own changes (appointment 42 of one calendar is not 42 of another's). */
    public Confirmations(ConfirmationProperties settings, TwilioProperties twilio, AppProperties app, MeterRegistry meters,
            boolean emailEnabled, SharedStore store, Businesses businesses) {
        this.store = store;
        this.businesses = businesses;
        this.sent = new PerBusinessStore<>(store, businesses, forBusiness -> forBusiness.claims(SENT, SENT_CAPACITY));
        this.settings = settings;
        this.twilio = twilio;
        this.business = app.name();
        this.meters = meters;
        this.smtpConfigured = emailEnabled;
    }

    /**
     * The confirmation in the words, channels and senders of the exchange's business (for the confirm-change route,
     * before anything is claimed or sent); none stays none. Without BUSINESSES_FILE the one business is the settings'
     * (its record is made from them, and nothing reloads it): the confirmation already speaks for it, and stays the
     * very one its maker holds.
     */
    public Confirmation forBusiness(@ExchangeProperty("confirmation") Confirmation confirmation, Exchange exchange) {
        if (confirmation == null || businesses == null || !businesses.fromFile()) {
            return confirmation;
        }
        return confirmation.forBusiness(businesses.of(exchange));
    }

    /** The channels a business confirms on, in its order (the file's and the environment's names: sms, whatsapp, email). */
    static List<ConfirmationProperties.Channel> channels(Business business) {
        return business.confirmations().channels().stream()
                .map(channel -> ConfirmationProperties.Channel.valueOf(channel.strip().toUpperCase(Locale.ROOT)))
                .toList();
    }

    /**
     * Without the deployment's Twilio account, or without a sender of the business's own: logged (masked), not sent.
     * The account is the deployment's for every business (camel-twilio holds one client); the numbers are each one's.
     */
    private boolean dryRun(Business business) {
        return twilio.dryRun() || business.confirmations().smsFrom() == null && business.confirmations().whatsappFrom() == null;
    }

    /**
     * Whether this instance sends the confirmation (none: nothing to send). With REDIS_URL set, the change is
     * claimed in the shared store first: the same kept booking or cancellation reaching two instances (Vapi
     * re-sends a tool call to whichever answers) is confirmed by the one that claims it, once. An instance
     * alone needs no claim: the calendar and its remembered answers already confirm each change once, and
     * an appointment id the sandbox calendar hands out again after a reset is confirmed again.
     */
    public boolean firstToSend(@ExchangeProperty("confirmation") Confirmation confirmation, Exchange exchange) {
        if (confirmation == null) {
            return false;
        }
        if (!store.shared() || sent.of(exchange).claim(confirmation.change(), SENT_FOR)) {
            return true;
        }
        log.info("confirmation_already_sent appointment_id={}: another instance (or an earlier call) confirmed this change",
                confirmation.appointmentId());
        return false;
    }

    /** confirmations_total{channel, outcome}: sent, failed, dry_run (with BUSINESSES_FILE also {business}). */
    private void count(Confirmation confirmation, String outcome) {
        count(confirmation, confirmation.channel(), outcome);
    }

    private void count(Confirmation confirmation, ConfirmationProperties.Channel channel, String outcome) {
        meters.counter("confirmations", BusinessTags.ofFlow(confirmation.business())
                .and("channel", channel.name().toLowerCase(Locale.ROOT), "outcome", outcome)).increment();
    }

    /** The confirmation of a kept booking: the text for the Twilio chain, and the email if that channel is on. */
    public Confirmation prepare(int appointmentId, LocalDateTime start, LocalDateTime end, String firstName, String lastName,
            String phone, String email) {
        return prepare(settings.template(), appointmentId, start, end, firstName, lastName, phone, email);
    }

    /**
     * The confirmation of a booking made with a service or person the caller named ({@code booked}: "Full assessment
     * with María López"): {@code {what}} in the template says them ("Full assessment with María López on "), and
     * {@code {appointment}} names it ("your {appointment} on": "your Full assessment with María López on", else
     * "your appointment on"), and so do the email and its invitation. For any other booking (null) everything reads as before.
     */
    public Confirmation prepareWith(String booked, int appointmentId, LocalDateTime start, LocalDateTime end, String firstName,
            String lastName, String phone, String email) {
        return prepare(settings.template(), appointmentId, start, end, firstName, lastName, phone, email, false, booked);
    }

    /** A booking confirmation in other words (a move), same placeholders; its email is the booking email. */
    public Confirmation prepare(String template, int appointmentId, LocalDateTime start, LocalDateTime end, String firstName,
            String lastName, String phone, String email) {
        return prepare(template, appointmentId, start, end, firstName, lastName, phone, email, false, null);
    }

    /** A move of a booking with a service or person ({@code booked}, as in {@link #prepareWith}); null reads as before. */
    public Confirmation prepareWith(String template, String booked, int appointmentId, LocalDateTime start, LocalDateTime end,
            String firstName, String lastName, String phone, String email) {
        return prepare(template, appointmentId, start, end, firstName, lastName, phone, email, false, booked);
    }

    /** The confirmation of a cancellation: its email says so, and its invitation removes the event (METHOD:CANCEL). */
    public Confirmation prepareCancellation(String template, int appointmentId, LocalDateTime start, LocalDateTime end,
            String firstName, String lastName, String phone, String email) {
        return prepareCancellation(template, null, appointmentId, start, end, firstName, lastName, phone, email);
    }

    /** The cancellation of a booking with a service or person ({@code booked}); null reads as before. */
    public Confirmation prepareCancellation(String template, String booked, int appointmentId, LocalDateTime start,
            LocalDateTime end, String firstName, String lastName, String phone, String email) {
        return prepare(template, appointmentId, start, end, firstName, lastName, phone, email, true, booked);
    }

    private Confirmation prepare(String template, int appointmentId, LocalDateTime start, LocalDateTime end, String firstName,
            String lastName, String phone, String email, boolean cancelled, String booked) {
        return prepare(null, template, appointmentId, start, end, firstName, lastName, phone, email, cancelled, booked);
    }

    /** {@code business} null: the deployment's name, channels and Twilio settings. */
    private Confirmation prepare(Business business, String template, int appointmentId, LocalDateTime start, LocalDateTime end,
            String firstName, String lastName, String phone, String email, boolean cancelled, String booked) {
        List<ConfirmationProperties.Channel> channels = business == null ? settings.channels() : channels(business);
        boolean emailEnabled = smtpConfigured && channels.contains(ConfirmationProperties.Channel.EMAIL);
        String text = template
                .replace("{business}", business == null ? this.business : business.name())
                .replace("{first_name}", firstName == null ? "" : firstName)
                .replace("{day}", SpokenDates.day(start.toLocalDate()))
                .replace("{time}", SpokenDates.time(start.toLocalTime()))
                .replace("{ref}", String.valueOf(appointmentId))
                .replace("{what}", booked == null ? "" : booked + " on ")
                .replace("{appointment}", booked == null ? "appointment" : booked);
        Confirmation.EmailDetails details = emailEnabled && email != null && !email.isBlank()
                ? new Confirmation.EmailDetails(email, firstName, lastName == null ? "" : lastName, start, end, cancelled, booked)
                : null;
        // no number (a withheld caller the calendar has no phone for): the email only
        return new Confirmation(appointmentId, phone, text, phone == null ? List.of() : channels,
                business == null ? twilio.dryRun() : dryRun(business), details, cancelled, business,
                another -> prepare(another, template, appointmentId, start, end, firstName, lastName, phone, email, cancelled, booked));
    }

    /** confirmation_sent: whether a channel accepted the confirmation within the budget; if one did, the answer says so. */
    public void confirmationOutcome(@ExchangeProperty("confirmation") Confirmation confirmation,
            @ExchangeProperty(ToolDecision.PROPERTY) ToolDecision decision) {
        if (acceptedWithinBudget(confirmation)) {
            decision.confirmationSent();
        }
    }

    /** Waits for Twilio's acceptance at most the budget; the send goes on in the background if slower. */
    public boolean acceptedWithinBudget(Confirmation confirmation) {
        try {
            return confirmation.accepted().get(settings.budgetMs(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.info("confirmation_pending appointment_id={}: not accepted within {} ms, still sending",
                    confirmation.appointmentId(), settings.budgetMs());
            return false;
        } catch (ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public void dryRun(@ExchangeProperty("confirmation") Confirmation confirmation) {
        log.info("confirmation_dry_run appointment_id={} channel={} to={} text=\"{}\" (no Twilio credentials: not sent)",
                confirmation.appointmentId(), confirmation.channel(), PiiMasking.maskPhone(confirmation.phone()),
                confirmation.text());
        count(confirmation, "dry_run");
        confirmation.notSent();
    }

    /** camel-twilio passes header values to the SDK unconverted: the numbers must be PhoneNumbers. */
    public void twilioHeaders(@ExchangeProperty("confirmation") Confirmation confirmation, Exchange exchange) {
        boolean whatsapp = confirmation.channel() == ConfirmationProperties.Channel.WHATSAPP;
        Message message = exchange.getMessage();
        message.setHeader("CamelTwilio.to", new PhoneNumber((whatsapp ? "whatsapp:" : "") + confirmation.phone()));
        message.setHeader("CamelTwilio.from", new PhoneNumber(sender(confirmation.business(), whatsapp)));
        message.setHeader("CamelTwilio.body", confirmation.text());
        message.setBody(null);
    }

    /** The business's own number for the channel (the deployment's without a business); empty when it has none. */
    private String sender(Business business, boolean whatsapp) {
        String from = business == null ? (whatsapp ? twilio.whatsappNumber() : twilio.phoneNumber())
                : (whatsapp ? business.confirmations().whatsappFrom() : business.confirmations().smsFrom());
        return from == null ? "" : from;
    }

    public void accepted(@ExchangeProperty("confirmation") Confirmation confirmation) {
        log.info("confirmation_sent appointment_id={} channel={} to={}", confirmation.appointmentId(),
                confirmation.channel(), PiiMasking.maskPhone(confirmation.phone()));
        count(confirmation, "sent");
        confirmation.sent();
    }

    public void emailAccepted(@ExchangeProperty("confirmation") Confirmation confirmation) {
        log.info("confirmation_sent appointment_id={} channel=EMAIL to={}", confirmation.appointmentId(),
                PiiMasking.mask(ConfirmationEmails.address(confirmation)));
        count(confirmation, ConfirmationProperties.Channel.EMAIL, "sent");
        confirmation.sent();
    }

    /**
     * The mail server refused the message for good (a 5xx reply) or the address is unsafe for a header:
     * retrying cannot help. 4xx replies, timeouts and connection failures are temporary.
     */
    public boolean permanentEmailFailure(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof UnsafeEmailException) {
                return true;
            }
            int code = smtpReplyCode(t);
            if (code >= 500 && code < 600) {
                return true;
            }
        }
        return false;
    }

    /** The email gave up (after its retries, or at once when permanent). The booking is never touched. */
    public void emailFailed(@ExchangeProperty("confirmation") Confirmation confirmation, Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        log.warn("confirmation_failed appointment_id={} channel=EMAIL to={} reason={}", confirmation.appointmentId(),
                PiiMasking.mask(ConfirmationEmails.address(confirmation)), emailReason(failure));
        count(confirmation, ConfirmationProperties.Channel.EMAIL, "failed");
        confirmation.notSent();
    }

    private static Throwable next(Throwable t) {
        if (t instanceof MessagingException messaging && messaging.getNextException() != null
                && messaging.getNextException() != t) {
            return messaging.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }

    private static int smtpReplyCode(Throwable t) {
        if (t instanceof org.eclipse.angus.mail.smtp.SMTPSendFailedException e) {
            return e.getReturnCode();
        }
        if (t instanceof org.eclipse.angus.mail.smtp.SMTPAddressFailedException e) {
            return e.getReturnCode();
        }
        if (t instanceof org.eclipse.angus.mail.smtp.SMTPSenderFailedException e) {
            return e.getReturnCode();
        }
        return -1;
    }

    private static String emailReason(Throwable failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof UnsafeEmailException) {
                return "unsafe header value (" + t.getMessage() + ")";
            }
            int code = smtpReplyCode(t);
            if (code > 0) {
                return "smtp " + code;
            }
        }
        return failure == null ? "unknown" : failure.getClass().getSimpleName();
    }

    /** Twilio refused the message itself (4xx: bad number, region not enabled, outside the WhatsApp window): retrying cannot help. */
    public boolean permanentFailure(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ApiException api) {
                Integer status = api.getStatusCode();
                return status != null && status >= 400 && status < 500 && status != 429;
            }
        }
        return false;
    }

    /** The current channel gave up; true when a fallback channel is next. The booking is never touched. */
    public boolean channelFailed(@ExchangeProperty("confirmation") Confirmation confirmation, Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        log.warn("confirmation_failed appointment_id={} channel={} to={} reason={}", confirmation.appointmentId(),
                confirmation.channel(), PiiMasking.maskPhone(confirmation.phone()), reason(failure));
        count(confirmation, "failed");
        if (confirmation.nextChannel()) {
            return true;
        }
        confirmation.notSent();
        return false;
    }

    /** Twilio's circuit breaker is open: the text confirmation is given up, without trying a fallback. */
    public void twilioUnavailable(@ExchangeProperty("confirmation") Confirmation confirmation) {
        log.warn("confirmation_failed appointment_id={} channel={} to={} reason=twilio circuit breaker open",
                confirmation.appointmentId(), confirmation.channel(), PiiMasking.maskPhone(confirmation.phone()));
        count(confirmation, "failed");
        confirmation.notSent();
    }

    private static String reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ApiException api) {
                return "twilio " + api.getStatusCode() + " code " + api.getCode();
            }
        }
        return failure == null ? "unknown" : failure.getClass().getSimpleName();
    }
}
