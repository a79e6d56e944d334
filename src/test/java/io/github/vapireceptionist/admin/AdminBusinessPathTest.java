package io.github.vapireceptionist.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vapireceptionist.sandbox.SandboxCalendar;
import io.github.vapireceptionist.support.AppTest;
import io.github.vapireceptionist.support.LogCapture;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The admin API names its business in the path, {@code /api/admin/{businessId}/customers...}; a deployment of one
 * business (id {@code default} without BUSINESSES_FILE) answers on that path and on the old one alike. An unknown
 * business is 404 for a holder of the token only: without it, 401 whatever the path names.
 */
@TestPropertySource(properties = "admin.api-token=" + AdminBusinessPathTest.TOKEN)
class AdminBusinessPathTest extends AppTest {

    static final String TOKEN = "admin-path-token-0123456789-0123456789-ab";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    SandboxCalendar sandbox;

    @Test
    void theOneBusinessAnswersOnItsOwnPathAsOnTheOldOne() throws Exception {
        sandbox.reset();
        sandbox.createCustomer(Map.of("firstName", "Ada", "lastName", "Lovelace", "email", "ada@example.com", "phone", "+447123456789"));

        HttpResponse<String> byBusiness = admin("GET", "/api/admin/default/customers/export?email=ada%40example.com", TOKEN);
        HttpResponse<String> old = admin("GET", "/api/admin/customers/export?email=ada%40example.com", TOKEN);

        assertThat(byBusiness.statusCode()).as(byBusiness.body()).isEqualTo(200);
        assertThat(JSON.readTree(byBusiness.body()).get("customers")).hasSize(1);
        assertThat(old.body()).isEqualTo(byBusiness.body());
    }

    @Test
    void anUnknownBusinessIs404ForTheTokenHolderAndChangesNothing() throws Exception {
        sandbox.reset();
        int ada = sandbox.createCustomer(Map.of("firstName", "Ada", "lastName", "Lovelace", "email", "ada@example.com",
                "phone", "+447123456789")).id();
        try (LogCapture log = LogCapture.start()) {
            HttpResponse<String> erase = admin("DELETE", "/api/admin/nobody/customers?email=ada%40example.com", TOKEN);

            assertThat(erase.statusCode()).isEqualTo(404);
            assertThat(JSON.readTree(erase.body()).get("error").asText()).isEqualTo("no business has that id");
            assertThat(log.text()).contains("admin_audit action=erase client=127.0.0.1 outcome=unknown_business");
        }
        assertThat(sandbox.customer(ada)).isPresent();
    }

    @Test
    void withoutTheTokenItIs401WhateverBusinessThePathNames() {
        for (String path : new String[] {"/api/admin/nobody/customers/export?email=ada%40example.com",
                "/api/admin/default/customers/export?email=ada%40example.com"}) {
            HttpResponse<String> response = admin("GET", path, "wrong-token");

            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.body()).as(path).isEqualTo("{\"error\":\"unauthorized\"}");
        }
    }

    private HttpResponse<String> admin(String method, String pathAndQuery, String token) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + pathAndQuery)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }
}
