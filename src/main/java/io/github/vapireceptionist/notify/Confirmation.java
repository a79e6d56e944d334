package io.github.vapireceptionist.notify;

import io.github.vapireceptionist.business.Business;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * One booking's confirmation on its way: the text, the caller's number and email, the Twilio
 * channels still to try (one fallback chain), whether an email goes too, and whether any channel
 * accepted it. Shared by the booking route (which waits at most the budget for {@link #accepted()})
 * and the wire-tapped send routes (which complete it). It speaks for one business (its name, channels,
 * senders, email From, phone and zone), or, made without one, for the deployment's settings.
 */
public final class Confirmation {

    private final int appointmentId;
    private final String phone;
    private final String text;
    private final List<ConfirmationProperties.Channel> channels;
    private final boolean dryRun;
    private final EmailDetails email;
    private final boolean cancellation;
    private final Business business;
    private final Function<Business, Confirmation> forAnother;
    private final CompletableFuture<Boolean> accepted = new CompletableFuture<>();
    private final AtomicInteger pending;
    private final AtomicBoolean emailStarted = new AtomicBoolean();
    private int channel;

    /**
     * What the email needs beyond the text message: the caller's name and address, the appointment's times,
     * whether it confirms a cancellation (its invitation then removes the event: METHOD:CANCEL), and what was booked
     * when the caller named a service or person ("Full assessment with María López"; null otherwise).
     */
    public record EmailDetails(String address, String firstName, String lastName, LocalDateTime start, LocalDateTime end,
            boolean cancelled, String booked) {

        public EmailDetails(String address, String firstName, String lastName, LocalDateTime start, LocalDateTime end) {
            this(address, firstName, lastName, start, end, false);
        }

        public EmailDetails(String address, String firstName, String lastName, LocalDateTime start, LocalDateTime end,
                boolean cancelled) {
            this(address, firstName, lastName, start, end, cancelled, null);
        }
    }

    /**
     * @param channels the Twilio channels in fallback order (sms, whatsapp); may be empty
     * @param email    null when no email is to be sent
     */
    public Confirmation(int appointmentId, String phone, String text, List<ConfirmationProperties.Channel> channels,
            boolean dryRun, EmailDetails email) {
        this(appointmentId, phone, text, channels, dryRun, email, email != null && email.cancelled());
    }

    /** @param cancellation whether it confirms a cancellation (else a kept booking or a move, under its new id) */
    public Confirmation(int appointmentId, String phone, String text, List<ConfirmationProperties.Channel> channels,
            boolean dryRun, EmailDetails email, boolean cancellation) {
        this(appointmentId, phone, text, channels, dryRun, email, cancellation, null, null);
    }

    /**
     * @param business   whose confirmation it is; null: the deployment's settings
     * @param forAnother the same confirmation made for another business (null: it cannot be)
     */
    Confirmation(int appointmentId, String phone, String text, List<ConfirmationProperties.Channel> channels, boolean dryRun,
            EmailDetails email, boolean cancellation, Business business, Function<Business, Confirmation> forAnother) {
        this.business = business;
        this.forAnother = forAnother;
        this.appointmentId = appointmentId;
        this.cancellation = cancellation;
        this.phone = phone;
        this.text = text;
        this.channels = channels.stream().filter(c -> c != ConfirmationProperties.Channel.EMAIL).toList();
        this.dryRun = dryRun;
        this.email = email;
        this.pending = new AtomicInteger((this.channels.isEmpty() ? 0 : 1) + (email == null ? 0 : 1));
        if (pending.get() == 0) {
            accepted.complete(false);
        }
    }

    public int appointmentId() {
        return appointmentId;
    }

    /** The business it speaks for; null when made without one (the deployment's name, senders and channels). */
    public Business business() {
        return business;
    }

    /** This confirmation in {@code business}'s words, channels and senders: itself when it already is (or cannot be remade). */
    public Confirmation forBusiness(Business business) {
        return forAnother == null || Objects.equals(business, this.business) ? this : forAnother.apply(business);
    }

    /** What is confirmed, once: this appointment kept (booked or moved to), or this appointment cancelled. */
    public String change() {
        return (cancellation ? "cancelled:" : "kept:") + appointmentId;
    }

    public String phone() {
        return phone;
    }

    public String text() {
        return text;
    }

    public boolean dryRun() {
        return dryRun;
    }

    public EmailDetails email() {
        return email;
    }

    /** Whether the Twilio chain (sms/whatsapp) has a channel to send on. */
    public boolean textWanted() {
        return !channels.isEmpty();
    }

    /** True exactly once, when an email is to be sent: the fallback chain re-enters the route without sending it again. */
    public boolean startEmail() {
        return email != null && emailStarted.compareAndSet(false, true);
    }

    public synchronized ConfirmationProperties.Channel channel() {
        return channels.get(channel);
    }

    /** Moves to the fallback channel; false when none is left. */
    public synchronized boolean nextChannel() {
        if (channel + 1 >= channels.size()) {
            return false;
        }
        channel++;
        return true;
    }

    /** A channel accepted the confirmation: confirmation_sent is true. */
    public void sent() {
        accepted.complete(true);
    }

    /** A channel (or the whole Twilio chain) gave up; when none is left, confirmation_sent is false. */
    public void notSent() {
        if (pending.decrementAndGet() <= 0) {
            accepted.complete(false);
        }
    }

    public CompletableFuture<Boolean> accepted() {
        return accepted;
    }
}
