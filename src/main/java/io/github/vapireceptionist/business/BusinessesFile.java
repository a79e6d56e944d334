package io.github.vapireceptionist.business;

import io.github.vapireceptionist.business.Business.Calendar;
import io.github.vapireceptionist.business.Business.Confirmations;
import io.github.vapireceptionist.business.Business.Credential;
import io.github.vapireceptionist.business.Business.Vapi;
import io.github.vapireceptionist.business.Business.Webhook;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads BUSINESSES_FILE: every business with its settings, checked strictly before anything runs. Every problem is
 * reported at once, each with its line: an unknown or repeated key, a missing value, an id that is not
 * {@code [a-z0-9-]+} or names two businesses, a Vapi id claimed twice, and a credential written inline or naming an
 * environment variable that is not set. Credentials (webhook secrets, the calendar's token and password, Twilio's
 * token) are only ever {@code ${VARIABLE}}, read from the environment; any other value may be one too.
 *
 * <p>The YAML is composed into SnakeYAML's nodes (which keep their lines), never constructed into objects, so no
 * tag in the file can make anything but strings, lists and maps.
 */
public final class BusinessesFile {

    /** A business's id, as it appears in URLs and logs. */
    public static final Pattern ID = Pattern.compile("[a-z0-9-]+");
    private static final int MAX_ID_LENGTH = 63;
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");
    private static final Pattern REGION = Pattern.compile("[A-Z]{2}");
    private static final Pattern LINE = Pattern.compile("line (\\d+)");
    private static final Set<String> CHANNELS = Set.of("sms", "whatsapp", "email");

    private final String file;
    private final Function<String, String> environment;
    private final List<String> problems = new ArrayList<>();

    private BusinessesFile(String file, Function<String, String> environment) {
        this.file = file;
        this.environment = environment;
    }

    /** The businesses of {@code file}, credentials read through {@code environment} (a variable's value, or null). */
    public static List<Business> read(Path file, Function<String, String> environment) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidBusinessesFileException(file.toString(), List.of("cannot be read: " + e.getMessage()));
        }
        return parse(file.toString(), new StringReader(text), environment);
    }

    static List<Business> parse(String file, Reader yaml, Function<String, String> environment) {
        BusinessesFile reader = new BusinessesFile(file, environment);
        List<Business> businesses = reader.businesses(yaml);
        if (!reader.problems.isEmpty()) {
            reader.problems.sort(java.util.Comparator.comparingInt(BusinessesFile::lineOf));
            throw new InvalidBusinessesFileException(file, reader.problems);
        }
        return businesses;
    }

    private List<Business> businesses(Reader yaml) {
        Node root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(yaml);
        } catch (MarkedYAMLException e) {
            problems.add("line " + (e.getProblemMark().getLine() + 1) + ": not valid YAML (" + e.getProblem() + ")");
            return List.of();
        } catch (YAMLException e) {
            problems.add("not valid YAML (" + e.getMessage() + ")");
            return List.of();
        }
        if (!(root instanceof MappingNode mapping)) {
            problems.add("line 1: the file holds one key, businesses: a list of businesses");
            return List.of();
        }
        Section top = new Section(mapping, "", Set.of("businesses"));
        Node list = top.node("businesses");
        if (!(list instanceof SequenceNode sequence) || sequence.getValue().isEmpty()) {
            problems.add(line(list == null ? root : list) + ": businesses must list at least one business");
            return List.of();
        }
        List<Business> businesses = new ArrayList<>();
        List<Node> idNodes = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            if (!(item instanceof MappingNode entry)) {
                problems.add(line(item) + ": each business is a set of keys (id, name, timezone, ...)");
                continue;
            }
            Section section = new Section(entry, "", Set.of("id", "name", "timezone", "default-phone-region", "phone", "vapi",
                    "webhook", "easyappointments", "services", "providers", "twilio", "email", "transfer"));
            businesses.add(business(section));
            idNodes.add(section.node("id"));
        }
        noIdTwice(businesses, idNodes);
        noVapiIdClaimedTwice(sequence);
        return businesses;
    }

    private Business business(Section business) {
        String id = business.text("id", true);
        if (id != null && (!ID.matcher(id).matches() || id.length() > MAX_ID_LENGTH)) {
            problems.add(business.line("id") + ": id \"" + id + "\" must be lower-case letters, digits and dashes"
                    + " ([a-z0-9-]+, at most " + MAX_ID_LENGTH + "), as it is used in URLs and logs");
        } else if (Businesses.DEFAULT_ID.equals(id)) {
            problems.add(business.line("id") + ": id \"" + id + "\" is the name of the environment variables' one business"
                    + " (its shared-store keys, breaker and sandbox): give this business a name of its own");
        }
        String name = business.text("name", true);
        ZoneId timezone = zone(business);
        String region = business.text("default-phone-region", false);
        if (region != null && !REGION.matcher(region).matches()) {
            problems.add(business.line("default-phone-region") + ": default-phone-region \"" + region
                    + "\" must be a two-letter ISO 3166 region in capitals, like GB");
        }
        Section vapi = business.section("vapi", Set.of("phone-number-ids", "assistant-ids", "assistant-id"));
        Section webhook = business.section("webhook", Set.of("secret", "hmac-secret"));
        Section transfer = business.section("transfer", Set.of("phone-number"));
        Section email = business.section("email", Set.of("from"));
        String transferNumber = transfer.text("phone-number", false);
        if (transferNumber != null && !E164.matcher(transferNumber).matches()) {
            problems.add(transfer.line("phone-number") + ": transfer.phone-number \"" + transferNumber
                    + "\" must be an E.164 number such as +441234567890");
        }
        return new Business(id, name, timezone, region == null ? "GB" : region, business.text("phone", false),
                new Vapi(vapi.texts("phone-number-ids"), vapi.texts("assistant-ids"), vapi.text("assistant-id", false)),
                webhook(webhook), calendar(business), confirmations(business.section("twilio",
                        Set.of("account-sid", "auth-token", "sms-from", "whatsapp-from", "channels")), email),
                transferNumber);
    }

    private ZoneId zone(Section business) {
        String timezone = business.text("timezone", true);
        if (timezone == null) {
            return null;
        }
        try {
            return ZoneId.of(timezone);
        } catch (DateTimeException e) {
            problems.add(business.line("timezone") + ": timezone \"" + timezone + "\" is not a time zone (like Europe/London)");
            return null;
        }
    }

    private Webhook webhook(Section webhook) {
        Credential secret = webhook.credential("secret");
        Credential hmacSecret = webhook.credential("hmac-secret");
        if (secret == null && hmacSecret == null && !webhook.hasProblem("secret") && !webhook.hasProblem("hmac-secret")) {
            problems.add(webhook.line(null) + ": webhook needs secret or hmac-secret (or both), each as ${VARIABLE}:"
                    + " without one no request could be authenticated");
        }
        return new Webhook(secret, hmacSecret);
    }

    private Calendar calendar(Section business) {
        Section calendar = business.section("easyappointments", Set.of("base-url", "api-token", "api-username", "api-password"));
        Section services = business.section("services", Set.of("default", "only"));
        Section providers = business.section("providers", Set.of("default", "only"));
        String baseUrl = calendar.text("base-url", false);
        Credential token = calendar.credential("api-token");
        String username = calendar.text("api-username", false);
        Credential password = calendar.credential("api-password");
        if (baseUrl != null) {
            if (!baseUrl.startsWith("https://") && !baseUrl.startsWith("http://") || !validUri(baseUrl)) {
                problems.add(calendar.line("base-url") + ": base-url \"" + baseUrl + "\" must be an http(s) URL");
            }
            if (token == null && (username == null || password == null) && !calendar.hasProblem("api-token")
                    && !calendar.hasProblem("api-password")) {
                problems.add(calendar.line("base-url") + ": a calendar at base-url needs api-token (or api-username and"
                        + " api-password), as ${VARIABLE}");
            }
        }
        return new Calendar(baseUrl, token, username == null ? "sandbox" : username, password,
                services.positive("default", 1), providers.positive("default", 2), services.ids("only"), providers.ids("only"));
    }

    private static boolean validUri(String url) {
        try {
            return URI.create(url).getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private Confirmations confirmations(Section twilio, Section email) {
        List<String> channels = twilio.texts("channels");
        for (String channel : channels) {
            if (!CHANNELS.contains(channel)) {
                problems.add(twilio.line("channels") + ": channel \"" + channel + "\" is none of sms, whatsapp, email");
            }
        }
        return new Confirmations(twilio.text("account-sid", false), twilio.credential("auth-token"),
                twilio.text("sms-from", false), twilio.text("whatsapp-from", false),
                channels.isEmpty() ? List.of("sms") : channels, email.text("from", false));
    }

    private void noIdTwice(List<Business> businesses, List<Node> idNodes) {
        Map<String, Node> seen = new LinkedHashMap<>();
        for (int i = 0; i < businesses.size(); i++) {
            String id = businesses.get(i).id();
            if (id == null) {
                continue;
            }
            Node first = seen.putIfAbsent(id, idNodes.get(i));
            if (first != null) {
                problems.add(line(idNodes.get(i)) + ": id \"" + id + "\" is already the id of the business at " + line(first));
            }
        }
    }

    /** A phone number id or assistant id selects one business only: the second claim is refused, naming the first. */
    private void noVapiIdClaimedTwice(SequenceNode businesses) {
        Map<String, Node> phoneNumbers = new LinkedHashMap<>();
        Map<String, Node> assistants = new LinkedHashMap<>();
        for (Node item : businesses.getValue()) {
            if (item instanceof MappingNode business && value(business, "vapi") instanceof MappingNode vapi) {
                claims(value(vapi, "phone-number-ids"), "phone number id", phoneNumbers);
                claims(value(vapi, "assistant-ids"), "assistant id", assistants);
            }
        }
    }

    private void claims(Node ids, String kind, Map<String, Node> claimed) {
        if (!(ids instanceof SequenceNode sequence)) {
            return;
        }
        for (Node id : sequence.getValue()) {
            if (id instanceof ScalarNode scalar && !scalar.getValue().isBlank()) {
                Node first = claimed.putIfAbsent(scalar.getValue().strip(), id);
                if (first != null) {
                    problems.add(line(id) + ": " + kind + " \"" + scalar.getValue().strip() + "\" is already claimed at "
                            + line(first) + ": a Vapi id selects one business only");
                }
            }
        }
    }

    private static Node value(MappingNode mapping, String key) {
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode name && name.getValue().equals(key)) {
                return tuple.getValueNode();
            }
        }
        return null;
    }

    /** The line a problem names, to list them in the file's order. */
    private static int lineOf(String problem) {
        Matcher line = LINE.matcher(problem);
        return line.lookingAt() ? Integer.parseInt(line.group(1)) : 0;
    }

    private static String line(Node node) {
        return "line " + (node.getStartMark().getLine() + 1);
    }

    private static boolean absent(Node node) {
        return node == null || node.getTag().equals(Tag.NULL)
                || node instanceof ScalarNode scalar && scalar.getValue().isBlank();
    }

    /**
     * One mapping of the file: its keys checked against the ones it may have (an unknown or repeated key is a
     * problem), its values read with their lines. A section that is not in the file reads as empty.
     */
    private final class Section {

        private final Node at;
        private final String path;
        private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
        private final Set<String> troubled = new java.util.HashSet<>();

        Section(MappingNode node, String path, Set<String> known) {
            this(node, node, path, known);
        }

        /** {@code at}: where the section is, or, when the file has none, the business it would be in. */
        Section(MappingNode node, Node at, String path, Set<String> known) {
            this.at = at;
            this.path = path;
            if (node == null) {
                return;
            }
            for (NodeTuple tuple : node.getValue()) {
                String key = tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : null;
                if (key == null || !known.contains(key)) {
                    problems.add(BusinessesFile.line(tuple.getKeyNode()) + ": unknown key " + (key == null ? "(not a name)" : "\"" + path + key + "\"")
                            + " (known here: " + String.join(", ", new java.util.TreeSet<>(known)) + ")");
                } else if (entries.putIfAbsent(key, tuple) != null) {
                    problems.add(BusinessesFile.line(tuple.getKeyNode()) + ": key \"" + path + key + "\" is given twice (first at "
                            + BusinessesFile.line(entries.get(key).getKeyNode()) + ")");
                }
            }
        }

        Node node(String key) {
            NodeTuple tuple = entries.get(key);
            return tuple == null ? null : tuple.getValueNode();
        }

        /** The line of a key, or of the section itself for null. */
        String line(String key) {
            NodeTuple tuple = key == null ? null : entries.get(key);
            return BusinessesFile.line(tuple != null ? tuple.getKeyNode() : at);
        }

        boolean hasProblem(String key) {
            return troubled.contains(key);
        }

        Section section(String key, Set<String> known) {
            Node value = node(key);
            if (absent(value)) {
                return new Section(null, at, path + key + ".", known);
            }
            if (!(value instanceof MappingNode mapping)) {
                problems.add(line(key) + ": " + path + key + " must be a set of keys (" + String.join(", ", known) + ")");
                return new Section(null, at, path + key + ".", known);
            }
            return new Section(mapping, path + key + ".", known);
        }

        /** A plain value; a {@code ${VARIABLE}} is read from the environment. */
        String text(String key, boolean required) {
            Node value = node(key);
            if (absent(value)) {
                if (required) {
                    problem(key, BusinessesFile.line(at) + ": " + path + key + " is missing");
                }
                return null;
            }
            if (!(value instanceof ScalarNode scalar)) {
                problem(key, line(key) + ": " + path + key + " must be a single value");
                return null;
            }
            String text = scalar.getValue().strip();
            Matcher reference = REFERENCE.matcher(text);
            if (reference.matches()) {
                return resolve(key, reference.group(1));
            }
            if (text.contains("${")) {
                problem(key, line(key) + ": " + path + key + " may be a ${VARIABLE} reference only as its whole value");
                return null;
            }
            return text;
        }

        /** A secret: only ever {@code ${VARIABLE}}, and that variable set. */
        Credential credential(String key) {
            Node value = node(key);
            if (absent(value)) {
                return null;
            }
            Matcher reference = value instanceof ScalarNode scalar ? REFERENCE.matcher(scalar.getValue().strip()) : null;
            if (reference == null || !reference.matches()) {
                problem(key, line(key) + ": " + path + key + " must name an environment variable, like ${"
                        + example(key) + "}, never hold the secret itself");
                return null;
            }
            String resolved = resolve(key, reference.group(1));
            return resolved == null ? null : new Credential(reference.group(1), resolved);
        }

        private String example(String key) {
            return (path + key).replaceAll("[^A-Za-z0-9]+", "_").toUpperCase(java.util.Locale.ROOT);
        }

        private String resolve(String key, String variable) {
            String resolved = environment.apply(variable);
            if (resolved == null || resolved.isBlank()) {
                problem(key, line(key) + ": " + path + key + " names ${" + variable + "}, which is not set in the environment");
                return null;
            }
            return resolved;
        }

        List<String> texts(String key) {
            Node value = node(key);
            if (absent(value)) {
                return List.of();
            }
            if (!(value instanceof SequenceNode sequence)) {
                problem(key, line(key) + ": " + path + key + " must be a list, like [a, b]");
                return List.of();
            }
            List<String> texts = new ArrayList<>();
            for (Node item : sequence.getValue()) {
                if (item instanceof ScalarNode scalar && !scalar.getValue().isBlank() && !scalar.getValue().contains("${")) {
                    texts.add(scalar.getValue().strip());
                } else {
                    problem(key, BusinessesFile.line(item) + ": each of " + path + key + " must be a plain, non-empty value");
                }
            }
            return texts;
        }

        List<Integer> ids(String key) {
            List<Integer> ids = new ArrayList<>();
            for (String text : texts(key)) {
                Integer id = positive(key, text);
                if (id != null) {
                    ids.add(id);
                }
            }
            return ids;
        }

        int positive(String key, int fallback) {
            String text = text(key, false);
            Integer value = text == null ? null : positive(key, text);
            return value == null ? fallback : value;
        }

        private Integer positive(String key, String text) {
            try {
                int value = Integer.parseInt(text);
                if (value > 0) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            problem(key, line(key) + ": " + path + key + " must be a calendar id (a whole number above 0), not \"" + text + "\"");
            return null;
        }

        private void problem(String key, String problem) {
            troubled.add(key);
            problems.add(problem);
        }
    }
}
