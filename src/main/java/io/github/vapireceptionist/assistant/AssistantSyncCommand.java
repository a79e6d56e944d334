package io.github.vapireceptionist.assistant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.vapireceptionist.app.AppProperties;
import io.github.vapireceptionist.calendar.EasyAppointmentsProperties;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the Vapi assistant in step with vapi/assistant.json: fills in the backend's URL, the webhook
 * secret, the business name and time zone, creates the assistant (no VAPI_ASSISTANT_ID yet) or updates
 * it, then points VAPI_PHONE_NUMBER at it when one is set. The API key and the secret are never
 * printed, not even inside an error Vapi sends back.
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
    private final ObjectMapper json;

    public AssistantSyncCommand(AssistantSyncProperties sync, VapiProperties vapi, AppProperties app,
            WebhookProperties webhook, EasyAppointmentsProperties calendar, ObjectMapper json) {
        this.sync = sync;
        this.vapi = vapi;
        this.app = app;
        this.webhook = webhook;
        this.calendar = calendar;
        this.json = json;
    }

    /** Runs the sync and returns the process exit code: {@link #OK}, {@link #VAPI_FAILED} or {@link #NOT_CONFIGURED}. */
    public int run() {
        List<String> problems = new ArrayList<>();
        String backendUrl = backendUrl(problems);
        if (blank(vapi.apiKey())) {
            problems.add("VAPI_API_KEY is not set: use your private API key from dashboard.vapi.ai (Organization, API Keys).");
        }
        if (!webhook.hasSecret()) {
            problems.add("WEBHOOK_SECRET is not set: the backend would generate a different one on every start, so Vapi could"
                    + " never authenticate. Generate one with `openssl rand -hex 32` and give the same value to the backend.");
        }
        ObjectNode assistant = problems.isEmpty() ? definition(backendUrl, problems) : null;
        if (assistant == null) {
            problems.forEach(problem -> log.error("Assistant sync not started: {}", redact(problem)));
            return NOT_CONFIGURED;
        }
        requireControlAuthenticationAsConfigured(assistant);
        if (webhook.secret().getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            log.warn("WEBHOOK_SECRET is shorter than {} bytes: APP_ENV=production refuses it. Generate one with `openssl rand -hex 32`.",
                    MIN_SECRET_BYTES);
        }
        try {
            VapiAssistants assistants = new VapiAssistants(sync.apiBaseUrl(), vapi.apiKey().strip(), json);
            attachPhoneNumber(assistants, createOrUpdate(assistants, assistant, backendUrl));
            return OK;
        } catch (VapiApiException e) {
            log.error("Assistant sync failed: {}", redact(e.getMessage()));
            return VAPI_FAILED;
        }
    }

    private String createOrUpdate(VapiAssistants assistants, ObjectNode assistant, String backendUrl) {
        String name = assistant.path("name").asText();
        if (blank(vapi.assistantId())) {
            String id = assistants.create(assistant);
            log.info("Created the Vapi assistant \"{}\" with id {}; its tools call {}{}.", name, id, backendUrl, WEBHOOK_PATH);
            log.info("Set VAPI_ASSISTANT_ID={} (in .env) so the next sync updates this assistant instead of creating another.", id);
            return id;
        }
        String id = vapi.assistantId().strip();
        assistants.update(id, assistant);
        log.info("Updated the Vapi assistant \"{}\" ({}); its tools call {}{}.", name, id, backendUrl, WEBHOOK_PATH);
        return id;
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

    private ObjectNode definition(String backendUrl, List<String> problems) {
        Path file = Path.of(sync.assistantFile());
        try {
            ObjectNode template = (ObjectNode) json.readTree(Files.readString(file));
            return AssistantDefinition.fill(template, Map.of(
                    "BACKEND_URL", backendUrl,
                    "WEBHOOK_SECRET", webhook.secret(),
                    "APP_NAME", app.name(),
                    "EASYAPPOINTMENTS_TIMEZONE", calendar.timezone().getId()));
        } catch (IOException | ClassCastException e) {
            problems.add("Could not read the assistant definition " + file.toAbsolutePath() + " (VAPI_ASSISTANT_FILE): "
                    + (e instanceof JsonProcessingException parse ? parse.getOriginalMessage() : e.toString()));
        } catch (IllegalArgumentException e) {
            problems.add(file + ": " + e.getMessage());
        }
        return null;
    }

    /** Hides the API key and the secret wherever they might appear, e.g. echoed back in Vapi's error text. */
    String redact(String text) {
        String redacted = text == null ? "" : text;
        for (String secret : new String[] {vapi.apiKey(), webhook.secret(), vapi.publicKey()}) {
            if (!blank(secret) && secret.strip().length() >= 4) {
                redacted = redacted.replace(secret.strip(), "[hidden]");
            }
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
