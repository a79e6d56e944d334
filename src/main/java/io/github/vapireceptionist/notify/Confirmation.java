package io.github.vapireceptionist.notify;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One booking's confirmation on its way: the text, the caller's number, the channels still to
 * try, and whether Twilio accepted it. Shared by the booking route (which waits at most the budget
 * for {@link #accepted()}) and the wire-tapped send-confirmation route (which completes it).
 */
public final class Confirmation {

    private final int appointmentId;
    private final String phone;
    private final String text;
    private final List<ConfirmationProperties.Channel> channels;
    private final boolean dryRun;
    private final CompletableFuture<Boolean> accepted = new CompletableFuture<>();
    private int channel;

    public Confirmation(int appointmentId, String phone, String text, List<ConfirmationProperties.Channel> channels,
            boolean dryRun) {
        this.appointmentId = appointmentId;
        this.phone = phone;
        this.text = text;
        this.channels = List.copyOf(channels);
        this.dryRun = dryRun;
    }

    public int appointmentId() {
        return appointmentId;
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

    public CompletableFuture<Boolean> accepted() {
        return accepted;
    }
}
