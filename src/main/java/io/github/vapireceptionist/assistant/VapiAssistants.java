package io.github.vapireceptionist.assistant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The few calls of Vapi's REST API the assistant sync makes: find, create or update the webhook
 * credential ({@code GET /credential}, {@code POST /credential}, {@code PATCH /credential/{id}}), create
 * or update an assistant ({@code POST /assistant}, {@code PATCH /assistant/{id}}), find a phone number
 * and point it at the assistant ({@code GET /phone-number}, {@code PATCH /phone-number/{id}}). The
 * credential endpoints are not in Vapi's current OpenAPI document (its August 2026 edition lists the
 * credential DTOs but no /credential path); they are as Vapi's docs use them (POST /credential in the SIP
 * guides, PATCH /credential/{id} in sip-twilio.mdx), as its generated web client calls them, and as the
 * December 2024 OpenAPI listed them (GET /credential answering an array, limit up to 1000). The JDK's HTTP
 * client on purpose: Spring's clients log request bodies at DEBUG and TRACE, and the credential's body
 * carries the webhook secret. Every failure is a {@link VapiApiException} whose message says what to fix.
 */
public class VapiAssistants {

    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI baseUrl;
    private final String apiKey;
    private final ObjectMapper json;

    public VapiAssistants(URI baseUrl, String apiKey, ObjectMapper json) {
        String base = baseUrl.toString();
        this.baseUrl = URI.create(base.endsWith("/") ? base : base + "/");
        this.apiKey = apiKey;
        this.json = json;
    }

    /** The id of the webhook credential with this name, if Vapi has one; more than one is an error to resolve by hand. */
    public Optional<String> webhookCredentialId(String name) {
        JsonNode credentials = send("GET", "credential?limit=1000", null, "list the credentials", "check VAPI_API_BASE_URL.");
        List<String> ids = new ArrayList<>();
        for (JsonNode credential : credentials.isArray() ? credentials : credentials.path("results")) {
            if ("webhook".equals(credential.path("provider").asText()) && name.equals(credential.path("name").asText())) {
                ids.add(credential.path("id").asText());
            }
        }
        if (ids.size() > 1) {
            throw new VapiApiException("Vapi has " + ids.size() + " webhook credentials named \"" + name + "\" (" + String.join(", ", ids)
                    + "): delete all but one in the dashboard (Integrations, Custom Credentials), or set"
                    + " VAPI_WEBHOOK_CREDENTIAL_NAME to a name of its own.");
        }
        return ids.stream().findFirst();
    }

    /** Creates the webhook credential and returns its id. */
    public String createCredential(ObjectNode credential) {
        JsonNode created = send("POST", "credential", credential, "create the webhook credential", "check VAPI_API_BASE_URL.");
        String id = created.path("id").asText("");
        if (id.isBlank()) {
            throw new VapiApiException("Vapi created the webhook credential but its answer had no id; look for it at dashboard.vapi.ai.");
        }
        return id;
    }

    public void updateCredential(String credentialId, ObjectNode credential) {
        send("PATCH", "credential/" + pathSegment(credentialId), credential, "update the webhook credential " + credentialId,
                "it may have been deleted meanwhile: sync again to create it anew.");
    }

    /** Creates the assistant and returns it as Vapi holds it, with its id. */
    public JsonNode create(ObjectNode assistant) {
        JsonNode created = send("POST", "assistant", assistant, "create the assistant", "check VAPI_API_BASE_URL.");
        if (created.path("id").asText("").isBlank()) {
            throw new VapiApiException("Vapi created the assistant but its answer had no id; look for it at dashboard.vapi.ai.");
        }
        return created;
    }

    /** Updates the assistant and returns it as Vapi now holds it. */
    public JsonNode update(String assistantId, ObjectNode assistant) {
        return send("PATCH", "assistant/" + pathSegment(assistantId), assistant, "update assistant " + assistantId + " (VAPI_ASSISTANT_ID)",
                "check the id, or leave VAPI_ASSISTANT_ID empty to create a new assistant.");
    }

    /**
     * The id of a phone number given as its id, or as the number itself in E.164 ("+441234567890"),
     * which is looked up among the account's numbers.
     */
    public String phoneNumberId(String idOrNumber) {
        if (!idOrNumber.startsWith("+")) {
            return idOrNumber;
        }
        JsonNode numbers = send("GET", "phone-number?limit=1000", null, "list the phone numbers", "check VAPI_API_BASE_URL.");
        List<String> known = new ArrayList<>();
        for (JsonNode number : numbers.isArray() ? numbers : numbers.path("results")) {
            if (idOrNumber.equals(number.path("number").asText())) {
                return number.path("id").asText();
            }
            known.add(number.path("number").asText("(no number)"));
        }
        throw new VapiApiException("Vapi has no phone number " + idOrNumber + " (VAPI_PHONE_NUMBER) in this account"
                + (known.isEmpty() ? "." : "; it has " + String.join(", ", known) + "."));
    }

    /** Points inbound calls on the phone number at the assistant. */
    public void attach(String phoneNumberId, String assistantId) {
        ObjectNode body = json.createObjectNode().put("assistantId", assistantId);
        send("PATCH", "phone-number/" + pathSegment(phoneNumberId), body,
                "attach the assistant to phone number " + phoneNumberId + " (VAPI_PHONE_NUMBER)",
                "check the phone number's id in the dashboard (Phone Numbers), or give the number itself, e.g. +441234567890.");
    }

    private JsonNode send(String method, String path, ObjectNode body, String what, String notFoundHint) {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUrl.resolve(path))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + apiKey)
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(bytes(body)));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new VapiApiException("Could not reach Vapi at " + baseUrl + " to " + what + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()) + ". Check the network and VAPI_API_BASE_URL.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VapiApiException("Interrupted while trying to " + what + ".");
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return parse(response.body());
        }
        throw new VapiApiException(refusal(status, what, notFoundHint, vapiMessage(response.body())));
    }

    private static String refusal(int status, String what, String notFoundHint, String vapiSays) {
        String detail = vapiSays.isEmpty() ? "" : " Vapi says: " + vapiSays;
        return switch (status) {
            case 401, 403 -> "Vapi refused the API key (HTTP " + status + ") when trying to " + what + ". VAPI_API_KEY must be your"
                    + " private API key (dashboard.vapi.ai, Organization, API Keys), not the public key." + detail;
            case 404 -> "Vapi found nothing to " + what + " (HTTP 404): " + notFoundHint + detail;
            case 400, 422 -> "Vapi refused to " + what + " (HTTP " + status + "): what the sync sent does not match"
                    + " Vapi's API (vapi/assistant.json, or the VAPI_WEBHOOK_CREDENTIAL_* and WEBHOOK_HMAC_* settings)." + detail;
            default -> "Vapi could not " + what + " (HTTP " + status + "). Try again in a moment." + detail;
        };
    }

    /** Vapi's error body is {"message": "..." or ["...", ...], "error": ..., "statusCode": ...}. */
    private String vapiMessage(String body) {
        try {
            JsonNode message = json.readTree(body).path("message");
            if (message.isArray()) {
                List<String> parts = new ArrayList<>();
                message.forEach(part -> parts.add(part.asText()));
                return String.join("; ", parts);
            }
            return message.asText("");
        } catch (JsonProcessingException | IllegalArgumentException notJson) {
            return body == null ? "" : body.strip().replaceAll("\\s+", " ");
        }
    }

    private JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new VapiApiException("Vapi answered with something that is not JSON; check VAPI_API_BASE_URL (" + baseUrl + ").");
        }
    }

    private byte[] bytes(ObjectNode body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the assistant definition could not be written as JSON", e);
        }
    }

    private static String pathSegment(String id) {
        if (!id.matches("[A-Za-z0-9._~-]+")) {
            throw new VapiApiException("\"" + id + "\" is not a Vapi id (letters, digits, '-', '_', '.').");
        }
        return id;
    }
}
