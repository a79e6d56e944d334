package io.github.vapireceptionist.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.matching.MatchesJsonSchemaPattern;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.SubEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Vapi's REST API as the assistant sync meets it, for WireMock: webhook credentials kept as Vapi keeps
 * them (none at first; once created, listed by {@code GET /credential} with their name, and updated in
 * place), a closed schema of the request bodies the sync sends (src/test/resources/vapi/vapi-requests.schema.json,
 * written by hand from Vapi's API reference for the fields this project sends), and an HMAC signer that
 * follows a credential's authentication plan, written from Vapi's HMAC authentication plan and independent
 * of the app's own code.
 */
public final class VapiApiStandIn {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CREDENTIALS = "credentials";
    private static final JsonNode SCHEMAS = read("/vapi/vapi-requests.schema.json");

    private VapiApiStandIn() {
    }

    /**
     * {@code GET /credential} answers {@code []} until {@code POST /credential} has created one, then a
     * list holding it (provider webhook, this name, this id) beside another org's credential of another
     * kind; {@code PATCH /credential/{id}} answers 200.
     */
    public static void keepsCredentials(WireMockExtension vapi, String name, String id) {
        String created = "{\"id\":\"" + id + "\",\"orgId\":\"org-1\",\"provider\":\"webhook\",\"name\":\"" + name + "\","
                + "\"createdAt\":\"2026-11-24T10:00:00.000Z\",\"updatedAt\":\"2026-11-24T10:00:00.000Z\","
                + "\"authenticationPlan\":{\"type\":\"hmac\",\"algorithm\":\"sha256\"}}";
        vapi.stubFor(get(urlPathEqualTo("/credential")).inScenario(CREDENTIALS).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(200, "[{\"id\":\"other\",\"provider\":\"twilio\",\"name\":\"" + name + "\"}]")));
        vapi.stubFor(post(urlEqualTo("/credential")).inScenario(CREDENTIALS).whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("created").willReturn(json(201, created)));
        vapi.stubFor(get(urlPathEqualTo("/credential")).inScenario(CREDENTIALS).whenScenarioStateIs("created")
                .willReturn(json(200, "[{\"id\":\"other\",\"provider\":\"twilio\",\"name\":\"" + name + "\"}," + created + "]")));
        vapi.stubFor(patch(urlEqualTo("/credential/" + id)).willReturn(json(200, created)));
    }

    public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    /**
     * Where {@code body} breaks the named request schema (CreateAssistantDTO, UpdateAssistantDTO,
     * CreateWebhookCredentialDTO, UpdateWebhookCredentialDTO, UpdatePhoneNumberDTO): empty when it holds
     * only fields the schema lists, each checked against Vapi's API reference, with the types and values
     * Vapi allows. WireMock's matcher does not say where: a failure reads "does not match" the DTO.
     */
    public static List<String> violations(String dto, String body) {
        if (!SCHEMAS.path("$defs").has(dto)) {
            throw new IllegalArgumentException("no schema for " + dto);
        }
        ObjectNode schema = SCHEMAS.deepCopy();
        schema.put("$ref", "#/$defs/" + dto);
        MatchResult result = new MatchesJsonSchemaPattern(schema.toString(), WireMock.JsonSchemaVersion.V202012).match(body);
        if (result.isExactMatch()) {
            return List.of();
        }
        List<String> problems = result.getSubEvents().stream().map(SubEvent::getData).map(Object::toString).toList();
        return problems.isEmpty() ? List.of("does not match " + dto) : problems;
    }

    /** The signature header's value for this body, as Vapi computes it from the credential's HMAC plan. */
    public static String sign(JsonNode plan, String timestamp, String body) {
        String algorithm = "Hmac" + plan.path("algorithm").asText().toUpperCase(Locale.ROOT);
        String payload = plan.path("payloadFormat").asText("{timestamp}.{body}")
                .replace("{timestamp}", timestamp).replace("{body}", body);
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(plan.path("secretKey").asText().getBytes(StandardCharsets.UTF_8), algorithm));
            byte[] digest = mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
            String encoded = "base64".equals(plan.path("signatureEncoding").asText("hex"))
                    ? Base64.getEncoder().encodeToString(digest) : HexFormat.of().formatHex(digest);
            return plan.path("signaturePrefix").asText("") + encoded;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String resource) {
        try (InputStream in = VapiApiStandIn.class.getResourceAsStream(resource)) {
            return JSON.readTree(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException(resource + " could not be read", e);
        }
    }
}
