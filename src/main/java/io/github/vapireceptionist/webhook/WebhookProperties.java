package io.github.vapireceptionist.webhook;

import io.github.vapireceptionist.app.ProductionCheck;
import io.github.vapireceptionist.app.ProductionReadiness;
import io.github.vapireceptionist.ops.IpRanges;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * WEBHOOK_SECRET: what Vapi sends in {@code x-vapi-secret} or as a Bearer token;
 * WEBHOOK_AUTH_MODE: which credentials authenticate a request; the HMAC signing settings;
 * WEBHOOK_ALLOWED_IPS: the only source ranges the webhook answers (empty: any).
 */
@ConfigurationProperties("webhook")
public record WebhookProperties(String secret, AuthMode authMode, HmacProperties hmac, String allowedIps)
        implements ProductionCheck {

    /** Which credentials authenticate a webhook request. */
    public enum AuthMode {
        /** {@code x-vapi-secret} or {@code Authorization: Bearer}, equal to WEBHOOK_SECRET. */
        SECRET,
        /** A valid, fresh HMAC signature of the body; a secret header alone is refused. */
        HMAC,
        /** Either of the two: for moving a server from one credential to the other without downtime. */
        EITHER;

        public boolean acceptsSecret() {
            return this != HMAC;
        }

        public boolean acceptsSignature() {
            return this != SECRET;
        }
    }

    @ConstructorBinding
    public WebhookProperties {
        authMode = authMode == null ? AuthMode.SECRET : authMode;
        hmac = hmac == null ? HmacProperties.DEFAULTS : hmac;
    }

    /** Secret-only authentication with default settings (tests, tools). */
    public WebhookProperties(String secret) {
        this(secret, AuthMode.SECRET, null, null);
    }

    public boolean hasSecret() {
        return secret != null && !secret.isBlank();
    }

    /** The key HMAC signatures are checked with: WEBHOOK_HMAC_SECRET, or WEBHOOK_SECRET when that is empty. */
    public String signingSecret() {
        return hmac.hasSecret() ? hmac.secret() : secret;
    }

    /**
     * A webhook secret of at least 256 bits, and HMAC secrets (the current one, one being rotated out) of
     * at least 256 bits when set (without one, signatures are checked with the webhook secret).
     */
    @Override
    public List<String> productionProblems() {
        List<String> problems = new ArrayList<>();
        if (!hasSecret()) {
            problems.add("WEBHOOK_SECRET is not set");
        } else {
            ProductionReadiness.tooShort("WEBHOOK_SECRET", secret).ifPresent(problems::add);
        }
        if (hmac.hasSecret()) {
            ProductionReadiness.tooShort("WEBHOOK_HMAC_SECRET", hmac.secret()).ifPresent(problems::add);
        }
        if (hmac.hasPreviousSecret()) {
            ProductionReadiness.tooShort("WEBHOOK_HMAC_PREVIOUS_SECRET", hmac.previousSecret()).ifPresent(problems::add);
        }
        return problems;
    }

    public IpRanges allowedIpRanges() {
        return IpRanges.parse(allowedIps);
    }
}
