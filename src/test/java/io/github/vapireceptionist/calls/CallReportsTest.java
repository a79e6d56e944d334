package io.github.vapireceptionist.calls;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vapireceptionist.core.CallContext;
import io.github.vapireceptionist.webhook.CallReport;
import io.github.vapireceptionist.webhook.VapiMessage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CallReportsTest {

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "assistant-forwarded-call, transferred",
            "customer-ended-call, customer_ended",
            "assistant-ended-call, assistant_ended",
            "assistant-ended-call-after-message-spoken, assistant_ended",
            "assistant-said-end-call-phrase, assistant_ended",
            "silence-timed-out, silence_timeout",
            "exceeded-max-duration, max_duration",
            "customer-busy, not_answered",
            "voicemail, not_answered",
            "pipeline-error-openai-llm-failed, error",
            "call.in-progress.error-vapifault-openai-llm-failed, error",
            "call.start.error-get-assistant, error",
            "assistant-not-found, error",
            "twilio-failed-to-connect-call, error",
            "manually-canceled, other",
            "Customer-Ended-Call, customer_ended",
            "'', unknown",
            "null, unknown"})
    void endedReasonsAreBucketedIntoAFewLowCardinalityValues(String endedReason, String bucket) {
        assertThat(CallReports.bucket(endedReason)).isEqualTo(bucket);
    }

    @Test
    void aReportOutOfOrderCountsTheCallButNoDurationNorNegativeCost() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        CallReports reports = new CallReports(meters);
        CallReport report = new CallReport("customer-ended-call", Instant.parse("2026-11-20T10:05:00Z"),
                Instant.parse("2026-11-20T10:00:00Z"), new BigDecimal("-1"));

        reports.record(new VapiMessage(VapiMessage.Shape.NOTIFICATION, "end-of-call-report", CallContext.UNKNOWN, List.of(), report));

        assertThat(meters.get("calls").tag("ended_reason", "customer_ended").counter().count()).isEqualTo(1);
        assertThat(meters.find("call.duration").timer()).isNull();
        assertThat(meters.get("call.cost").summary().count()).isZero();
    }
}
