package io.github.vapireceptionist.assistant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * vapi/assistant.json with its {@code ${NAME}} placeholders filled in: the body the sync sends to Vapi.
 * Vapi's own {@code {{...}}} template variables are left for Vapi to fill on each call.
 */
public final class AssistantDefinition {

    /** The placeholders the sync fills, by the environment variable their value comes from. */
    public static final Set<String> PLACEHOLDERS = Set.of("BACKEND_URL", "WEBHOOK_CREDENTIAL_ID", "APP_NAME", "EASYAPPOINTMENTS_TIMEZONE");
    /** Vapi refuses longer assistant names (CreateAssistantDTO.name maxLength). */
    static final int MAX_NAME_LENGTH = 40;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

    private AssistantDefinition() {
    }

    /** Every placeholder the template uses, supported or not. */
    public static Set<String> placeholders(JsonNode template) {
        Set<String> names = new TreeSet<>();
        collect(template, names);
        return names;
    }

    /** A filled copy of the template; the template itself is not changed. */
    public static ObjectNode fill(ObjectNode template, Map<String, String> values) {
        Set<String> unknown = new TreeSet<>(placeholders(template));
        unknown.removeAll(values.keySet());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("the assistant definition uses " + unknown.stream().map(n -> "${" + n + "}").toList()
                    + ", which the sync does not fill (it fills " + new TreeSet<>(values.keySet()) + ")"
                    + (unknown.contains("WEBHOOK_SECRET") ? ". The secret no longer goes inside the assistant: replace each"
                            + " server's \"headers\" with \"credentialId\": \"${WEBHOOK_CREDENTIAL_ID}\" (see vapi/assistant.json)" : ""));
        }
        ObjectNode filled = (ObjectNode) replace(template.deepCopy(), values);
        String name = filled.path("name").asText("");
        if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
            filled.put("name", name.substring(0, name.offsetByCodePoints(0, MAX_NAME_LENGTH)).strip());
        }
        return filled;
    }

    private static void collect(JsonNode node, Set<String> names) {
        if (node.isTextual()) {
            Matcher matcher = PLACEHOLDER.matcher(node.asText());
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        node.forEach(child -> collect(child, names));
    }

    private static JsonNode replace(JsonNode node, Map<String, String> values) {
        if (node.isTextual()) {
            Matcher matcher = PLACEHOLDER.matcher(node.asText());
            return TextNode.valueOf(matcher.replaceAll(match -> Matcher.quoteReplacement(values.get(match.group(1)))));
        }
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                field.setValue(replace(field.getValue(), values));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, replace(array.get(i), values));
            }
        }
        return node;
    }
}
