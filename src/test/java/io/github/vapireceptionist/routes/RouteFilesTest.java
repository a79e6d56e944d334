package io.github.vapireceptionist.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The conventions of STYLE.md that a reader relies on, checked on every file in routes/:
 * route id = file name = direct: name, an explicit error handling choice, and an id on every
 * call that leaves the process (so tests can weave it and metrics can name it). A file of route
 * templates (calendar.camel.yaml) is checked route by route: each templatedRoute is expanded with its
 * parameters, as Camel does, and the expanded route must hold to the same rules.
 */
class RouteFilesTest {

    static Stream<Path> routeFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            List<Path> list = files.filter(f -> f.toString().endsWith(".camel.yaml")).sorted().toList();
            assertThat(list).as("route files in routes/").isNotEmpty();
            return list.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routeFiles")
    void eachFlowFileHoldsOneRouteNamedForIt(Path file) throws IOException {
        if (isTemplateFile(file)) {
            eachTemplatedRouteIsNamedForItsDirectEndpoint(file);
            return;
        }
        List<Map<String, Object>> routes = routes(file);
        if (routes.isEmpty()) {
            assertThat(file.getFileName()).hasToString("error-handling.camel.yaml");
            return;
        }
        String name = file.getFileName().toString().replace(".camel.yaml", "");
        assertThat(routes).as("one route per flow file").hasSize(1);
        Map<String, Object> route = routes.get(0);
        assertThat(route.get("id")).as("route id of %s", file).isEqualTo(name);
        assertThat(route.get("routeConfigurationId")).as("error handling of %s", file).isNotNull();
        String from = (String) ((Map<?, ?>) route.get("from")).get("uri");
        if (from.startsWith("direct:")) {
            assertThat(from).isEqualTo("direct:" + name);
        }
    }

    /**
     * A template file holds route templates and the routes made from them, nothing else. Each templatedRoute
     * names a template of the file, gives every parameter the template has no default for, and its routeId is
     * the direct: name its expanded route reads from, prefixed with the file's name (calendar-availabilities).
     */
    private static void eachTemplatedRouteIsNamedForItsDirectEndpoint(Path file) throws IOException {
        String name = file.getFileName().toString().replace(".camel.yaml", "");
        Map<String, Map<String, Object>> templates = templates(file);
        List<Map<String, Object>> instances = templatedRoutes(file);
        assertThat(templates).as("route templates in %s", file).isNotEmpty();
        assertThat(instances).as("templated routes in %s", file).isNotEmpty();
        assertThat(routes(file)).as("plain routes beside the templates of %s", file).isEmpty();
        for (Map<String, Object> instance : instances) {
            Object routeId = instance.get("routeId");
            assertThat(routeId).as("routeId of a templatedRoute in %s", file).isNotNull();
            Map<String, Object> template = templates.get(String.valueOf(instance.get("routeTemplateRef")));
            assertThat(template).as("template %s of %s", instance.get("routeTemplateRef"), routeId).isNotNull();
            Map<String, String> given = parameters(instance);
            for (Map<?, ?> parameter : list(template.get("parameters"))) {
                if (!parameter.containsKey("defaultValue")) {
                    assertThat(given).as("parameters of %s", routeId).containsKey(String.valueOf(parameter.get("name")));
                }
            }
            Map<String, Object> route = expand(template, given);
            assertThat(route.get("routeConfigurationId")).as("error handling of %s", routeId).isNotNull();
            assertThat(((Map<?, ?>) route.get("from")).get("uri")).as("direct: name of %s", routeId)
                    .isEqualTo("direct:" + routeId);
            assertThat(String.valueOf(routeId)).as("route id in %s", file).startsWith(name + "-");
        }
    }

    @Test
    void theCalendarTemplateSaysTheMethodAndPathOfEachCall() throws IOException {
        Path file = Path.of("routes", "calendar.camel.yaml");
        List<String> nodeIds = new ArrayList<>();
        for (Map<String, Object> instance : templatedRoutes(file)) {
            Map<String, String> given = parameters(instance);
            assertThat(given.get("call")).as("call of %s", instance.get("routeId"))
                    .matches("(GET|POST|PUT|DELETE) (/[a-z]+)+(/\\{id})?");
            assertThat(instance.get("routeId")).isEqualTo("calendar-" + given.get("operation"));
            nodeIds.add(given.get("nodeId"));
        }
        assertThat(nodeIds).as("node ids of the calendar calls").doesNotHaveDuplicates().allMatch(id -> id.startsWith("ea-"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routeFiles")
    void everyCallThatLeavesTheProcessHasANodeId(Path file) throws IOException {
        List<Map<?, ?>> outbound = new ArrayList<>();
        collectOutboundCalls(expanded(file), outbound);
        for (Map<?, ?> call : outbound) {
            assertThat(call.get("id")).as("node id of %s in %s", call.get("uri"), file).isNotNull();
            assertThat(String.valueOf(call.get("id"))).as("node id of %s in %s", call.get("uri"), file)
                    .isNotBlank().doesNotContain("{{");
        }
    }

    /**
     * One circuit breaker per dependency (STYLE.md): a call that leaves the process sits inside a
     * {@code circuitBreaker} step naming its dependency's breaker (or a {@code policy} step naming the policy that
     * picks it per business), unless it is listed here with the reason.
     */
    private static final Map<String, String> UNGUARDED = Map.of(
            "ea-delete-appointment", "withdrawing a booking is always attempted, even while the breaker is open",
            "smtp-send-email", "off the caller's path, with its own bounded retries");

    @ParameterizedTest(name = "{0}")
    @MethodSource("routeFiles")
    void everyCallThatLeavesTheProcessIsBehindItsDependencysCircuitBreaker(Path file) throws IOException {
        List<Map<?, ?>> unguarded = new ArrayList<>();
        collectUnguardedCalls(expanded(file), false, unguarded);
        for (Map<?, ?> call : unguarded) {
            assertThat(UNGUARDED).as("%s in %s is outside a circuitBreaker step", call.get("id"), file)
                    .containsKey(String.valueOf(call.get("id")));
        }
    }

    private static void collectUnguardedCalls(Object node, boolean guarded, List<Map<?, ?>> unguarded) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (("to".equals(entry.getKey()) || "wireTap".equals(entry.getKey())) && !guarded
                        && entry.getValue() instanceof Map<?, ?> to && leavesTheProcess(String.valueOf(to.get("uri")))) {
                    unguarded.add(to);
                }
                boolean breaker = "circuitBreaker".equals(entry.getKey()) && entry.getValue() instanceof Map<?, ?> cb
                        && String.valueOf(cb.get("configuration")).endsWith("Breaker")
                        // a breaker chosen per business (the calendar's: CalendarBreaker) is a policy step
                        || "policy".equals(entry.getKey()) && entry.getValue() instanceof Map<?, ?> policy
                        && String.valueOf(policy.get("ref")).endsWith("Breaker");
                collectUnguardedCalls(entry.getValue(), guarded || breaker, unguarded);
            }
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collectUnguardedCalls(item, guarded, unguarded));
        }
    }

    /**
     * A {@code to: direct:x} with no route reading {@code direct:x} fails only when a caller reaches
     * it, after the direct component's 30 s wait: checked here, for every file at once, in a second.
     */
    @Test
    void everyDirectEndpointCalledHasARouteBehindIt() throws IOException {
        java.util.Set<String> served = new java.util.TreeSet<>();
        java.util.Set<String> called = new java.util.TreeSet<>();
        for (Path file : routeFiles().toList()) {
            for (Object item : expanded(file)) {
                if (item instanceof Map<?, ?> entry && entry.get("route") instanceof Map<?, ?> route) {
                    served.add(String.valueOf(((Map<?, ?>) route.get("from")).get("uri")));
                }
            }
            collectUris(expanded(file), called);
        }
        called.removeIf(uri -> !uri.startsWith("direct:"));

        assertThat(served).as("routes read from").contains("direct:tool-call", "direct:calendar-availabilities");
        assertThat(called).as("direct: endpoints called in routes/").isNotEmpty().allSatisfy(
                uri -> assertThat(served).as("a route reading " + uri).contains(uri));
    }

    private static void collectUris(Object node, java.util.Set<String> uris) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (("to".equals(entry.getKey()) || "wireTap".equals(entry.getKey())) && entry.getValue() instanceof Map<?, ?> to) {
                    uris.add(String.valueOf(to.get("uri")));
                }
                collectUris(entry.getValue(), uris);
            }
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collectUris(item, uris));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> routes(Path file) throws IOException {
        List<Map<String, Object>> routes = new ArrayList<>();
        for (Object item : (List<Object>) load(file)) {
            Map<String, Object> entry = (Map<String, Object>) item;
            if (entry.containsKey("route")) {
                routes.add((Map<String, Object>) entry.get("route"));
            }
        }
        return routes;
    }

    private static boolean isTemplateFile(Path file) throws IOException {
        return !templates(file).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> templates(Path file) throws IOException {
        Map<String, Map<String, Object>> templates = new java.util.LinkedHashMap<>();
        for (Object item : (List<Object>) load(file)) {
            if (((Map<String, Object>) item).get("routeTemplate") instanceof Map<?, ?> template) {
                templates.put(String.valueOf(template.get("id")), (Map<String, Object>) template);
            }
        }
        return templates;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> templatedRoutes(Path file) throws IOException {
        List<Map<String, Object>> instances = new ArrayList<>();
        for (Object item : (List<Object>) load(file)) {
            if (((Map<String, Object>) item).get("templatedRoute") instanceof Map<?, ?> instance) {
                instances.add((Map<String, Object>) instance);
            }
        }
        return instances;
    }

    private static Map<String, String> parameters(Map<String, Object> instance) {
        Map<String, String> given = new java.util.LinkedHashMap<>();
        for (Map<?, ?> parameter : list(instance.get("parameters"))) {
            given.put(String.valueOf(parameter.get("name")), String.valueOf(parameter.get("value")));
        }
        return given;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<?, ?>> list(Object value) {
        return value == null ? List.of() : (List<Map<?, ?>>) value;
    }

    /**
     * The file as Camel runs it: each templatedRoute replaced by its template's route with the parameters
     * filled in ({{name}} of a parameter; other placeholders such as {{easyappointments.api-url}} stay).
     */
    @SuppressWarnings("unchecked")
    private static List<Object> expanded(Path file) throws IOException {
        Map<String, Map<String, Object>> templates = templates(file);
        List<Object> items = new ArrayList<>();
        for (Object item : (List<Object>) load(file)) {
            Map<String, Object> entry = (Map<String, Object>) item;
            if (entry.get("templatedRoute") instanceof Map<?, ?> instance) {
                Map<String, Object> template = templates.get(String.valueOf(instance.get("routeTemplateRef")));
                Map<String, Object> route = new java.util.LinkedHashMap<>(expand(template, parameters((Map<String, Object>) instance)));
                route.put("id", instance.get("routeId"));
                items.add(Map.of("route", route));
            } else if (!entry.containsKey("routeTemplate")) {
                items.add(entry);
            }
        }
        return items;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> expand(Map<String, Object> template, Map<String, String> parameters) {
        return (Map<String, Object>) fillIn(template.get("route"), parameters);
    }

    private static Object fillIn(Object node, Map<String, String> parameters) {
        if (node instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new java.util.LinkedHashMap<>();
            map.forEach((key, value) -> copy.put(key, fillIn(value, parameters)));
            return copy;
        }
        if (node instanceof List<?> list) {
            return list.stream().map(item -> fillIn(item, parameters)).toList();
        }
        if (node instanceof String text) {
            for (Map.Entry<String, String> parameter : parameters.entrySet()) {
                text = text.replace("{{" + parameter.getKey() + "}}", parameter.getValue());
            }
            return text;
        }
        return node;
    }

    private static void collectOutboundCalls(Object node, List<Map<?, ?>> outbound) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (("to".equals(entry.getKey()) || "wireTap".equals(entry.getKey()))
                        && entry.getValue() instanceof Map<?, ?> to && leavesTheProcess(String.valueOf(to.get("uri")))) {
                    outbound.add(to);
                }
                collectOutboundCalls(entry.getValue(), outbound);
            }
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collectOutboundCalls(item, outbound));
        }
    }

    private static boolean leavesTheProcess(String uri) {
        return !(uri.startsWith("direct:") || uri.startsWith("seda:") || uri.startsWith("log:") || uri.startsWith("mock:"));
    }

    private static Object load(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return new Yaml().load(reader);
        }
    }
}
