package io.github.vapireceptionist.assistant;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.vapireceptionist.support.EasyAppointmentsStubs;
import io.github.vapireceptionist.support.VapiApiStandIn;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The assistant sync against a stand-in for Vapi's REST API that answers as Vapi does (201 with the
 * assistant or credential on create, 200 on update, 401 with Vapi's JSON error for a wrong key,
 * credentials listed once created): what it sends, checked field by field against a closed schema written
 * by hand from Vapi's API reference (src/test/resources/vapi/vapi-requests.schema.json), what it says, and
 * that neither the API key nor the webhook secret ever reaches the console, nor any body but the
 * credential's own.
 */
@ExtendWith(OutputCaptureExtension.class)
class AssistantSyncTest {

    @RegisterExtension
    static final WireMockExtension vapi = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    static final WireMockExtension easyAppointments = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API_KEY = "vapi-private-key-5f1c8e2a-9d41-4c07-b0f3-1e2d3c4b5a69";
    private static final String SECRET = "webhook-secret-8c2f0b7e41d94a6f9e3b5c1d7a0f2e48";
    private static final String ASSISTANT_ID = "0b4c7a1e-2f3d-4e5a-8b6c-9d0e1f2a3b4c";
    private static final String PHONE_NUMBER_ID = "6e5d4c3b-2a19-4807-b6a5-f4e3d2c1b0a9";
    private static final String BACKEND = "https://receptionist.example.com";
    private static final String CREDENTIAL_ID = "5d1c0b9a-8f7e-4d6c-b5a4-938271605f4e";
    private static final String CREDENTIAL_NAME = "vapi-receptionist webhook";

    @BeforeEach
    void vapiKeepsCredentials() {
        VapiApiStandIn.keepsCredentials(vapi, CREDENTIAL_NAME, CREDENTIAL_ID);
    }

    /**
     * In production the sync is a JVM of its own, which sets up logging with its readable format. Here it
     * shares the JVM with cached app contexts, whose logging is already set up: let each sync set up its
     * own, and the next app context its own again.
     */
    @BeforeEach
    @AfterEach
    void loggingSetUpAfresh() {
        LoggingSystem.get(AssistantSyncTest.class.getClassLoader()).cleanUp();
    }

    @AfterEach
    void keyAndSecretOnlyTravelInTheirOwnPlaces(CapturedOutput output) {
        assertThat(output.getAll()).doesNotContain(API_KEY, SECRET);
    }

    @Test
    void createsTheAssistantWhenThereIsNoAssistantIdYet(CapturedOutput output) throws Exception {
        vapi.stubFor(post("/assistant").willReturn(created("{\"id\":\"" + ASSISTANT_ID + "\",\"name\":\"Bright Smile Dental\"}")));

        int exit = sync("--app.backend-url=" + BACKEND + "/", "--app.name=Bright Smile Dental",
                "--easyappointments.timezone=America/New_York");

        assertThat(exit).isZero();
        vapi.verify(postRequestedFor(urlEqualTo("/assistant"))
                .withHeader("Authorization", equalTo("Bearer " + API_KEY))
                .withHeader("Content-Type", equalTo("application/json")));
        JsonNode sent = body(only("POST", "/assistant"));
        assertThat(sent.toString()).doesNotContain("${");
        assertThat(sent.path("name").asText()).isEqualTo("Bright Smile Dental");
        assertThat(sent.path("firstMessage").asText()).contains("Bright Smile Dental");
        assertThat(sent.path("server").path("url").asText()).isEqualTo(BACKEND + "/api/webhooks/vapi");
        assertThat(sent.path("server").path("credentialId").asText()).isEqualTo(CREDENTIAL_ID);
        int declared = JSON.readTree(java.nio.file.Files.readString(java.nio.file.Path.of("vapi/assistant.json")))
                .path("model").path("tools").size();
        assertThat(sent.path("model").path("tools")).hasSize(declared).allSatisfy(tool -> {
            assertThat(tool.path("server").path("url").asText()).isEqualTo(BACKEND + "/api/webhooks/vapi");
            assertThat(tool.path("server").path("credentialId").asText()).isEqualTo(CREDENTIAL_ID);
        });
        assertThat(sent.path("model").path("messages").get(0).path("content").asText())
                .contains("{{\"now\" | date: \"%Y-%m-%d\", \"America/New_York\"}}");
        assertThat(output.getAll())
                .contains("Created the Vapi assistant \"Bright Smile Dental\" with id " + ASSISTANT_ID)
                .contains("Set VAPI_ASSISTANT_ID=" + ASSISTANT_ID);
        // the credential looked for, created, then the assistant
        assertThat(vapi.findAll(anyRequestedFor(anyUrl()))).hasSize(3);
    }

    /** The tools' service and provider arguments name what the calendar lists (the salon of EasyAppointmentsStubs). */
    @Test
    void namesTheCalendarsServicesAndPeopleInTheTools(CapturedOutput output) throws Exception {
        easyAppointments.stubFor(get(urlPathEqualTo(EasyAppointmentsStubs.API + "/services"))
                .willReturn(EasyAppointmentsStubs.ok(EasyAppointmentsStubs.salonServices())));
        easyAppointments.stubFor(get(urlPathEqualTo(EasyAppointmentsStubs.API + "/providers"))
                .willReturn(EasyAppointmentsStubs.ok(EasyAppointmentsStubs.salonProviders())));
        vapi.stubFor(post("/assistant").willReturn(created("{\"id\":\"" + ASSISTANT_ID + "\"}")));

        assertThat(sync("--app.backend-url=" + BACKEND, "--easyappointments.base-url=" + easyAppointments.baseUrl(),
                "--easyappointments.api-token=ea-token")).isZero();

        JsonNode sent = body(only("POST", "/assistant"));
        for (JsonNode tool : sent.path("model").path("tools")) {
            String name = tool.path("function").path("name").asText();
            JsonNode properties = tool.path("function").path("parameters").path("properties");
            if (name.equals("check_availability") || name.equals("book_appointment") || name.equals("reschedule_appointment")) {
                assertThat(properties.path("service").path("enum")).as(name).extracting(JsonNode::asText)
                        .containsExactly("Cut", "Full colour");
                assertThat(properties.path("provider").path("enum")).as(name).extracting(JsonNode::asText)
                        .containsExactly("anyone", "Jane Doe", "María López", "Maria Chen", "Sam Reed");
            } else {
                assertThat(properties.has("service")).as(name).isFalse();
            }
        }
        assertThat(VapiApiStandIn.violations("CreateAssistantDTO", sent.toString())).isEmpty();
        easyAppointments.verify(getRequestedFor(urlPathEqualTo(EasyAppointmentsStubs.API + "/providers"))
                .withHeader("Authorization", equalTo("Bearer ea-token")));
        assertThat(output.getAll()).contains("The tools name the calendar's 2 services and 4 people.")
                .doesNotContain(EasyAppointmentsStubs.PROVIDER_SECRET);
    }

    @Test
    void aCalendarThatCannotBeReadLeavesTheToolsTakingAnyName(CapturedOutput output) throws Exception {
        vapi.stubFor(post("/assistant").willReturn(created("{\"id\":\"" + ASSISTANT_ID + "\"}")));

        assertThat(sync("--app.backend-url=" + BACKEND, "--easyappointments.base-url=" + easyAppointments.baseUrl())).isZero();

        JsonNode sent = body(only("POST", "/assistant"));
        assertThat(sent.at("/model/tools/0/function/parameters/properties/service").has("enum")).isFalse();
        assertThat(output.getAll()).contains("Could not read the services and providers from the calendar");
    }

    @Test
    void updatesTheAssistantItAlreadyHasAndNeverCreatesAnother(CapturedOutput output) {
        vapi.stubFor(patch(urlEqualTo("/assistant/" + ASSISTANT_ID)).willReturn(ok("{\"id\":\"" + ASSISTANT_ID + "\"}")));

        int exit = sync("--app.backend-url=" + BACKEND, "--vapi.assistant-id=" + ASSISTANT_ID);

        assertThat(exit).isZero();
        JsonNode sent = body(only("PATCH", "/assistant/" + ASSISTANT_ID));
        assertThat(sent.path("server").path("url").asText()).isEqualTo(BACKEND + "/api/webhooks/vapi");
        assertThat(sent.path("name").asText()).isEqualTo("Vapi Receptionist");
        assertThat(vapi.findAll(postRequestedFor(urlEqualTo("/assistant")))).isEmpty();
        assertThat(output.getAll()).contains("Updated the Vapi assistant \"Vapi Receptionist\" (" + ASSISTANT_ID + ")");
    }

    // --- the webhook credential --------------------------------------------------------------

    @Test
    void createsTheCredentialOnceAndThenUpdatesItInPlace(CapturedOutput output) {
        vapi.stubFor(post("/assistant").willReturn(created("{\"id\":\"" + ASSISTANT_ID + "\"}")));
        vapi.stubFor(patch(urlEqualTo("/assistant/" + ASSISTANT_ID)).willReturn(ok("{\"id\":\"" + ASSISTANT_ID + "\"}")));

        assertThat(sync("--app.backend-url=" + BACKEND)).isZero();
        assertThat(sync("--app.backend-url=" + BACKEND, "--vapi.assistant-id=" + ASSISTANT_ID)).isZero();
        assertThat(sync("--app.backend-url=" + BACKEND, "--vapi.assistant-id=" + ASSISTANT_ID)).isZero();

        List<LoggedRequest> creations = vapi.findAll(postRequestedFor(urlEqualTo("/credential")));
        List<LoggedRequest> updates = vapi.findAll(patchRequestedFor(urlEqualTo("/credential/" + CREDENTIAL_ID)));
        assertThat(creations).hasSize(1);
        assertThat(updates).hasSize(2);
        // the whole credential each time, the same: syncing again changes nothing
        assertThat(updates).allSatisfy(update -> assertThat(body(update)).isEqualTo(body(creations.get(0))));
        JsonNode firstAssistant = body(only("POST", "/assistant"));
        List<LoggedRequest> assistantUpdates = vapi.findAll(patchRequestedFor(urlEqualTo("/assistant/" + ASSISTANT_ID)));
        assertThat(assistantUpdates).hasSize(2).allSatisfy(update -> assertThat(body(update)).isEqualTo(firstAssistant));
        assertThat(output.getAll())
                .contains("Created the webhook credential \"" + CREDENTIAL_NAME + "\" with id " + CREDENTIAL_ID
                        + ": Vapi sends HMAC-SHA256 of each body in x-signature, timestamp in x-timestamp.")
                .contains("Updated the webhook credential \"" + CREDENTIAL_NAME + "\" (" + CREDENTIAL_ID + ")");
    }

    @Test
    void theAssistantAndEveryToolReferenceTheCredential() throws Exception {
        vapi.stubFor(post("/assistant").willReturn(created("{\"id\":\"" + ASSISTANT_ID + "\"}")));

        assertThat(sync("--app.backend-url=" + BACKEND)).isZero();

        JsonNode sent = body(only("POST", "/assistant"));
        List<JsonNode> servers = new ArrayList<>();
        servers.add(sent.path("server"));
        sent.path("model").path("tools").forEach(tool -> servers.add(tool.path("server")));
        assertThat(servers).hasSize(1 + JSON.readTree(java.nio.file.Files.readString(java.nio.file.Path.of("vapi/assistant.json")))
                .path("model").path("tools").size());
        assertThat(servers).allSatisfy(server -> {
            assertThat(server.path("credentialId").asText()).isEqualTo(CREDENTIAL_ID);
            assertThat(server.has("headers")).as("no header carries a secret").isFalse();
        });
    }

    @Test
    void noBodyButTheCredentialsOwnCarriesTheSecret() {
        vapi.stubFor(post("/assistant").willReturn(created("{\"id\":\"" + ASSISTANT_ID + "\"}")));
        vapi.stubFor(patch(urlEqualTo("/assistant/" + ASSISTANT_ID)).willReturn(ok("{\"id\":\"" + ASSISTANT_ID + "\"}")));
        vapi.stubFor(patch(urlEqualTo("/phone-number/" + PHONE_NUMBER_ID)).willReturn(ok("{}")));
        String hmacSecret = "hmac-key-4f0e1d2c3b4a59687766554433221100ff";

        assertThat(sync("--app.backend-url=" + BACKEND, "--vapi.phone-number=" + PHONE_NUMBER_ID,
                "--webhook.hmac.secret=" + hmacSecret)).isZero();
        assertThat(sync("--app.backend-url=" + BACKEND, "--vapi.assistant-id=" + ASSISTANT_ID, "--vapi.phone-number=" + PHONE_NUMBER_ID,
                "--webhook.hmac.secret=" + hmacSecret)).isZero();

        List<LoggedRequest> all = vapi.findAll(anyRequestedFor(anyUrl()));
        assertThat(all).hasSize(8);
        for (LoggedRequest request : all) {
            String text = request.getBodyAsString();
            assertThat(text).as(request.getMethod() + " " + request.getUrl()).doesNotContain(SECRET);
            if (request.getUrl().startsWith("/credential") && !request.getMethod().getName().equals("GET")) {
                JsonNode plan = body(request).path("authenticationPlan");
                assertThat(plan.path("secretKey").asText()).isEqualTo(hmacSecret);
                assertThat(text.split(hmacSecret, -1)).as("the key appears once, as the plan's secretKey").hasSize(2);
            } else {
                assertThat(text).as(request.getMethod() + " " + request.getUrl()).doesNotContain(hmacSecret);
            }
        }
    }

    /** Every body sent, field by field against the closed schema written from Vapi's API reference (src/test/resources/vapi). */
    @Test
    void everyBodyHoldsOnlyWhatVapisApiDeclares() {
        vapi.stubFor(post("/assistant").willReturn(created("{\"id\":\"" + ASSISTANT_ID + "\"}")));
        vapi.stubFor(patch(urlEqualTo("/assistant/" + ASSISTANT_ID)).willReturn(ok("{\"id\":\"" + ASSISTANT_ID + "\"}")));
        vapi.stubFor(patch(urlEqualTo("/phone-number/" + PHONE_NUMBER_ID)).willReturn(ok("{}")));

        assertThat(sync("--app.backend-url=" + BACKEND, "--vapi.phone-number=" + PHONE_NUMBER_ID,
                "--webhook.hmac.signature-prefix=sha256=", "--vapi.public-key=3f1e9c2a-7b4d-4e8f-a1c6-5d2b0e9f8a47")).isZero();
        assertThat(sync("--app.backend-url=" + BACKEND, "--vapi.assistant-id=" + ASSISTANT_ID,
                "--vapi.phone-number=" + PHONE_NUMBER_ID)).isZero();

        assertThat(VapiApiStandIn.violations("CreateWebhookCredentialDTO", only("POST", "/credential").getBodyAsString())).isEmpty();
        assertThat(VapiApiStandIn.violations("UpdateWebhookCredentialDTO",
                only("PATCH", "/credential/" + CREDENTIAL_ID).getBodyAsString())).isEmpty();
        assertThat(VapiApiStandIn.violations("CreateAssistantDTO", only("POST", "/assistant").getBodyAsString())).isEmpty();
        assertThat(VapiApiStandIn.violations("UpdateAssistantDTO",
                only("PATCH", "/assistant/" + ASSISTANT_ID).getBodyAsString())).isEmpty();
        assertThat(vapi.findAll(patchRequestedFor(urlEqualTo("/phone-number/" + PHONE_NUMBER_ID))))
                .hasSize(2).allSatisfy(request -> assertThat(
                        VapiApiStandIn.violations("UpdatePhoneNumberDTO", request.getBodyAsString())).isEmpty());
    }

    /** The schema can fail: a field Vapi does not declare, at any depth, is refused; so is a value Vapi does not allow. */
    @Test
    void theSchemaRefusesAnyFieldVapiDoesNotDeclare() throws Exception {
        vapi.stubFor(post("/assistant").willReturn(created("{\"id\":\"" + ASSISTANT_ID + "\"}")));
        assertThat(sync("--app.backend-url=" + BACKEND)).isZero();
        com.fasterxml.jackson.databind.node.ObjectNode assistant = (com.fasterxml.jackson.databind.node.ObjectNode) body(only("POST", "/assistant"));
        com.fasterxml.jackson.databind.node.ObjectNode credential = (com.fasterxml.jackson.databind.node.ObjectNode) body(only("POST", "/credential"));

        com.fasterxml.jackson.databind.node.ObjectNode withSecretField = assistant.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) withSecretField.path("server")).put("secret", "x");
        com.fasterxml.jackson.databind.node.ObjectNode withMaxLength = assistant.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) withMaxLength.at("/model/tools/1/function/parameters/properties/first_name"))
                .put("maxLength", 100);
        com.fasterxml.jackson.databind.node.ObjectNode withUnknownPlanField = credential.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) withUnknownPlanField.path("authenticationPlan")).put("toleranceSeconds", 300);
        com.fasterxml.jackson.databind.node.ObjectNode withUnknownTopField = assistant.deepCopy().put("webhookSecret", "x");
        com.fasterxml.jackson.databind.node.ObjectNode withMd5 = credential.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) withMd5.path("authenticationPlan")).put("algorithm", "md5");

        assertThat(VapiApiStandIn.violations("CreateAssistantDTO", withSecretField.toString())).isNotEmpty();
        assertThat(VapiApiStandIn.violations("CreateAssistantDTO", withMaxLength.toString())).isNotEmpty();
        assertThat(VapiApiStandIn.violations("CreateAssistantDTO", withUnknownTopField.toString())).isNotEmpty();
        assertThat(VapiApiStandIn.violations("CreateWebhookCredentialDTO", withUnknownPlanField.toString())).isNotEmpty();
        assertThat(VapiApiStandIn.violations("CreateWebhookCredentialDTO", withMd5.toString())).isNotEmpty();
    }

    @Test
    void theHmacPlanIsWhatTheBackendVerifies() {
        vapi.stubFor(post("/assistant").willReturn(created("{\"id\":\"" + ASSISTANT_ID + "\"}")));

        assertThat(sync("--app.backend-url=" + BACKEND, "--webhook.hmac.algorithm=sha512",
                "--webhook.hmac.signature-header=X-Vapi-Signature", "--webhook.hmac.timestamp-header=X-Vapi-Timestamp",
                "--webhook.hmac.signature-prefix=sha512=", "--webhook.hmac.encoding=base64",
                "--vapi.webhook-credential.name=Bright Smile webhook")).isZero();

        JsonNode credential = body(only("POST", "/credential"));
        assertThat(credential.path("provider").asText()).isEqualTo("webhook");
        assertThat(credential.path("name").asText()).isEqualTo("Bright Smile webhook");
        assertThat(credential.path("authenticationPlan").toString()).isEqualTo("{\"type\":\"hmac\",\"secretKey\":\"" + SECRET
                + "\",\"algorithm\":\"sha512\",\"signatureHeader\":\"X-Vapi-Signature\",\"timestampHeader\":\"X-Vapi-Timestamp\","
                + "\"includeTimestamp\":true,\"payloadFormat\":\"{timestamp}.{body}\",\"signatureEncoding\":\"base64\","
                + "\"signaturePrefix\":\"sha512=\"}");
    }

    @Test
    void aBearerCredentialSendsTheSharedSecretForTeamsThatKeepIt() {
        vapi.stubFor(post("/assistant").willReturn(created("{\"id\":\"" + ASSISTANT_ID + "\"}")));

        assertThat(sync("--app.backend-url=" + BACKEND, "--webhook.auth-mode=secret", "--vapi.webhook-credential.type=bearer"))
                .isZero();

        JsonNode credential = body(only("POST", "/credential"));
        assertThat(credential.path("authenticationPlan").toString()).isEqualTo("{\"type\":\"bearer\",\"token\":\"" + SECRET
                + "\",\"headerName\":\"Authorization\",\"bearerPrefixEnabled\":true}");
        assertThat(body(only("POST", "/assistant")).path("server").path("credentialId").asText()).isEqualTo(CREDENTIAL_ID);
        assertThat(VapiApiStandIn.violations("CreateWebhookCredentialDTO", credential.toString())).isEmpty();
    }

    @Test
    void aCredentialTheBackendWouldRefuseIsNeverSetUp(CapturedOutput output) {
        assertThat(sync("--app.backend-url=" + BACKEND, "--webhook.auth-mode=secret")).isEqualTo(AssistantSyncCommand.NOT_CONFIGURED);
        assertThat(sync("--app.backend-url=" + BACKEND, "--vapi.webhook-credential.type=bearer"))
                .isEqualTo(AssistantSyncCommand.NOT_CONFIGURED);
        assertThat(sync("--app.backend-url=" + BACKEND, "--vapi.webhook-credential.name=" + "x".repeat(41)))
                .isEqualTo(AssistantSyncCommand.NOT_CONFIGURED);

        assertThat(vapi.findAll(anyRequestedFor(anyUrl()))).isEmpty();
        assertThat(output.getAll())
                .contains("VAPI_WEBHOOK_CREDENTIAL_TYPE is hmac, but with WEBHOOK_AUTH_MODE=secret the backend would refuse every"
                        + " signed request")
                .contains("VAPI_WEBHOOK_CREDENTIAL_TYPE is bearer, but with WEBHOOK_AUTH_MODE=hmac the backend would refuse")
                .contains("VAPI_WEBHOOK_CREDENTIAL_NAME is longer than 40 characters");
    }

    @Test
    void twoCredentialsOfTheSameNameAreLeftForAPersonToSortOut(CapturedOutput output) {
        vapi.stubFor(get(urlPathEqualTo("/credential")).atPriority(1).willReturn(ok("[{\"id\":\"cred-a\",\"provider\":\"webhook\","
                + "\"name\":\"" + CREDENTIAL_NAME + "\"},{\"id\":\"cred-b\",\"provider\":\"webhook\",\"name\":\"" + CREDENTIAL_NAME + "\"}]")));

        assertThat(sync("--app.backend-url=" + BACKEND)).isEqualTo(AssistantSyncCommand.VAPI_FAILED);

        assertThat(vapi.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
        assertThat(output.getAll()).contains("Vapi has 2 webhook credentials named \"" + CREDENTIAL_NAME + "\" (cred-a, cred-b)");
    }

    @Test
    void aDefinitionStillCarryingTheSecretIsNotSent(CapturedOutput output) throws Exception {
        java.nio.file.Path placeholder = java.nio.file.Files.createTempFile("assistant", ".json");
        java.nio.file.Files.writeString(placeholder, "{\"name\":\"${APP_NAME}\",\"server\":{\"url\":\"${BACKEND_URL}/api/webhooks/vapi\","
                + "\"headers\":{\"x-vapi-secret\":\"${WEBHOOK_SECRET}\"}}}");
        java.nio.file.Path written = java.nio.file.Files.createTempFile("assistant", ".json");
        java.nio.file.Files.writeString(written, "{\"name\":\"${APP_NAME}\",\"server\":{\"url\":\"${BACKEND_URL}/api/webhooks/vapi\","
                + "\"headers\":{\"x-vapi-secret\":\"" + SECRET + "\"}}}");

        assertThat(sync("--app.backend-url=" + BACKEND, "--vapi.assistant-file=" + placeholder)).isEqualTo(AssistantSyncCommand.NOT_CONFIGURED);
        assertThat(sync("--app.backend-url=" + BACKEND, "--vapi.assistant-file=" + written)).isEqualTo(AssistantSyncCommand.NOT_CONFIGURED);

        assertThat(vapi.findAll(anyRequestedFor(anyUrl()))).isEmpty();
        assertThat(output.getAll())
                .contains("uses [${WEBHOOK_SECRET}], which the sync does not fill")
                .contains("replace each server's \"headers\" with \"credentialId\": \"${WEBHOOK_CREDENTIAL_ID}\"")
                .contains("holds the webhook secret itself");
    }

    /** An assistant synced before credentials: Vapi's copy may keep the old header; the operator is told where. */
    @Test
    void saysSoWhenVapisCopyStillCarriesTheOldSecretHeader(CapturedOutput output) {
        vapi.stubFor(patch(urlEqualTo("/assistant/" + ASSISTANT_ID)).willReturn(ok("{\"id\":\"" + ASSISTANT_ID + "\","
                + "\"server\":{\"url\":\"" + BACKEND + "/api/webhooks/vapi\",\"credentialId\":\"" + CREDENTIAL_ID + "\","
                + "\"headers\":{\"x-vapi-secret\":\"" + SECRET + "\"}}}")));

        assertThat(sync("--app.backend-url=" + BACKEND, "--vapi.assistant-id=" + ASSISTANT_ID)).isZero();

        assertThat(output.getAll()).contains("Vapi's copy of the assistant still carries the webhook secret");
    }

    @Test
    void statesCallControlAndRequiresThePublicKeyOnItOnlyWhenOneIsSet(CapturedOutput output) {
        vapi.stubFor(patch(urlEqualTo("/assistant/" + ASSISTANT_ID)).willReturn(ok("{\"id\":\"" + ASSISTANT_ID + "\"}")));
        String publicKey = "3f1e9c2a-7b4d-4e8f-a1c6-5d2b0e9f8a47";

        assertThat(sync("--app.backend-url=" + BACKEND, "--vapi.assistant-id=" + ASSISTANT_ID)).isZero();
        assertThat(sync("--app.backend-url=" + BACKEND, "--vapi.assistant-id=" + ASSISTANT_ID, "--vapi.public-key=" + publicKey))
                .isZero();

        List<LoggedRequest> updates = vapi.findAll(patchRequestedFor(urlEqualTo("/assistant/" + ASSISTANT_ID)));
        assertThat(updates).hasSize(2);
        assertThat(body(updates.get(0)).path("monitorPlan").toString())
                .isEqualTo("{\"controlEnabled\":true,\"controlAuthenticationEnabled\":false}");
        assertThat(body(updates.get(1)).path("monitorPlan").toString())
                .isEqualTo("{\"controlEnabled\":true,\"controlAuthenticationEnabled\":true}");
        assertThat(updates.get(1).getBodyAsString()).doesNotContain(publicKey);
        assertThat(output.getAll()).doesNotContain(publicKey);
    }

    @Test
    void attachesThePhoneNumberToTheAssistant(CapturedOutput output) {
        vapi.stubFor(patch(urlEqualTo("/assistant/" + ASSISTANT_ID)).willReturn(ok("{\"id\":\"" + ASSISTANT_ID + "\"}")));
        vapi.stubFor(patch(urlEqualTo("/phone-number/" + PHONE_NUMBER_ID)).willReturn(ok("{\"id\":\"" + PHONE_NUMBER_ID + "\"}")));

        int exit = sync("--app.backend-url=" + BACKEND, "--vapi.assistant-id=" + ASSISTANT_ID, "--vapi.phone-number=" + PHONE_NUMBER_ID);

        assertThat(exit).isZero();
        vapi.verify(patchRequestedFor(urlEqualTo("/phone-number/" + PHONE_NUMBER_ID))
                .withHeader("Authorization", equalTo("Bearer " + API_KEY))
                .withRequestBody(equalToJson("{\"assistantId\":\"" + ASSISTANT_ID + "\"}")));
        assertThat(output.getAll()).contains("Phone number " + PHONE_NUMBER_ID + " now answers with assistant " + ASSISTANT_ID);
    }

    @Test
    void findsAPhoneNumberGivenAsTheNumberItself() {
        vapi.stubFor(post("/assistant").willReturn(created("{\"id\":\"" + ASSISTANT_ID + "\"}")));
        vapi.stubFor(get(urlPathEqualTo("/phone-number")).willReturn(ok("[{\"id\":\"other\",\"number\":\"+15550100\"},"
                + "{\"id\":\"" + PHONE_NUMBER_ID + "\",\"number\":\"+441234567890\",\"provider\":\"vapi\"}]")));
        vapi.stubFor(patch(urlEqualTo("/phone-number/" + PHONE_NUMBER_ID)).willReturn(ok("{}")));

        int exit = sync("--app.backend-url=" + BACKEND, "--vapi.phone-number=+441234567890");

        assertThat(exit).isZero();
        vapi.verify(patchRequestedFor(urlEqualTo("/phone-number/" + PHONE_NUMBER_ID))
                .withRequestBody(equalToJson("{\"assistantId\":\"" + ASSISTANT_ID + "\"}")));
    }

    @Test
    void aNumberTheAccountDoesNotHaveFailsAfterTheAssistantIsSaved(CapturedOutput output) {
        vapi.stubFor(post("/assistant").willReturn(created("{\"id\":\"" + ASSISTANT_ID + "\"}")));
        vapi.stubFor(get(urlPathEqualTo("/phone-number")).willReturn(ok("[{\"id\":\"other\",\"number\":\"+15550100\"}]")));

        int exit = sync("--app.backend-url=" + BACKEND, "--vapi.phone-number=+441234567890");

        assertThat(exit).isEqualTo(AssistantSyncCommand.VAPI_FAILED);
        assertThat(output.getAll())
                .contains("Set VAPI_ASSISTANT_ID=" + ASSISTANT_ID)
                // every log line is masked, a configured number too: its last digits identify it
                .contains("Vapi has no phone number ***890 (VAPI_PHONE_NUMBER) in this account; it has +15550100.");
        assertThat(vapi.findAll(patchRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void aWrongApiKeyIsSaidPlainly(CapturedOutput output) {
        vapi.stubFor(post("/assistant").willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Invalid Key. Hot tip, you may be using the private key instead of the public key,"
                        + " or vice versa.\",\"error\":\"Unauthorized\",\"statusCode\":401}")));

        int exit = sync("--app.backend-url=" + BACKEND);

        assertThat(exit).isEqualTo(AssistantSyncCommand.VAPI_FAILED);
        assertThat(output.getAll())
                .contains("Vapi refused the API key (HTTP 401) when trying to create the assistant. VAPI_API_KEY must be your"
                        + " private API key")
                .contains("Vapi says: Invalid Key.");
    }

    @Test
    void vapiEchoingTheSecretBackInAnErrorDoesNotPrintIt(CapturedOutput output) {
        vapi.stubFor(patch(urlEqualTo("/assistant/" + ASSISTANT_ID)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":[\"server.headers.x-vapi-secret " + SECRET + " is not allowed\",\"key " + API_KEY
                        + " rejected\"],\"error\":\"Bad Request\",\"statusCode\":400}")));

        int exit = sync("--app.backend-url=" + BACKEND, "--vapi.assistant-id=" + ASSISTANT_ID);

        assertThat(exit).isEqualTo(AssistantSyncCommand.VAPI_FAILED);
        assertThat(output.getAll()).contains("HTTP 400", "server.headers.x-vapi-secret [hidden] is not allowed; key [hidden] rejected");
    }

    @Test
    void anAssistantIdVapiDoesNotKnowIsSaidPlainly(CapturedOutput output) {
        vapi.stubFor(patch(urlEqualTo("/assistant/" + ASSISTANT_ID)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Not Found\",\"statusCode\":404}")));

        int exit = sync("--app.backend-url=" + BACKEND, "--vapi.assistant-id=" + ASSISTANT_ID);

        assertThat(exit).isEqualTo(AssistantSyncCommand.VAPI_FAILED);
        assertThat(output.getAll()).contains("update assistant " + ASSISTANT_ID + " (VAPI_ASSISTANT_ID) (HTTP 404)",
                "leave VAPI_ASSISTANT_ID empty to create a new assistant");
    }

    @Test
    void nothingIsSentWithoutTheSettingsAVapiAssistantNeeds(CapturedOutput output) {
        assertThat(AssistantSync.run("--vapi.api-base-url=" + vapi.baseUrl(), "--app.backend-url=" + BACKEND,
                "--webhook.secret=" + SECRET)).isEqualTo(AssistantSyncCommand.NOT_CONFIGURED);
        assertThat(AssistantSync.run("--vapi.api-base-url=" + vapi.baseUrl(), "--app.backend-url=" + BACKEND,
                "--vapi.api-key=" + API_KEY)).isEqualTo(AssistantSyncCommand.NOT_CONFIGURED);
        assertThat(sync("--app.backend-url=http://localhost:8000")).isEqualTo(AssistantSyncCommand.NOT_CONFIGURED);
        assertThat(sync("--app.backend-url=receptionist.example.com")).isEqualTo(AssistantSyncCommand.NOT_CONFIGURED);

        assertThat(vapi.findAll(anyRequestedFor(anyUrl()))).isEmpty();
        assertThat(output.getAll())
                .contains("VAPI_API_KEY is not set")
                .contains("WEBHOOK_SECRET is not set")
                .contains("BACKEND_URL is http://localhost:8000, which Vapi cannot reach from the internet")
                .contains("BACKEND_URL \"receptionist.example.com\" is not an http(s) address");
    }

    @Test
    void aDefinitionWithAPlaceholderTheSyncDoesNotFillIsNotSent(CapturedOutput output) throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("assistant", ".json");
        java.nio.file.Files.writeString(file, "{\"name\":\"${APP_NAME}\",\"firstMessage\":\"Call ${OFFICE_PHONE}\"}");

        int exit = sync("--app.backend-url=" + BACKEND, "--vapi.assistant-file=" + file);

        assertThat(exit).isEqualTo(AssistantSyncCommand.NOT_CONFIGURED);
        assertThat(output.getAll()).contains("uses [${OFFICE_PHONE}], which the sync does not fill");
        assertThat(vapi.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void emptySettingsFromACopiedEnvFileMeanTheDefaults() {
        AssistantSyncProperties empty = new AssistantSyncProperties(java.net.URI.create(""), " ");

        assertThat(empty.apiBaseUrl()).hasToString("https://api.vapi.ai");
        assertThat(empty.assistantFile()).isEqualTo("vapi/assistant.json");
    }

    @Test
    void theCommandLineFlagIsRecognised() {
        assertThat(AssistantSync.requested("--assistant.sync")).isTrue();
        assertThat(AssistantSync.requested("--server.port=9000", "--assistant-sync")).isTrue();
        assertThat(AssistantSync.requested("--server.port=9000")).isFalse();
    }

    /** A backend set up as the README says: WEBHOOK_AUTH_MODE=hmac for the default HMAC credential. */
    private static int sync(String... settings) {
        List<String> args = new ArrayList<>(List.of("--vapi.api-base-url=" + vapi.baseUrl(), "--vapi.api-key=" + API_KEY,
                "--webhook.secret=" + SECRET));
        args.addAll(List.of(settings));
        if (args.stream().noneMatch(arg -> arg.startsWith("--webhook.auth-mode="))) {
            args.add("--webhook.auth-mode=hmac");
        }
        return AssistantSync.run(args.toArray(String[]::new));
    }

    static LoggedRequest only(String method, String path) {
        List<LoggedRequest> requests = vapi.findAll(anyRequestedFor(urlEqualTo(path)));
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).getMethod().getName()).isEqualTo(method);
        return requests.get(0);
    }

    static JsonNode body(LoggedRequest request) {
        try {
            return JSON.readTree(request.getBodyAsString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created(String json) {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody(json);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ok(String json) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(json);
    }
}
