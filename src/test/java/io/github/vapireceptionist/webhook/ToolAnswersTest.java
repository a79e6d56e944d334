package io.github.vapireceptionist.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vapireceptionist.core.CallContext;
import io.github.vapireceptionist.core.ToolAnswer;
import io.github.vapireceptionist.core.ToolCall;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** What the assistant hears when the model asks for a function this line does not have. */
class ToolAnswersTest {

    /**
     * How the unknown-function answer names each function. A function routed without a line here fails
     * the test below: add it, and name it in {@link ToolAnswers#WHAT_THIS_LINE_CAN_DO}.
     */
    private static final Map<String, String> SPOKEN = Map.of(
            "check_availability", "check free times",
            "book_appointment", "book an appointment",
            "find_appointment", "find",
            "cancel_appointment", "cancel",
            "reschedule_appointment", "move",
            "transfer_to_agent", "put you through to a member of the team",
            "list_services", "tell you what we offer");

    @Test
    void theUnknownFunctionAnswerNamesEveryFunctionThisLineCanDo() throws IOException {
        ToolAnswer answer = new ToolAnswers(new SimpleMeterRegistry()).unknownFunction(
                new ToolCall("tc-1", "delete_everything", null, true, CallContext.UNKNOWN),
                new DefaultExchange(new DefaultCamelContext()));

        assertThat(SPOKEN.keySet()).as("routes/tool-call.camel.yaml").containsExactlyInAnyOrderElementsOf(routedFunctions());
        assertThat(SPOKEN.keySet()).as("vapi/assistant.json").containsExactlyInAnyOrderElementsOf(declaredFunctions());
        assertThat(answer.error()).startsWith("I can't do that here.");
        SPOKEN.forEach((function, words) -> assertThat(answer.error())
                .as("%s is named", function)
                .containsPattern("\\b" + Pattern.quote(words) + "\\b"));
    }

    private static Set<String> routedFunctions() throws IOException {
        Matcher routed = Pattern.compile("\\$\\{body\\.name} == '([A-Za-z0-9_-]+)'")
                .matcher(Files.readString(Path.of("routes/tool-call.camel.yaml")));
        Set<String> names = new TreeSet<>();
        while (routed.find()) {
            names.add(routed.group(1));
        }
        return names;
    }

    private static Set<String> declaredFunctions() throws IOException {
        Set<String> names = new TreeSet<>();
        for (JsonNode tool : new ObjectMapper().readTree(Path.of("vapi/assistant.json").toFile()).path("model").path("tools")) {
            names.add(tool.path("function").path("name").asText());
        }
        return names;
    }
}
