package io.github.vapireceptionist.transfer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vapireceptionist.app.PiiMasking;
import io.github.vapireceptionist.business.Business;
import io.github.vapireceptionist.business.BusinessTags;
import io.github.vapireceptionist.business.Businesses;
import io.github.vapireceptionist.core.SpeakableException;
import io.github.vapireceptionist.core.ToolCall;
import io.github.vapireceptionist.webhook.VapiMessage;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.net.URI;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.apache.camel.component.http.HttpMethods;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of transfer_to_agent (routes/transfer-to-agent.camel.yaml) and the answer to Vapi's
 * {@code transfer-destination-request}. A transfer is reported as started only when Vapi's call
 * control accepted it with a 2xx; everything else is said honestly. The caller's reason is logged,
 * masked, and never sent anywhere. The number is the transfer number of the call's business (its
 * {@code Business} record, so a reload reaches it); a business without one has transfers off.
 */
public class CallTransfers {

    static final String UNAVAILABLE = "I can't transfer calls right now. Can I take a message, or help with a booking?";
    static final String FAILED = "I can't transfer you right now. Can I take a message for the team?";
    static final String NO_DESTINATION = "Transfers are not available right now.";
    static final int MAX_REASON_CHARS = 200;
    private static final String TOOL = "tool";
    private static final String DESTINATION_REQUEST = "destination_request";
    private static final String REFUSED = "refused";
    private static final String FAILED_OUTCOME = "failed";

    private static final Logger log = LoggerFactory.getLogger(CallTransfers.class);

    /**
     * A transfer the policy allowed: which call, the control URL rebuilt from its checked parts, where to, and the
     * call's business (null without businesses), so the steps after the POST count it under that business.
     */
    public record Transfer(String callId, URI controlUrl, String number, Business business) {

        /** Scheme, host and port only: the path is the call's control capability and stays out of logs. */
        String origin() {
            return controlUrl.getScheme() + "://" + controlUrl.getRawAuthority();
        }
    }

    /** The POST body of live call control (vapi-server-messages.md, "Live call control"). */
    public record TransferCommand(String type, NumberDestination destination, String content) {
    }

    public record NumberDestination(String type, String number) {
    }

    /** The datasheet's success result. */
    public record TransferStarted(boolean success, String message) {
    }

    /** The answer to {@code transfer-destination-request}. */
    public record DestinationAnswer(SpokenDestination destination) {
    }

    public record SpokenDestination(String type, String number, String message) {
    }

    public record DestinationRefused(String error) {
    }

    private final TransferProperties settings;
    private final ControlUrlPolicy policy;
    private final String controlAuthorization;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final Businesses businesses;
    private final BusinessTags businessTags;

    /** Call control without authentication (VAPI_PUBLIC_KEY empty). */
    public CallTransfers(TransferProperties settings, ControlUrlPolicy policy, ObjectMapper json, MeterRegistry meters) {
        this(settings, policy, null, json, meters);
    }

    /** The one business of {@code settings} (TRANSFER_ENABLED, TRANSFER_PHONE_NUMBER). */
    public CallTransfers(TransferProperties settings, ControlUrlPolicy policy, String publicKey, ObjectMapper json,
            MeterRegistry meters) {
        this(settings, policy, publicKey, json, meters, null);
    }

    /**
     * {@code publicKey}: VAPI_PUBLIC_KEY, or null. When set, the assistant turns on
     * {@code monitorPlan.controlAuthenticationEnabled}, and Vapi then requires
     * {@code Authorization: Bearer <public key>} on the control URL (MonitorPlan in Vapi's OpenAPI).
     * {@code businesses}: each call is put through to its own business's transfer number.
     */
    public CallTransfers(TransferProperties settings, ControlUrlPolicy policy, String publicKey, ObjectMapper json,
            MeterRegistry meters, Businesses businesses) {
        this.businesses = businesses;
        this.businessTags = businesses == null ? null : new BusinessTags(businesses);
        this.settings = settings;
        this.policy = policy;
        this.controlAuthorization = publicKey == null || publicKey.isBlank() ? null : "Bearer " + publicKey.strip();
        this.json = json;
        this.meters = meters;
    }

    /**
     * transfers_total{via, outcome, reason}: every request ends in one outcome, so their sum is the
     * transfers requested. via: tool (transfer_to_agent) or destination_request (Vapi's transferCall);
     * outcome: completed (Vapi accepted it), refused (disabled, control_url, argument) or failed (rejected, unreachable).
     * With BUSINESSES_FILE also business (BusinessTags: the call's, none when not known); without it no such label.
     */
    private void count(Business business, String via, String outcome, String reason) {
        Tags tags = businessTags == null ? Tags.empty() : businessTags.of(business);
        meters.counter("transfers", tags.and("via", via, "outcome", outcome, "reason", reason)).increment();
    }

    /** The call's business: null without an exchange or without businesses (the settings' one number). */
    private Business business(Exchange exchange) {
        return businesses == null || exchange == null ? null : businesses.of(exchange);
    }

    /** The number the business puts callers through to; null when its transfers are off. No business: the settings' one number. */
    private String transferNumber(Business business) {
        if (business == null) {
            return settings.available() ? settings.phoneNumber() : null;
        }
        return business.transferNumber();
    }

    /** Why there is no number, in the words of the settings that give it. */
    private String off() {
        return businesses != null && businesses.fromFile() ? "its business has no transfer.phone-number in BUSINESSES_FILE"
                : "TRANSFER_ENABLED is off or TRANSFER_PHONE_NUMBER is empty";
    }

    /** {@link #check(ToolCall, Exchange)} for the settings' one number. */
    public Transfer check(ToolCall call) {
        return check(call, null);
    }

    /** Transfers on for the call's business, its number, and a control URL the policy accepts; otherwise a spoken refusal. */
    public Transfer check(@ExchangeProperty("toolCall") ToolCall call, Exchange exchange) {
        String callId = ControlUrlPolicy.loggable(call.call().callId());
        JsonNode reason;
        try {
            reason = call.argument("reason");
        } catch (SpeakableException unreadable) {
            log.info("Transfer to a person asked for on call {}: refused, its reason holds a control character", callId);
            count(exchange == null ? null : exchange.getProperty(Businesses.EXCHANGE_PROPERTY, Business.class), TOOL, REFUSED, "argument");
            throw unreadable;
        }
        log.info("Transfer to a person asked for on call {} (reason: {})", callId, masked(reason(reason)));
        Business business = business(exchange);
        String number = transferNumber(business);
        if (number == null) {
            log.info("Transfer not possible on call {}: {}", callId, off());
            count(business, TOOL, REFUSED, "disabled");
            throw new SpeakableException(UNAVAILABLE, SpeakableException.Kind.DECLINED);
        }
        ControlUrlPolicy.Decision decision = policy.check(call.call().controlUrl());
        if (!decision.allowed()) {
            log.warn("Transfer refused on call {}: {}", callId, decision.refusal());
            count(business, TOOL, REFUSED, "control_url");
            throw new SpeakableException(FAILED, SpeakableException.Kind.REFUSED);
        }
        return new Transfer(callId, decision.target(), number, business);
    }

    /**
     * The POST to the checked control URL, with the public key when control authentication is on; the
     * route has removed every inbound header before this, and no header of it is logged.
     */
    public void controlRequest(@Body Transfer transfer, Exchange exchange) {
        Message message = exchange.getMessage();
        message.setHeader(Exchange.HTTP_URI, transfer.controlUrl().toASCIIString());
        message.setHeader(Exchange.HTTP_METHOD, HttpMethods.POST);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        if (controlAuthorization != null) {
            message.setHeader("Authorization", controlAuthorization);
        }
        TransferCommand command = new TransferCommand("transfer",
                new NumberDestination("number", transfer.number()), settings.message());
        try {
            message.setBody(json.writeValueAsBytes(command));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("transfer command could not be written as JSON", e);
        }
    }

    /** 2xx: started. Any other status, a redirect included, is a failed transfer. */
    public TransferStarted answer(@ExchangeProperty("transfer") Transfer transfer,
            @Header(Exchange.HTTP_RESPONSE_CODE) Integer status) {
        if (status != null && status >= 200 && status < 300) {
            log.info("Transfer started on call {} through {} (HTTP {})", transfer.callId(), transfer.origin(), status);
            count(transfer.business(), TOOL, "completed", "none");
            return new TransferStarted(true, "Transfer initiated successfully");
        }
        log.warn("Transfer failed on call {}: {} answered HTTP {}", transfer.callId(), transfer.origin(), status);
        count(transfer.business(), TOOL, FAILED_OUTCOME, "rejected");
        throw new SpeakableException(FAILED, SpeakableException.Kind.UPSTREAM_ERROR);
    }

    /** Timeouts, refused or reset connections: a failed transfer, not an unexpected error. */
    public void unreachable(@ExchangeProperty("transfer") Transfer transfer,
            @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure) {
        log.warn("Transfer failed on call {}: {} could not be reached ({})", transfer.callId(), transfer.origin(),
                failure == null ? "no detail" : ControlUrlPolicy.loggable(failure.getClass().getSimpleName() + ": " + failure.getMessage()));
        count(transfer.business(), TOOL, FAILED_OUTCOME, "unreachable");
        throw new SpeakableException(FAILED, failure, SpeakableException.Kind.UPSTREAM_ERROR);
    }

    /** {@link #destination(VapiMessage, Exchange)} for the settings' one number. */
    public Object destination(VapiMessage message) {
        return destination(message, null);
    }

    /** Answers {@code transfer-destination-request}: the business's team number, or an error when its transfers are off. */
    public Object destination(@ExchangeProperty("vapiMessage") VapiMessage message, Exchange exchange) {
        String callId = ControlUrlPolicy.loggable(message.call().callId());
        Business business = business(exchange);
        String number = transferNumber(business);
        if (number == null) {
            log.info("Transfer destination asked for on call {}: transfers are not available", callId);
            count(business, DESTINATION_REQUEST, REFUSED, "disabled");
            return new DestinationRefused(NO_DESTINATION);
        }
        log.info("Transfer destination asked for on call {}: the team's number {}", callId, PiiMasking.maskPhone(number));
        count(business, DESTINATION_REQUEST, "completed", "none");
        return new DestinationAnswer(new SpokenDestination("number", number, settings.message()));
    }

    /** Optional, trimmed, one line, at most 200 characters; null when absent or not text. */
    static String reason(JsonNode value) {
        if (value == null || !value.isTextual()) {
            return null;
        }
        String oneLine = value.asText().replaceAll("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}\\s]+", " ").trim();
        if (oneLine.isEmpty()) {
            return null;
        }
        int codePoints = oneLine.codePointCount(0, oneLine.length());
        return codePoints <= MAX_REASON_CHARS ? oneLine : oneLine.substring(0, oneLine.offsetByCodePoints(0, MAX_REASON_CHARS));
    }

    private static String masked(String reason) {
        return reason == null ? "none given" : PiiMasking.mask(reason);
    }
}
