package io.github.vapireceptionist.assistant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.vapireceptionist.calendar.ServiceRecord;
import io.github.vapireceptionist.catalog.Catalog;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

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

    /**
     * Every server of the assistant and its tools that calls {@code webhookUrl} calls {@code businessUrl} instead:
     * a business's assistant names its business in the path ({@code /api/webhooks/vapi/{id}}).
     */
    public static ObjectNode callingBusinessPath(ObjectNode assistant, String webhookUrl, String businessUrl) {
        retarget(assistant, webhookUrl, businessUrl);
        return assistant;
    }

    private static void retarget(JsonNode node, String from, String to) {
        if (node instanceof ObjectNode object && object.path("url").isTextual() && object.path("url").asText().equals(from)) {
            object.put("url", to);
        }
        node.forEach(child -> retarget(child, from, to));
    }

    /** The tools taking a service or a person: their names become the {@code enum} of those arguments. */
    static final Set<String> NAMING_TOOLS = Set.of("check_availability", "book_appointment", "reschedule_appointment");

    /**
     * The line's service names and people's names as the enums of the {@code service} and {@code provider}
     * arguments (plus "anyone"), so the model knows them; a tool without those arguments is left as it is.
     */
    public static ObjectNode withNames(ObjectNode assistant, Catalog catalog) {
        List<String> services = catalog.services().stream().map(ServiceRecord::name).filter(n -> n != null && !n.isBlank()).toList();
        List<String> people = Stream.concat(Stream.of("anyone"), catalog.providers().stream().map(Catalog::fullName)).toList();
        for (JsonNode tool : assistant.path("model").path("tools")) {
            JsonNode properties = tool.path("function").path("parameters").path("properties");
            if (!NAMING_TOOLS.contains(tool.path("function").path("name").asText())) {
                continue;
            }
            if (properties.get("service") instanceof ObjectNode service && !services.isEmpty()) {
                service.set("enum", strings(services));
            }
            if (properties.get("provider") instanceof ObjectNode provider && people.size() > 1) {
                provider.set("enum", strings(people));
            }
        }
        return assistant;
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        values.forEach(array::add);
        return array;
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
