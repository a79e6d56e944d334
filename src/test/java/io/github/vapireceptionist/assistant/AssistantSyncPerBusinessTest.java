package io.github.vapireceptionist.assistant;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.vapireceptionist.support.BusinessesFiles;
import io.github.vapireceptionist.support.EasyAppointmentsStubs;
import io.github.vapireceptionist.support.VapiApiStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * With BUSINESSES_FILE the sync keeps one assistant per business: its own webhook credential from its own key, its
 * name and time zone, its calendar's services and people, its server URL naming it ({@code /api/webhooks/vapi/<id>}),
 * and its phone number ids pointed at it. Checked against the same Vapi stand-in and closed request schema as the
 * environment's assistant (AssistantSyncTest). Two businesses get two of each, every value its own.
 */
@ExtendWith(OutputCaptureExtension.class)
class AssistantSyncPerBusinessTest {

    @RegisterExtension
    static final WireMockExtension vapi = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    static final WireMockExtension southCalendar = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    static final WireMockExtension northCalendar = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API_KEY = "vapi-private-key-0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    private static final String NORTH_HMAC = "north-hmac-key-7d3e9a1c5b2f4e6a8c0d1e2f3a4b5c6d";
    private static final String NORTH_TOKEN = "north-calendar-token";
    private static final String SOUTH_SECRET = "south-webhook-secret-0123456789-0123456789";
    private static final String BACKEND = "https://receptionist.example.com";
    private static final String CREDENTIAL_ID = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    private static final String CREDENTIAL_NAME = "vapi-receptionist webhook (north)";
    private static final String ASSISTANT_ID = "1f2e3d4c-5b6a-4978-8a6b-5c4d3e2f1a0b";

    @BeforeEach
    void vapiKeepsCredentials() {
        VapiApiStandIn.keepsCredentials(vapi, CREDENTIAL_NAME, CREDENTIAL_ID);
        vapi.stubFor(patch(urlEqualTo("/phone-number/pn-north-1")).willReturn(ok("{\"id\":\"pn-north-1\"}")));
        vapi.stubFor(patch(urlEqualTo("/phone-number/pn-north-2")).willReturn(ok("{\"id\":\"pn-north-2\"}")));
        northCalendar.stubFor(get(urlPathEqualTo(EasyAppointmentsStubs.API + "/services"))
                .willReturn(EasyAppointmentsStubs.ok(EasyAppointmentsStubs.salonServices())));
        northCalendar.stubFor(get(urlPathEqualTo(EasyAppointmentsStubs.API + "/providers"))
                .willReturn(EasyAppointmentsStubs.ok(EasyAppointmentsStubs.salonProviders())));
    }

    @BeforeEach
    @AfterEach
    void loggingSetUpAfresh() {
        LoggingSystem.get(AssistantSyncPerBusinessTest.class.getClassLoader()).cleanUp();
    }

    @AfterEach
    void keyAndSecretsOnlyTravelInTheirOwnPlaces(CapturedOutput output) {
        assertThat(output.getAll()).doesNotContain(API_KEY, NORTH_HMAC, NORTH_TOKEN, SOUTH_SECRET);
    }

    private static String file(String assistantId) {
        return BusinessesFiles.write("sync-north.yaml", """
                businesses:
                  - id: north
                    name: North Street Dental
                    timezone: America/New_York
                    vapi:
                      phone-number-ids: [pn-north-1, pn-north-2]
                %s
                    webhook:
                      hmac-secret: ${NORTH_HMAC}
                    easyappointments:
                      base-url: %s
                      api-token: ${NORTH_EA_TOKEN}
                """.formatted(assistantId == null ? "" : "      assistant-id: " + assistantId, northCalendar.baseUrl()));
    }

    @Test
    void theBusinessGetsItsOwnCredentialAndAssistantCallingItsOwnPath(CapturedOutput output) throws Exception {
        vapi.stubFor(post("/assistant").willReturn(created("{\"id\":\"" + ASSISTANT_ID + "\"}")));

        assertThat(sync(file(null))).isZero();

        JsonNode credential = only("POST", "/credential");
        assertThat(credential.path("name").asText()).isEqualTo(CREDENTIAL_NAME);
        assertThat(credential.at("/authenticationPlan/type").asText()).isEqualTo("hmac");
        assertThat(credential.at("/authenticationPlan/secretKey").asText()).isEqualTo(NORTH_HMAC);
        JsonNode assistant = only("POST", "/assistant");
        assertThat(assistant.path("name").asText()).isEqualTo("North Street Dental");
        assertThat(assistant.path("server").path("url").asText()).isEqualTo(BACKEND + "/api/webhooks/vapi/north");
        assertThat(assistant.path("server").path("credentialId").asText()).isEqualTo(CREDENTIAL_ID);
        assertThat(assistant.path("model").path("tools")).isNotEmpty().allSatisfy(tool ->
                assertThat(tool.path("server").path("url").asText()).isEqualTo(BACKEND + "/api/webhooks/vapi/north"));
        assertThat(assistant.at("/model/messages/0/content").asText()).contains("America/New_York").doesNotContain("${");
        assertThat(assistant.at("/model/tools/0/function/parameters/properties/service/enum").toString())
                .isEqualTo("[\"Cut\",\"Full colour\"]");
        northCalendar.verify(getRequestedFor(urlPathEqualTo(EasyAppointmentsStubs.API + "/providers"))
                .withHeader("Authorization", equalTo("Bearer " + NORTH_TOKEN)));
        assertThat(VapiApiStandIn.violations("CreateWebhookCredentialDTO", credential.toString())).isEmpty();
        assertThat(VapiApiStandIn.violations("CreateAssistantDTO", assistant.toString())).isEmpty();
        for (String phoneNumberId : new String[] {"pn-north-1", "pn-north-2"}) {
            vapi.verify(patchRequestedFor(urlEqualTo("/phone-number/" + phoneNumberId))
                    .withRequestBody(equalToJson("{\"assistantId\":\"" + ASSISTANT_ID + "\"}")));
        }
        assertThat(output.getAll()).contains("Business north: created the Vapi assistant \"North Street Dental\" with id "
                + ASSISTANT_ID).contains("Set vapi.assistant-id: " + ASSISTANT_ID);
    }

    @Test
    void theAssistantTheFileNamesIsUpdatedAndNoOtherIsCreated(CapturedOutput output) throws Exception {
        vapi.stubFor(patch(urlEqualTo("/assistant/" + ASSISTANT_ID)).willReturn(ok("{\"id\":\"" + ASSISTANT_ID + "\"}")));

        assertThat(sync(file(ASSISTANT_ID))).isZero();

        JsonNode assistant = only("PATCH", "/assistant/" + ASSISTANT_ID);
        assertThat(assistant.path("server").path("url").asText()).isEqualTo(BACKEND + "/api/webhooks/vapi/north");
        assertThat(VapiApiStandIn.violations("UpdateAssistantDTO", assistant.toString())).isEmpty();
        assertThat(vapi.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlEqualTo("/assistant")))).isEmpty();
        assertThat(output.getAll()).contains("Business north: updated the Vapi assistant");
    }

    @Test
    void twoBusinessesGetTwoCredentialsAndTwoAssistantsEachWithItsOwnValues(CapturedOutput output) throws Exception {
        vapi.resetAll();
        southCalendar.stubFor(get(urlPathEqualTo(EasyAppointmentsStubs.API + "/services")).willReturn(EasyAppointmentsStubs.ok(
                "[" + EasyAppointmentsStubs.service(3, "Sports massage", 45, "50", "EUR", false) + "]")));
        southCalendar.stubFor(get(urlPathEqualTo(EasyAppointmentsStubs.API + "/providers")).willReturn(EasyAppointmentsStubs.ok(
                "[" + EasyAppointmentsStubs.provider(5, "Aoife", "Byrne", "Europe/Dublin", 3) + "]")));
        northCalendar.stubFor(get(urlPathEqualTo(EasyAppointmentsStubs.API + "/services"))
                .willReturn(EasyAppointmentsStubs.ok(EasyAppointmentsStubs.salonServices())));
        northCalendar.stubFor(get(urlPathEqualTo(EasyAppointmentsStubs.API + "/providers"))
                .willReturn(EasyAppointmentsStubs.ok(EasyAppointmentsStubs.salonProviders())));
        vapi.stubFor(get(urlPathEqualTo("/credential")).willReturn(ok("[]")));
        for (String business : new String[] {"north", "south"}) {
            vapi.stubFor(post("/credential").withRequestBody(containing("vapi-receptionist webhook (" + business + ")"))
                    .willReturn(created("{\"id\":\"cred-" + business + "\",\"provider\":\"webhook\",\"name\":"
                            + "\"vapi-receptionist webhook (" + business + ")\"}")));
            vapi.stubFor(post("/assistant").withRequestBody(containing("/api/webhooks/vapi/" + business + "\""))
                    .willReturn(created("{\"id\":\"asst-" + business + "\"}")));
        }
        for (String phoneNumberId : new String[] {"pn-north-1", "pn-north-2", "pn-south-1"}) {
            vapi.stubFor(patch(urlEqualTo("/phone-number/" + phoneNumberId)).willReturn(ok("{\"id\":\"" + phoneNumberId + "\"}")));
        }
        String file = BusinessesFiles.write("sync-two.yaml", java.nio.file.Files.readString(java.nio.file.Path.of(file(null)))
                + """
                  - id: south
                    name: South Side Physio
                    timezone: Europe/Dublin
                    vapi:
                      phone-number-ids: [pn-south-1]
                    webhook:
                      secret: ${SOUTH_SECRET}
                    easyappointments:
                      base-url: %s
                      api-token: ${SOUTH_EA_TOKEN}
                """.formatted(southCalendar.baseUrl()));

        assertThat(sync(file, "--SOUTH_SECRET=" + SOUTH_SECRET, "--SOUTH_EA_TOKEN=south-calendar-token")).isZero();

        List<LoggedRequest> credentials = vapi.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlEqualTo("/credential")));
        List<LoggedRequest> assistants = vapi.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlEqualTo("/assistant")));
        assertThat(credentials).hasSize(2);
        assertThat(assistants).hasSize(2);
        JsonNode southCredential = JSON.readTree(credentials.stream().filter(r -> r.getBodyAsString().contains("(south)"))
                .findFirst().orElseThrow().getBodyAsString());
        assertThat(southCredential.toString()).contains(SOUTH_SECRET).doesNotContain(NORTH_HMAC);
        JsonNode south = JSON.readTree(assistants.stream().filter(r -> r.getBodyAsString().contains("/vapi/south\""))
                .findFirst().orElseThrow().getBodyAsString());
        JsonNode north = JSON.readTree(assistants.stream().filter(r -> r.getBodyAsString().contains("/vapi/north\""))
                .findFirst().orElseThrow().getBodyAsString());
        assertThat(south.path("name").asText()).isEqualTo("South Side Physio");
        assertThat(south.path("firstMessage").asText()).contains("you've reached South Side Physio");
        assertThat(north.path("firstMessage").asText()).contains("you've reached North Street Dental");
        assertThat(south.path("server").path("credentialId").asText()).isEqualTo("cred-south");
        assertThat(north.path("server").path("credentialId").asText()).isEqualTo("cred-north");
        assertThat(south.at("/model/messages/0/content").asText()).contains("Europe/Dublin");
        assertThat(south.at("/model/tools/0/function/parameters/properties/service/enum").toString()).isEqualTo("[\"Sports massage\"]");
        assertThat(north.at("/model/tools/0/function/parameters/properties/service/enum").toString())
                .isEqualTo("[\"Cut\",\"Full colour\"]");
        assertThat(VapiApiStandIn.violations("CreateAssistantDTO", south.toString())).isEmpty();
        vapi.verify(patchRequestedFor(urlEqualTo("/phone-number/pn-south-1")).withRequestBody(equalToJson("{\"assistantId\":\"asst-south\"}")));
        vapi.verify(patchRequestedFor(urlEqualTo("/phone-number/pn-north-1")).withRequestBody(equalToJson("{\"assistantId\":\"asst-north\"}")));
        southCalendar.verify(getRequestedFor(urlPathEqualTo(EasyAppointmentsStubs.API + "/providers"))
                .withHeader("Authorization", equalTo("Bearer south-calendar-token")));
        assertThat(output.getAll()).contains("Business north: created the Vapi assistant").contains("Business south: created the Vapi assistant");
    }

    private static JsonNode only(String method, String path) throws Exception {
        List<LoggedRequest> requests = vapi.findAll(anyRequestedFor(urlEqualTo(path)));
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).getMethod().getName()).isEqualTo(method);
        return JSON.readTree(requests.get(0).getBodyAsString());
    }

    private static int sync(String file, String... more) {
        List<String> arguments = new java.util.ArrayList<>(List.of("--vapi.api-base-url=" + vapi.baseUrl(), "--vapi.api-key=" + API_KEY,
                "--app.backend-url=" + BACKEND, "--businesses.file=" + file, "--NORTH_HMAC=" + NORTH_HMAC,
                "--NORTH_EA_TOKEN=" + NORTH_TOKEN));
        arguments.addAll(List.of(more));
        return AssistantSync.run(arguments.toArray(String[]::new));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created(String json) {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody(json);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ok(String json) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(json);
    }
}
