package io.github.vapireceptionist.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * One function the model wants run, whatever shape it arrived in. {@code arguments} is always a
 * JSON object; when Vapi sent something that is not one, {@code argumentsReadable} is false and
 * the function answers with a speakable error instead of guessing.
 *
 * <p>Every argument a function reads comes through {@link #requireArguments} or {@link #argument}, and
 * both refuse a text holding a control character (Unicode Cc: NUL, line breaks, tabs, DEL, C1). The
 * validators' {@code trim()} would silently drop such a character ({@code "2026-12-18\u0000"} became
 * 2026-12-18): no tool argument legitimately holds one, so it means the arguments were mangled and
 * nothing is done with them.
 */
public record ToolCall(String id, String name, ObjectNode arguments, boolean argumentsReadable, CallContext call) {

    /** How an argument is named when it is refused; any other is named by its key, underscores read as spaces. */
    private static final Map<String, String> SPOKEN_FIELDS = Map.of(
            "email", "email address",
            "phone", "phone number",
            "appointment_ref", "booking reference",
            "confirm", "confirmation");

    public ToolCall {
        arguments = arguments == null ? JsonNodeFactory.instance.objectNode() : arguments;
        call = call == null ? CallContext.UNKNOWN : call;
    }

    /** The arguments, or a speakable error when they could not be read or one holds a control character. */
    public ObjectNode requireArguments() {
        if (!argumentsReadable) {
            throw new SpeakableException("I couldn't read the details of that request. Could you say them again?");
        }
        arguments.properties().forEach(field -> refuseControlCharacters(field.getKey(), field.getValue()));
        return arguments;
    }

    /**
     * One argument; null when absent or JSON null. Wrong types are the caller's problem to name; a
     * text holding a control character is a speakable error.
     */
    public JsonNode argument(String field) {
        JsonNode value = arguments.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        refuseControlCharacters(field, value);
        return value;
    }

    private static void refuseControlCharacters(String field, JsonNode value) {
        if (holdsControlCharacter(value)) {
            throw new SpeakableException("I couldn't read the " + spoken(field)
                    + ": it came through with a character I can't use. Could you say it again?");
        }
    }

    /** A text with a Cc character, or an array or object holding one anywhere inside. */
    static boolean holdsControlCharacter(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue().chars().anyMatch(Character::isISOControl);
        }
        for (JsonNode element : value) {
            if (holdsControlCharacter(element)) {
                return true;
            }
        }
        return false;
    }

    private static String spoken(String field) {
        String known = SPOKEN_FIELDS.get(field);
        if (known != null) {
            return known;
        }
        String words = field.replace('_', ' ').trim();
        return words.matches("[A-Za-z][A-Za-z ]{0,39}") ? words : "details";
    }
}
