package io.github.vapireceptionist.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vapireceptionist.sandbox.SandboxCalendar;
import io.github.vapireceptionist.support.AppTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Without ADMIN_API_TOKEN the admin API does not exist: its paths answer 404 whatever is sent, and nothing changes. */
class AdminApiDisabledTest extends AppTest {

    @Autowired
    SandboxCalendar sandbox;

    @Autowired
    CamelContext camel;

    @Test
    void everyAdminPathIs404AndNothingIsErased() {
        sandbox.reset();
        int customer = sandbox.createCustomer(Map.of("firstName", "Ada", "lastName", "Lovelace", "email", "ada@example.com",
                "phone", "+447123456789")).id();
        for (String method : new String[] {"GET", "DELETE", "POST"}) {
            for (String path : new String[] {"/api/admin/customers/export?email=ada%40example.com", "/api/admin/customers?email=ada%40example.com"}) {
                for (String token : new String[] {"", "Bearer ", "Bearer " + SECRET}) {
                    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(20))
                            .method(method, HttpRequest.BodyPublishers.noBody());
                    if (!token.isEmpty()) {
                        request.header("Authorization", token);
                    }
                    assertThat(send(request.build()).statusCode()).as(method + " " + path + " " + token).isEqualTo(404);
                }
            }
        }
        assertThat(sandbox.customer(customer)).isPresent();
        assertThat(camel.getRouteController().getRouteStatus("admin-erase-customer").isStarted()).isFalse();
        assertThat(camel.getRouteController().getRouteStatus("admin-export-customer").isStarted()).isFalse();
    }
}
