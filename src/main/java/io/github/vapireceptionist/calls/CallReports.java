package io.github.vapireceptionist.calls;

import io.github.vapireceptionist.webhook.CallReport;
import io.github.vapireceptionist.webhook.VapiMessage;
import io.micrometer.core.instrument.DistributionSummary;
import io.github.vapireceptionist.business.BusinessTags;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.apache.camel.Exchange;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Call volume, duration, cost and how calls ended, from Vapi's {@code end-of-call-report}:
 * calls_total{ended_reason}, call_duration_seconds{ended_reason} and call_cost_usd, and one
 * {@code call_ended} line. endedReason has dozens of values (every provider error has its own), so it
 * is bucketed: transferred, customer_ended, assistant_ended, silence_timeout, max_duration,
 * not_answered, error, other or unknown. The share of calls that ended in a transfer is
 * calls_total{ended_reason="transferred"} over calls_total.
 */
public class CallReports {

    private static final Logger log = LoggerFactory.getLogger(CallReports.class);

    /** Exact reasons first, then prefixes, in order; an error-looking reason not listed is "error". */
    private static final Map<String, String> EXACT = Map.of(
            "assistant-forwarded-call", "transferred",
            "customer-ended-call", "customer_ended",
            "assistant-said-end-call-phrase", "assistant_ended",
            "silence-timed-out", "silence_timeout",
            "exceeded-max-duration", "max_duration",
            "customer-busy", "not_answered",
            "customer-did-not-answer", "not_answered",
            "customer-did-not-give-microphone-permission", "not_answered",
            "voicemail", "not_answered");
    private static final List<Map.Entry<String, String>> PREFIXES = List.of(
            Map.entry("assistant-ended-call", "assistant_ended"),
            Map.entry("pipeline-error", "error"),
            Map.entry("call.start.error", "error"),
            Map.entry("call.in-progress.error", "error"),
            Map.entry("call-start-error", "error"));

    private final MeterRegistry meters;
    private final BusinessTags businessTags;
    private final DistributionSummary cost;

    public CallReports(MeterRegistry meters) {
        this(meters, null);
    }

    /** {@code businessTags}: with BUSINESSES_FILE, the calls are counted per business too (not their duration and cost). */
    public CallReports(MeterRegistry meters, BusinessTags businessTags) {
        this.meters = meters;
        this.businessTags = businessTags;
        this.cost = DistributionSummary.builder("call.cost")
                .description("What Vapi charged per call")
                .baseUnit("usd")
                .register(meters);
    }

    /** The report of a call whose business is unknown here (no BUSINESSES_FILE, or a test of the report alone). */
    public void record(VapiMessage message) {
        record(message, Tags.empty());
    }

    /** The route's: the report of the call of the exchange's business. */
    public void record(VapiMessage message, Exchange exchange) {
        record(message, businessTags == null ? Tags.empty() : businessTags.of(exchange));
    }

    private void record(VapiMessage message, Tags business) {
        CallReport report = message.report();
        String endedReason = bucket(report.endedReason());
        meters.counter("calls", business.and("ended_reason", endedReason)).increment();
        Duration duration = report.duration();
        if (duration != null) {
            Timer.builder("call.duration")
                    .description("How long calls lasted, from startedAt to endedAt")
                    .tag("ended_reason", endedReason)
                    .register(meters)
                    .record(duration);
        }
        if (report.cost() != null && report.cost().signum() >= 0) {
            cost.record(report.cost().doubleValue());
        }
        log.atInfo()
                .addKeyValue("ended_reason", endedReason)
                .addKeyValue("duration_s", duration == null ? null : duration.toMillis() / 1000.0)
                .addKeyValue("cost_usd", report.cost())
                .log("call_ended ended_reason={} duration_s={} cost_usd={}", endedReason,
                        duration == null ? "unknown" : duration.toMillis() / 1000.0, report.cost());
    }

    static String bucket(String endedReason) {
        if (endedReason == null || endedReason.isBlank()) {
            return "unknown";
        }
        String reason = endedReason.trim().toLowerCase(Locale.ROOT);
        String exact = EXACT.get(reason);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, String> prefix : PREFIXES) {
            if (reason.startsWith(prefix.getKey())) {
                return prefix.getValue();
            }
        }
        return reason.contains("error") || reason.contains("failed") || reason.contains("timed-out")
                || reason.contains("not-found") || reason.contains("not-valid") ? "error" : "other";
    }
}
