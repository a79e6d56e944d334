package io.github.vapireceptionist.webhook;

import com.fasterxml.jackson.core.StreamReadConstraints;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Jackson's read limits for webhook bodies. A real Vapi message nests about a dozen levels deep
 * and its longest string is the transcript; anything beyond these limits is refused with 400
 * while it is being read, before it can cost stack depth or memory.
 */
@Validated
@ConfigurationProperties("webhook.json")
public record WebhookJsonLimits(@Min(8) int maxNestingDepth, @Min(1024) int maxStringLength, @Min(20) int maxNumberLength) {

    StreamReadConstraints constraints() {
        return StreamReadConstraints.builder()
                .maxNestingDepth(maxNestingDepth)
                .maxStringLength(maxStringLength)
                .maxNumberLength(maxNumberLength)
                .build();
    }
}
