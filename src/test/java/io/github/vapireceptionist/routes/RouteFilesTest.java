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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The conventions of STYLE.md that a reader relies on, checked on every file in routes/:
 * route id = file name = direct: name, an explicit error handling choice, and an id on every
 * call that leaves the process (so tests can weave it and metrics can name it).
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("routeFiles")
    void everyCallThatLeavesTheProcessHasANodeId(Path file) throws IOException {
        List<Map<?, ?>> outbound = new ArrayList<>();
        collectOutboundCalls(load(file), outbound);
        for (Map<?, ?> call : outbound) {
            assertThat(call.get("id")).as("node id of %s in %s", call.get("uri"), file).isNotNull();
        }
    }

    /**
     * One circuit breaker per dependency (STYLE.md): a call that leaves the process sits inside a
     * {@code circuitBreaker} step naming its dependency's breaker, unless it is listed here with the reason.
     */
    private static final Map<String, String> UNGUARDED = Map.of(
            "ea-delete-appointment", "withdrawing a booking is always attempted, even while the breaker is open",
            "smtp-send-email", "off the caller's path, with its own bounded retries");

    @ParameterizedTest(name = "{0}")
    @MethodSource("routeFiles")
    void everyCallThatLeavesTheProcessIsBehindItsDependencysCircuitBreaker(Path file) throws IOException {
        List<Map<?, ?>> unguarded = new ArrayList<>();
        collectUnguardedCalls(load(file), false, unguarded);
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
                        && String.valueOf(cb.get("configuration")).endsWith("Breaker");
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
    @org.junit.jupiter.api.Test
    void everyDirectEndpointCalledHasARouteBehindIt() throws IOException {
        java.util.Set<String> served = new java.util.TreeSet<>();
        java.util.Set<String> called = new java.util.TreeSet<>();
        for (Path file : routeFiles().toList()) {
            for (Map<String, Object> route : routes(file)) {
                served.add(String.valueOf(((Map<?, ?>) route.get("from")).get("uri")));
            }
            collectUris(load(file), called);
        }
        called.removeIf(uri -> !uri.startsWith("direct:"));

        assertThat(served).as("routes read from").contains("direct:tool-call");
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
