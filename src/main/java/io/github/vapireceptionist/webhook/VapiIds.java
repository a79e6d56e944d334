package io.github.vapireceptionist.webhook;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Vapi identifiers a message names, which say which business it is for, in the order they decide:
 * {@code phoneNumber.id}, {@code call.phoneNumberId}, {@code assistant.id}, {@code call.assistantId}, read inside
 * {@code message} (or at the top of the datasheet's unwrapped shape). Read before the request is authenticated, so
 * the body is streamed with the webhook's JSON limits and nothing else in it becomes an object; a body that is not
 * a readable JSON object names nothing (and is refused as unauthenticated, as an unknown business is).
 */
record VapiIds(List<String> phoneNumberIds, List<String> assistantIds) {

    static final VapiIds NONE = new VapiIds(List.of(), List.of());

    /** Never throws: an unreadable body names nothing. */
    static VapiIds read(JsonFactory json, byte[] body) {
        if (body == null || body.length == 0) {
            return NONE;
        }
        try (JsonParser parser = json.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return NONE;
            }
            Found top = new Found();
            Found message = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("message".equals(name) && value == JsonToken.START_OBJECT) {
                    message = new Found();
                    readEnvelope(parser, message);
                } else {
                    read(parser, name, value, top);
                }
            }
            return (message != null ? message : top).ids();
        } catch (IOException | RuntimeException e) {
            return NONE;
        }
    }

    /** The fields of one message object, the parser just past its START_OBJECT. */
    private static void readEnvelope(JsonParser parser, Found found) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            read(parser, name, parser.nextToken(), found);
        }
    }

    private static void read(JsonParser parser, String name, JsonToken value, Found found) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return;
        }
        switch (name) {
            case "phoneNumber" -> fields(parser, "id", null, found.phoneNumberId, null);
            case "assistant" -> fields(parser, "id", null, found.assistantId, null);
            case "call" -> fields(parser, "phoneNumberId", "assistantId", found.callPhoneNumberId, found.callAssistantId);
            default -> parser.skipChildren();
        }
    }

    /** Strings of one object's own fields (never of a nested object), the parser just past its START_OBJECT. */
    private static void fields(JsonParser parser, String first, String second, StringBuilder firstValue, StringBuilder secondValue)
            throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (value == JsonToken.VALUE_STRING && name.equals(first)) {
                firstValue.setLength(0);
                firstValue.append(parser.getText());
            } else if (value == JsonToken.VALUE_STRING && name.equals(second)) {
                secondValue.setLength(0);
                secondValue.append(parser.getText());
            } else {
                parser.skipChildren();
            }
        }
    }

    private static final class Found {

        final StringBuilder phoneNumberId = new StringBuilder();
        final StringBuilder callPhoneNumberId = new StringBuilder();
        final StringBuilder assistantId = new StringBuilder();
        final StringBuilder callAssistantId = new StringBuilder();

        VapiIds ids() {
            return new VapiIds(present(phoneNumberId, callPhoneNumberId), present(assistantId, callAssistantId));
        }

        private static List<String> present(StringBuilder... values) {
            List<String> present = new ArrayList<>(2);
            for (StringBuilder value : values) {
                String id = value.toString().strip();
                if (!id.isEmpty()) {
                    present.add(id);
                }
            }
            return present;
        }
    }
}
