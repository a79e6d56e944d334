package io.github.vapireceptionist.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/**
 * Answers exactly as easyappointments-api-v1.md says Easy!Appointments 1.5.2 answers: JSON with a
 * session cookie and open CORS on success, 401 as HTML, every other failure as 500 JSON.
 */
public final class EasyAppointmentsStubs {

    public static final String API = "/index.php/api/v1";

    private EasyAppointmentsStubs() {
    }

    public static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("Set-Cookie", "ea_session=3f1c2a9b; path=/; HttpOnly")
                .withHeader("Access-Control-Allow-Origin", "*")
                .withBody(body);
    }

    public static ResponseDefinitionBuilder ok(String body) {
        return json(200, body);
    }

    public static ResponseDefinitionBuilder failure(String message) {
        return json(500, "{\"success\":false,\"message\":\"" + message + "\"}");
    }

    public static ResponseDefinitionBuilder unauthorized() {
        return aResponse().withStatus(401)
                .withHeader("Content-Type", "text/html; charset=UTF-8")
                .withHeader("WWW-Authenticate", "Basic realm=\"Easy!Appointments\"")
                .withBody("You are not authorized to use the API.");
    }

    public static ResponseDefinitionBuilder notFound() {
        return aResponse().withStatus(404).withHeader("Content-Type", "text/html; charset=UTF-8");
    }
}
