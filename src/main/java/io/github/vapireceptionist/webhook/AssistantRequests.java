package io.github.vapireceptionist.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code assistant-request}: Vapi sends it for a phone number that has a server URL but no
 * assistant, and waits 7.5 s for the answer (docs.vapi.ai, "Personalization": "Your server must respond
 * within 7.5 seconds"). Answered from settings alone, nothing is called. An empty {@code {}} would end
 * the call as {@code assistant-request-returned-no-assistant}; the answer is VAPI_ASSISTANT_ID, or an
 * error that Vapi speaks to the caller and shows in the call log as
 * {@code assistant-request-returned-error} (ServerMessageResponseAssistantRequest in Vapi's OpenAPI).
 */
public class AssistantRequests {

    /** Vapi speaks this to the caller, so it is a sentence for them; the log line says what to fix. */
    static final String NOT_SET_UP = "Sorry, this line has no receptionist set up yet. Please call again later.";

    private static final Logger log = LoggerFactory.getLogger(AssistantRequests.class);

    /** {@code {"assistantId": "..."}}. */
    public record AssistantChoice(String assistantId) {
    }

    /** {@code {"error": "..."}}. */
    public record AssistantRefusal(String error) {
    }

    private final VapiProperties vapi;
    private final MeterRegistry meters;

    public AssistantRequests(VapiProperties vapi, MeterRegistry meters) {
        this.vapi = vapi;
        this.meters = meters;
    }

    /** assistant_requests_total{outcome}: assistant (VAPI_ASSISTANT_ID answered) or no_assistant (refused). */
    public Object answer() {
        if (!vapi.hasAssistantId()) {
            log.warn("Vapi asked which assistant answers a call (assistant-request), and VAPI_ASSISTANT_ID is not set:"
                    + " the caller hears \"{}\" and the call ends. Set VAPI_ASSISTANT_ID, or attach the assistant to the"
                    + " phone number (VAPI_PHONE_NUMBER and the assistant sync).", NOT_SET_UP);
            meters.counter("assistant.requests", "outcome", "no_assistant").increment();
            return new AssistantRefusal(NOT_SET_UP);
        }
        String assistantId = vapi.assistantId().strip();
        log.info("Vapi asked which assistant answers a call (assistant-request): assistant {}", assistantId);
        meters.counter("assistant.requests", "outcome", "assistant").increment();
        return new AssistantChoice(assistantId);
    }
}
