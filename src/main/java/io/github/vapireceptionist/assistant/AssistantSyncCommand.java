package io.github.vapireceptionist.assistant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.vapireceptionist.app.AppProperties;
import io.github.vapireceptionist.assistant.AssistantSyncProperties.CredentialType;
import io.github.vapireceptionist.assistant.AssistantSyncProperties.WebhookCredential;
import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.calendar.CalendarApiUrl;
import io.github.vapireceptionist.calendar.CalendarCredentials;
import io.github.vapireceptionist.calendar.EasyAppointmentsProperties;
import io.github.vapireceptionist.catalog.Catalog;
import io.github.vapireceptionist.catalog.CatalogProperties;
import io.github.vapireceptionist.webhook.VapiProperties;
import io.github.vapireceptionist.webhook.WebhookProperties;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the Vapi assistant in step with vapi/assistant.json: creates or updates the webhook credential
 * Vapi authenticates with (HMAC by default, from the backend's own WEBHOOK_HMAC_* settings), fills in the
 * backend's URL, that credential's id, the business name and time zone, creates the assistant (no
 * VAPI_ASSISTANT_ID yet) or updates it, then points VAPI_PHONE_NUMBER at it when one is set. The secret
 * travels only in the credential's own body; the assistant holds none. The API key, the public key and
 * the secrets are never printed, not even inside an error Vapi sends back.
 */
public class AssistantSyncCommand {

    public static final int OK = 0;
    public static final int VAPI_FAILED = 1;
    public static final int NOT_CONFIGURED = 2;

    static final String WEBHOOK_PATH = "/api/webhooks/vapi";
    /** What APP_ENV=production requires of WEBHOOK_SECRET (ProductionReadiness). */
    private static final int MIN_SECRET_BYTES = 32;
    private static final Logger log = LoggerFactory.getLogger(AssistantSyncCommand.class);

    private final AssistantSyncProperties sync;
    private final VapiProperties vapi;
    private final AppProperties app;
    private final WebhookProperties webhook;
    private final EasyAppointmentsProperties calendar;
    private final CatalogProperties line;
    private final ObjectMapper json;
    private final Businesses businesses;

    /**
     * {@code businesses}: with BUSINESSES_FILE, one assistant per business ({@link #runForEachBusiness}); without it,
     * the one assistant the environment variables describe.
     */
    public AssistantSyncCommand(AssistantSyncProperties sync, VapiProperties vapi, AppProperties app,
            WebhookProperties webhook, EasyAppointmentsProperties calendar, CatalogProperties line, ObjectMapper json,
            Businesses businesses) {
        this.sync = sync;
        this.vapi = vapi;
        this.app = app;
        this.webhook = webhook;
        this.calendar = calendar;
        this.line = line;
        this.json = json;
        this.businesses = businesses;
    }

    /** Runs the sync and returns the process exit code: {@link #OK}, {@link #VAPI_FAILED} or {@link #NOT_CONFIGURED}. */
    public int run() {
        if (businesses.fromFile()) {
            return runForEachBusiness();
        }
        List<String> problems = new ArrayList<>();
        String backendUrl = backendUrl(problems);
        if (blank(vapi.apiKey())) {
            problems.add("VAPI_API_KEY is not set: use your private API key from dashboard.vapi.ai (Organization, API Keys).");
        }
        if (!webhook.hasSecret()) {
            problems.add("WEBHOOK_SECRET is not set: the backend would generate a different one on every start, so Vapi could"
                    + " never authenticate. Generate one with `openssl rand -hex 32` and give the same value to the backend.");
        }
        WebhookCredential credential = sync.webhookCredential();
        WebhookCredentials.mismatch(credential, webhook).ifPresent(problems::add);
        if (credential.name().length() > AssistantSyncProperties.MAX_CREDENTIAL_NAME_LENGTH) {
            problems.add("VAPI_WEBHOOK_CREDENTIAL_NAME is longer than " + AssistantSyncProperties.MAX_CREDENTIAL_NAME_LENGTH
                    + " characters, which Vapi refuses.");
        }
        ObjectNode template = problems.isEmpty() ? template(problems) : null;
        // checked before anything changes in Vapi; filled again with the credential's id once it exists
        if (template != null && definition(template, backendUrl, "credential-id", problems) == null) {
            template = null;
        }
        if (template == null || !problems.isEmpty()) {
            problems.forEach(problem -> log.error("Assistant sync not started: {}", redact(problem)));
            return NOT_CONFIGURED;
        }
        if (WebhookCredentials.secret(credential, webhook).getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            log.warn("The webhook credential's secret is shorter than {} bytes: APP_ENV=production refuses it. Generate one"
                    + " with `openssl rand -hex 32`.", MIN_SECRET_BYTES);
        }
        try {
            VapiAssistants api = new VapiAssistants(sync.apiBaseUrl(), vapi.apiKey().strip(), json);
            String credentialId = webhookCredential(api, credential);
            ObjectNode assistant = definition(template, backendUrl, credentialId, problems);
            CalendarNames.read(calendar, line, json).ifPresent(catalog -> {
                AssistantDefinition.withNames(assistant, catalog);
                log.info("The tools name the calendar's {} services and {} people.", catalog.services().size(),
                        catalog.providers().size());
            });
            requireControlAuthenticationAsConfigured(assistant);
            JsonNode saved = saveAssistant(api, assistant, backendUrl);
            warnIfTheSecretIsStillInside(saved);
            attachPhoneNumber(api, saved.path("id").asText(vapi.hasAssistantId() ? vapi.assistantId().strip() : ""));
            return OK;
        } catch (VapiApiException e) {
            log.error("Assistant sync failed: {}", redact(e.getMessage()));
            return VAPI_FAILED;
        }
    }

    /**
     * With BUSINESSES_FILE: for each business, its own webhook credential ({@code VAPI_WEBHOOK_CREDENTIAL_NAME (<id>)},
     * HMAC with its {@code hmac-secret}, else a bearer token with its {@code secret}) and its own assistant from the
     * same template, with its name and time zone, calling {@code BACKEND_URL/api/webhooks/vapi/<id>}, updated when the
     * file gives its {@code vapi.assistant-id}, else created; its {@code vapi.phone-number-ids} are then pointed at it.
     * A business that cannot be synced is said, and the others are still synced; the exit code is the worst.
     */
    int runForEachBusiness() {
        List<String> problems = new ArrayList<>();
        String backendUrl = backendUrl(problems);
        if (blank(vapi.apiKey())) {
            problems.add("VAPI_API_KEY is not set: use your private API key from dashboard.vapi.ai (Organization, API Keys).");
        }
        ObjectNode template = problems.isEmpty() ? template(problems) : null;
        if (template == null || !problems.isEmpty()) {
            problems.forEach(problem -> log.error("Assistant sync not started: {}", redact(problem)));
            return NOT_CONFIGURED;
        }
        VapiAssistants api = new VapiAssistants(sync.apiBaseUrl(), vapi.apiKey().strip(), json);
        int exit = OK;
        for (Business business : businesses.all()) {
            exit = Math.max(exit, syncBusiness(api, template, backendUrl, business));
        }
        return exit;
    }

    private int syncBusiness(VapiAssistants api, ObjectNode template, String backendUrl, Business business) {
        String id = business.id();
        Business.Webhook credentials = business.webhook();
        WebhookCredential credential = new WebhookCredential(credentials.hmacSecret() != null ? CredentialType.HMAC
                : CredentialType.BEARER, sync.webhookCredential().name() + " (" + id + ")");
        List<String> problems = new ArrayList<>();
        if (credential.name().length() > AssistantSyncProperties.MAX_CREDENTIAL_NAME_LENGTH) {
            problems.add("its webhook credential's name \"" + credential.name() + "\" is longer than "
                    + AssistantSyncProperties.MAX_CREDENTIAL_NAME_LENGTH + " characters, which Vapi refuses: shorten"
                    + " VAPI_WEBHOOK_CREDENTIAL_NAME or the business's id.");
        }
        String webhookUrl = backendUrl + WEBHOOK_PATH;
        String businessUrl = webhookUrl + "/" + id;
        if (definition(template, backendUrl, "credential-id", business, problems) == null || !problems.isEmpty()) {
            problems.forEach(problem -> log.error("Assistant sync of business {} not started: {}", id, redact(problem)));
            return NOT_CONFIGURED;
        }
        try {
            String secretVariable = credentials.secret() == null ? "its secret" : credentials.secret().variable();
            String credentialId = webhookCredential(api, credential, WebhookCredentials.body(credential,
                    credentials.secret() == null ? null : credentials.secret().value(),
                    credentials.hmacSecret() == null ? null : credentials.hmacSecret().value(), webhook.hmac()),
                    WebhookCredentials.describe(credential, secretVariable, webhook.hmac()));
            ObjectNode assistant = AssistantDefinition.callingBusinessPath(
                    definition(template, backendUrl, credentialId, business, problems), webhookUrl, businessUrl);
            namesOf(business).ifPresent(catalog -> AssistantDefinition.withNames(assistant, catalog));
            requireControlAuthenticationAsConfigured(assistant);
            String assistantId = business.vapi().assistantId();
            JsonNode saved;
            if (blank(assistantId)) {
                saved = api.create(assistant);
                log.info("Business {}: created the Vapi assistant \"{}\" with id {}; its tools call {}. Set vapi.assistant-id: {}"
                        + " for it in BUSINESSES_FILE so the next sync updates this assistant instead of creating another.",
                        id, assistant.path("name").asText(), saved.path("id").asText(), businessUrl, saved.path("id").asText());
            } else {
                saved = api.update(assistantId.strip(), assistant);
                log.info("Business {}: updated the Vapi assistant \"{}\" ({}); its tools call {}.", id,
                        assistant.path("name").asText(), assistantId.strip(), businessUrl);
            }
            warnIfTheSecretIsStillInside(saved);
            for (String phoneNumberId : business.vapi().phoneNumberIds()) {
                api.attach(phoneNumberId, saved.path("id").asText());
                log.info("Business {}: phone number {} now answers with assistant {}.", id, phoneNumberId, saved.path("id").asText());
            }
            return OK;
        } catch (VapiApiException e) {
            log.error("Assistant sync of business {} failed: {}", id, redact(e.getMessage()));
            return VAPI_FAILED;
        }
    }

    /** The business's services and people, read from its calendar; none for a business on the sandbox (not running now). */
    private Optional<Catalog> namesOf(Business business) {
        Business.Calendar its = business.calendar();
        if (EasyAppointmentsProperties.sandbox(its.baseUrl())) {
            log.info("Business {} is on the sandbox calendar, which does not run during a sync: its tools take any name,"
                    + " matched by the backend.", business.id());
            return Optional.empty();
        }
        return CalendarNames.read(CalendarApiUrl.of(its.baseUrl()), CalendarCredentials.of(its).authorization(), calendar,
                new CatalogProperties(its.serviceIds(), its.providerIds(), line.refreshMinutes()), its.serviceId(), json);
    }

    /**
     * The webhook credential, found again by its name: updated in place (the same id, so the assistant's
     * reference stays valid and a second sync changes nothing), or created the first time.
     */
    private String webhookCredential(VapiAssistants api, WebhookCredential credential) {
        return webhookCredential(api, credential, WebhookCredentials.body(credential, webhook),
                WebhookCredentials.describe(credential, webhook));
    }

    private String webhookCredential(VapiAssistants api, WebhookCredential credential, ObjectNode body, String how) {
        Optional<String> existing = api.webhookCredentialId(credential.name());
        if (existing.isPresent()) {
            api.updateCredential(existing.get(), body);
            log.info("Updated the webhook credential \"{}\" ({}): Vapi sends {}.", credential.name(), existing.get(), how);
            return existing.get();
        }
        String id = api.createCredential(body);
        log.info("Created the webhook credential \"{}\" with id {}: Vapi sends {}.", credential.name(), id, how);
        return id;
    }

    private JsonNode saveAssistant(VapiAssistants assistants, ObjectNode assistant, String backendUrl) {
        String name = assistant.path("name").asText();
        if (!vapi.hasAssistantId()) {
            JsonNode created = assistants.create(assistant);
            String id = created.path("id").asText();
            log.info("Created the Vapi assistant \"{}\" with id {}; its tools call {}{}.", name, id, backendUrl, WEBHOOK_PATH);
            log.info("Set VAPI_ASSISTANT_ID={} (in .env) so the next sync updates this assistant instead of creating another.", id);
            return created;
        }
        String id = vapi.assistantId().strip();
        JsonNode updated = assistants.update(id, assistant);
        log.info("Updated the Vapi assistant \"{}\" ({}); its tools call {}{}.", name, id, backendUrl, WEBHOOK_PATH);
        return updated;
    }

    /**
     * An assistant synced before the credential carried the secret in {@code server.headers}. The update
     * sends every server without headers; should Vapi's copy still hold the secret, say where to remove it.
     */
    private void warnIfTheSecretIsStillInside(JsonNode saved) {
        String text = saved.toString();
        boolean header = text.toLowerCase(Locale.ROOT).contains("\"x-vapi-secret\"");
        if (header || secrets().stream().anyMatch(text::contains)) {
            log.warn("Vapi's copy of the assistant still carries the webhook secret (an x-vapi-secret header in a server's"
                    + " headers): remove the headers from the assistant's and each tool's server in the dashboard, then"
                    + " sync again. The credential authenticates every request without them.");
        }
    }

    private void attachPhoneNumber(VapiAssistants assistants, String assistantId) {
        if (blank(vapi.phoneNumber())) {
            log.info("No VAPI_PHONE_NUMBER set: attach the assistant to a phone number in the dashboard, or set it and sync again.");
            return;
        }
        String phoneNumberId = assistants.phoneNumberId(vapi.phoneNumber().strip());
        assistants.attach(phoneNumberId, assistantId);
        log.info("Phone number {} now answers with assistant {}.", vapi.phoneNumber().strip(), assistantId);
    }

    /**
     * transfer_to_agent needs the call's control URL, which Vapi gives only when call control is on
     * ({@code monitorPlan.controlEnabled}, Vapi's MonitorPlan: "Fetch call.monitor.controlUrl"); with
     * VAPI_PUBLIC_KEY set Vapi is told to require it on that URL, and the backend sends it. Stated
     * either way, so removing the key turns the requirement off again.
     */
    private void requireControlAuthenticationAsConfigured(ObjectNode assistant) {
        boolean authenticated = vapi.hasPublicKey();
        assistant.withObjectProperty("monitorPlan").put("controlAuthenticationEnabled", authenticated);
        log.info("Live call control (transfers): {}", authenticated
                ? "Vapi requires VAPI_PUBLIC_KEY on the control URL, and the backend sends it"
                : "no authentication on the control URL (set VAPI_PUBLIC_KEY to require it)");
    }

    /** BACKEND_URL without a trailing slash; Vapi calls it from the internet, so localhost is refused. */
    private String backendUrl(List<String> problems) {
        String configured = app.backendUrl() == null ? "" : app.backendUrl().strip().replaceAll("/+$", "");
        URI url;
        try {
            url = URI.create(configured);
        } catch (IllegalArgumentException e) {
            problems.add("BACKEND_URL \"" + configured + "\" is not a URL: set it to this backend's public https address.");
            return configured;
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || url.getHost() == null || url.getRawQuery() != null
                || url.getRawFragment() != null) {
            problems.add("BACKEND_URL \"" + configured + "\" is not an http(s) address: set it to this backend's public https"
                    + " address, for example https://receptionist.example.com.");
        } else if (loopback(url.getHost())) {
            problems.add("BACKEND_URL is " + configured + ", which Vapi cannot reach from the internet: set it to this backend's"
                    + " public https address (a reverse proxy, or a tunnel such as ngrok while developing).");
        } else if (scheme.equals("http")) {
            log.warn("BACKEND_URL {} is plain http: the webhook secret would cross the internet unencrypted. Use https.", configured);
        }
        return configured;
    }

    private ObjectNode template(List<String> problems) {
        Path file = Path.of(sync.assistantFile());
        try {
            return (ObjectNode) json.readTree(Files.readString(file));
        } catch (IOException | ClassCastException e) {
            problems.add("Could not read the assistant definition " + file.toAbsolutePath() + " (VAPI_ASSISTANT_FILE): "
                    + (e instanceof JsonProcessingException parse ? parse.getOriginalMessage() : e.toString()));
            return null;
        }
    }

    /** The template filled in; null, with the problem added, when it cannot be, or when a secret is written into it. */
    private ObjectNode definition(ObjectNode template, String backendUrl, String credentialId, List<String> problems) {
        return definition(template, backendUrl, credentialId, app.name(), calendar.timezone().getId(), problems);
    }

    private ObjectNode definition(ObjectNode template, String backendUrl, String credentialId, Business business,
            List<String> problems) {
        return definition(template, backendUrl, credentialId, business.name(), business.timezone().getId(), problems);
    }

    private ObjectNode definition(ObjectNode template, String backendUrl, String credentialId, String name, String zone,
            List<String> problems) {
        ObjectNode filled;
        try {
            filled = AssistantDefinition.fill(template, Map.of(
                    "BACKEND_URL", backendUrl,
                    "WEBHOOK_CREDENTIAL_ID", credentialId,
                    "APP_NAME", name,
                    "EASYAPPOINTMENTS_TIMEZONE", zone));
        } catch (IllegalArgumentException e) {
            problems.add(sync.assistantFile() + ": " + e.getMessage());
            return null;
        }
        String text = filled.toString();
        if (secrets().stream().anyMatch(text::contains)) {
            problems.add(sync.assistantFile() + " holds the webhook secret itself: the assistant travels inside every message"
                    + " Vapi sends and shows wherever it is shown. Remove it; the webhook credential authenticates Vapi.");
            return null;
        }
        return filled;
    }

    /** Every webhook secret configured, as written: none may appear in the assistant, only in the credential. */
    private List<String> secrets() {
        Stream<String> businessSecrets = businesses.all().stream()
                .flatMap(business -> Stream.of(business.webhook().secret(), business.webhook().hmacSecret()))
                .filter(credential -> credential != null).map(Business.Credential::value);
        return Stream.concat(Stream.of(webhook.secret(), webhook.hmac().secret(), webhook.hmac().previousSecret()), businessSecrets)
                .filter(secret -> !blank(secret) && secret.strip().length() >= 4)
                .map(String::strip)
                .toList();
    }

    /** Hides the API key and the secret wherever they might appear, e.g. echoed back in Vapi's error text. */
    String redact(String text) {
        String redacted = text == null ? "" : text;
        List<String> hidden = new ArrayList<>(secrets());
        for (String key : new String[] {vapi.apiKey(), vapi.publicKey()}) {
            if (!blank(key) && key.strip().length() >= 4) {
                hidden.add(key.strip());
            }
        }
        for (String secret : hidden) {
            redacted = redacted.replace(secret, "[hidden]");
        }
        return redacted;
    }

    private static boolean loopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.endsWith(".localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1")
                || h.equals("0.0.0.0");
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
