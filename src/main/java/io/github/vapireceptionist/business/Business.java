package io.github.vapireceptionist.business;

import io.github.vapireceptionist.app.ProductionReadiness;
import io.github.vapireceptionist.core.Secret;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One business this deployment answers the phone for: an entry of BUSINESSES_FILE, or, without that file,
 * the one business the environment variables describe (id {@value Businesses#DEFAULT_ID}). Its id names it in
 * URLs ({@code /api/webhooks/vapi/{id}}) and log lines.
 */
public record Business(
        String id,
        String name,
        ZoneId timezone,
        String defaultPhoneRegion,
        String phone,
        Vapi vapi,
        Webhook webhook,
        Calendar calendar,
        Confirmations confirmations,
        String transferNumber) {

    /**
     * What a production instance refuses for this business, as it refuses the environment's: the sandbox calendar
     * (it forgets every booking on restart) and webhook credentials shorter than 256 bits.
     */
    public List<String> productionProblems() {
        List<String> problems = new ArrayList<>();
        if (calendar.baseUrl() == null || calendar.baseUrl().isBlank()) {
            problems.add("business " + id + ": easyappointments.base-url is not set (production never runs on the sandbox calendar)");
        }
        Stream.of(webhook.secret(), webhook.hmacSecret()).filter(credential -> credential != null)
                .forEach(credential -> ProductionReadiness.tooShort(credential.variable(), credential.value())
                        .ifPresent(problem -> problems.add("business " + id + ": " + problem)));
        return problems;
    }

    /**
     * Its webhook credentials (secret, HMAC secret) whose value is {@code token}, by their variables, never their
     * values: what another API's token (ADMIN_API_TOKEN) must never be, as Vapi holds these.
     */
    public List<String> webhookCredentialsEqualTo(String token) {
        if (token == null || token.isEmpty()) {
            return List.of();
        }
        Secret wanted = Secret.of(token);
        return Stream.of(webhook.secret(), webhook.hmacSecret())
                .filter(credential -> credential != null && wanted.matches(credential.value()))
                .map(Credential::variable)
                .toList();
    }

    /** The Vapi identifiers that select this business, and the assistant that answers its assistant-request. */
    public record Vapi(List<String> phoneNumberIds, List<String> assistantIds, String assistantId) {

        public Vapi {
            phoneNumberIds = List.copyOf(phoneNumberIds);
            assistantIds = List.copyOf(assistantIds);
        }

        public static final Vapi NONE = new Vapi(List.of(), List.of(), null);
    }

    /** What authenticates this business's webhook requests: the shared secret, Vapi's HMAC key, or both. */
    public record Webhook(Credential secret, Credential hmacSecret) {
    }

    /**
     * Its Easy!Appointments: an empty base URL is the built-in sandbox. The services and providers it books
     * (empty: every public one) and the ones a call naming none is for.
     */
    public record Calendar(String baseUrl, Credential apiToken, String apiUsername, Credential apiPassword,
            int serviceId, int providerId, List<Integer> serviceIds, List<Integer> providerIds) {

        public Calendar {
            serviceIds = List.copyOf(serviceIds);
            providerIds = List.copyOf(providerIds);
        }
    }

    /** How its bookings are confirmed: the Twilio account and senders, the channels, the email's sender. */
    public record Confirmations(String twilioAccountSid, Credential twilioAuthToken, String smsFrom, String whatsappFrom,
            List<String> channels, String emailFrom) {

        public Confirmations {
            channels = List.copyOf(channels);
        }
    }

    /**
     * A secret given in BUSINESSES_FILE as {@code ${VARIABLE}}: the variable's name and its value, read from the
     * environment when the file was read. Never printed: {@link #toString()} names the variable only.
     */
    public record Credential(String variable, String value) {

        /** What the setting says in Spring's terms, so the value is resolved where it is used, as any other. */
        public String placeholder() {
            return "${" + variable + "}";
        }

        @Override
        public String toString() {
            return placeholder();
        }
    }
}
