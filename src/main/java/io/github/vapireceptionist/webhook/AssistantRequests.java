package io.github.vapireceptionist.webhook;

import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.business.Businesses;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code assistant-request}: Vapi sends it for a phone number that has a server URL but no
 * assistant, and waits 7.5 s for the answer (docs.vapi.ai, "Personalization": "Your server must respond
 * within 7.5 seconds"). Answered from settings alone, nothing is called. An empty {@code {}} would end
 * the call as {@code assistant-request-returned-no-assistant}; the answer is VAPI_ASSISTANT_ID, or an
 * error that Vapi speaks to the caller and shows in the call log as
 * {@code assistant-request-returned-error} (ServerMessageResponseAssistantRequest in Vapi's OpenAPI).
 *
 * <p>With BUSINESSES_FILE the message's phone number id selected the business (WebhookAuthentication), and the
 * answer is that business's {@code vapi.assistant-id}, by id as without the file (an assistant kept in Vapi by the
 * sync, not a definition sent with each call), or the same error when it has none.
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
    private final Businesses businesses;
    private final MeterRegistry meters;

    public AssistantRequests(VapiProperties vapi, Businesses businesses, MeterRegistry meters) {
        this.vapi = vapi;
        this.businesses = businesses;
        this.meters = meters;
    }

    /**
     * assistant_requests_total{outcome}: assistant (answered) or no_assistant (refused). {@code business}: the one the
     * request is for; its assistant id, or without BUSINESSES_FILE VAPI_ASSISTANT_ID, answers.
     */
    public Object answer(@ExchangeProperty(Businesses.EXCHANGE_PROPERTY) Business business) {
        return businesses.fromFile() ? businessAnswer(business.vapi().assistantId(), business.id()) : environmentAnswer();
    }

    /** Without BUSINESSES_FILE: VAPI_ASSISTANT_ID. */
    private Object environmentAnswer() {
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

    private Object businessAnswer(String assistantId, String businessId) {
        if (assistantId == null || assistantId.isBlank()) {
            log.warn("Vapi asked which assistant answers a call (assistant-request) for business {}, which has no"
                    + " vapi.assistant-id in BUSINESSES_FILE: the caller hears \"{}\" and the call ends.", businessId, NOT_SET_UP);
            meters.counter("assistant.requests", "business", businessId, "outcome", "no_assistant").increment();
            return new AssistantRefusal(NOT_SET_UP);
        }
        log.info("Vapi asked which assistant answers a call (assistant-request) for business {}: assistant {}", businessId,
                assistantId.strip());
        meters.counter("assistant.requests", "business", businessId, "outcome", "assistant").increment();
        return new AssistantChoice(assistantId.strip());
    }
}
