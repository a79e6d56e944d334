package io.github.vapireceptionist.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * The filters in front of the webhook (allowlist, body cap, failed authentications) cover the path form
 * /api/webhooks/vapi/{businessId} too, and that form names its business.
 */
class WebhookPathTest {

    private static MockHttpServletRequest post(String servletPath) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", servletPath);
        request.setServletPath(servletPath);
        return request;
    }

    @Test
    void everyPathBelowTheWebhookIsTheWebhooks() {
        assertThat(WebhookPath.matches(post("/api/webhooks/vapi"))).isTrue();
        assertThat(WebhookPath.matches(post("/api/webhooks/vapi/north"))).isTrue();
        assertThat(WebhookPath.matches(post("/api/webhooks/vapi/north/x"))).isTrue();
        assertThat(WebhookPath.matches(post("/api/webhooks/vapifoo"))).isFalse();
        assertThat(WebhookPath.matches(post("/api/webhooks"))).isFalse();
    }

    @Test
    void thePathFormNamesItsBusiness() {
        assertThat(WebhookPath.businessId(post("/api/webhooks/vapi/north"))).isEqualTo("north");
        assertThat(WebhookPath.businessId(post("/api/webhooks/vapi/north/x"))).isEqualTo("north/x");
        assertThat(WebhookPath.businessId(post("/api/webhooks/vapi"))).isNull();
        assertThat(WebhookPath.businessId(null)).isNull();
    }
}
