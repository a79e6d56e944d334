package io.github.vapireceptionist.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every argument a function reads passes through ToolCall: a control character anywhere in one refuses the call. */
class ToolCallTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every Cc: C0 (NUL to unit separator, tab and line breaks among them), DEL and C1. */
    @ParameterizedTest(name = "U+{0}")
    @ValueSource(ints = {0x00, 0x01, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B, 0x1F, 0x7F, 0x80, 0x85, 0x9F})
    void aControlCharacterAnywhereInAnArgumentIsRefused(int codePoint) {
        String control = Character.toString(codePoint);
        for (String date : new String[] {"2026-12-18" + control, control + "2026-12-18", "2026-12" + control + "-18"}) {
            ToolCall call = call(JSON.createObjectNode().put("date", date).put("time", "10:00"));

            assertThatThrownBy(call::requireArguments).isInstanceOf(SpeakableException.class)
                    .hasMessage("I couldn't read the date: it came through with a character I can't use. Could you say it again?");
            assertThatThrownBy(() -> call.argument("date")).isInstanceOf(SpeakableException.class);
            assertThat(call.argument("time").asText()).isEqualTo("10:00");
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "first_name, first name",
        "email, email address",
        "phone, phone number",
        "appointment_ref, booking reference",
        "confirm, confirmation",
        "reason, reason",
        "some_new_field, some new field",
        "'$where', details"})
    void theRefusalNamesTheField(String field, String spoken) {
        ToolCall call = call(JSON.createObjectNode().put(field, "a\u0000"));

        assertThatThrownBy(call::requireArguments).hasMessageStartingWith("I couldn't read the " + spoken + ": ");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"[\"Zoe\\u0000\"]", "{\"first\":\"Zo\\te\"}", "[[\"\\r\"]]"})
    void aControlCharacterInsideAnArrayOrObjectIsRefusedToo(String value) throws Exception {
        ObjectNode arguments = JSON.createObjectNode();
        arguments.set("first_name", JSON.readTree(value));

        assertThatThrownBy(() -> call(arguments).requireArguments()).isInstanceOf(SpeakableException.class);
    }

    /** Format characters (zero-width space, bidi overrides) are left to each field's own rule: names refuse them. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Zoë", "José  María", "O'Brien-Smith", "李", "Zo\u200Be", "\u202EZoe", "  14:30 ", "🙂"})
    void textsWithoutAControlCharacterAreReadAsTheyAre(String text) {
        ToolCall call = call(JSON.createObjectNode().put("first_name", text).put("confirm", true).put("appointment_ref", 41));

        assertThat(call.requireArguments().get("first_name").asText()).isEqualTo(text);
        assertThat(call.argument("first_name").asText()).isEqualTo(text);
        assertThat(call.argument("missing")).isNull();
    }

    private static ToolCall call(ObjectNode arguments) {
        return new ToolCall("tc-1", "book_appointment", arguments, true, CallContext.UNKNOWN);
    }
}
