package io.github.vapireceptionist.transfer;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * VAPI_CONTROL_ALLOWED_HOSTS, VAPI_CONTROL_ALLOW_HTTP, VAPI_CONTROL_TIMEOUT_MS: where live call control
 * requests may go ({@link ControlUrlPolicy}) and how long one may take.
 */
@Validated
@ConfigurationProperties("vapi.control")
public record VapiControlProperties(List<String> allowedHosts, boolean allowHttp, @Min(50) @Max(10_000) int timeoutMs) {

    public VapiControlProperties {
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
    }
}
