package io.github.vapireceptionist.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml, the Dockerfile and the monitoring configuration, checked without a Docker
 * engine: what `docker compose up -d` would trip over (an undefined service, volume or variable, a
 * missing file) and what the deployment promises (only the backend reachable, started after a
 * healthy calendar, a non-root container with a health check).
 */
class DeploymentFilesTest {

    private static final Set<String> PROFILES = Set.of("monitoring", "tools", "several");
    private static final Pattern VARIABLE = Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:?[-?+])?[^}]*}");
    private static final Pattern ENV_EXAMPLE = Pattern.compile("(?m)^([A-Z][A-Z0-9_]*)=");
    private static final Pattern EASYAPPOINTMENTS_IMAGE = Pattern.compile("alextselegidis/easyappointments:1\\.5\\.\\d+");

    private final Map<String, Object> compose = yaml("docker-compose.yml");
    private final Map<String, Map<String, Object>> services = children(compose, "services");

    // --- docker-compose.yml -------------------------------------------------------------------

    @Test
    void dependenciesAreDefinedServicesAndTheDefaultStackNeedsNoProfile() {
        assertThat(services).containsKeys("mysql", "easyappointments-init", "easyappointments", "backend");
        services.forEach((name, service) -> dependsOn(service).keySet().forEach(dependency -> {
            assertThat(services).as(name + " depends on " + dependency).containsKey(dependency);
            if (profiles(service).isEmpty()) {
                assertThat(profiles(services.get(dependency))).as(name + " starts without a profile, so must " + dependency)
                        .isEmpty();
            }
        }));
    }

    @Test
    void profilesAreTheDocumentedOnes() throws IOException {
        String docs = Files.readString(Path.of("docs/deployment.md"));
        services.forEach((name, service) -> assertThat(PROFILES).as(name).containsAll(profiles(service)));
        for (String profile : PROFILES) {
            assertThat(services.values().stream().anyMatch(service -> profiles(service).contains(profile))).as(profile).isTrue();
            assertThat(docs).as("docs/deployment.md explains the " + profile + " profile").contains("--profile " + profile);
        }
    }

    @Test
    void namedVolumesAreDeclaredAndMountedFilesExist() {
        Set<String> declared = children(compose, "volumes").keySet();
        Set<String> used = new TreeSet<>();
        services.forEach((name, service) -> {
            for (String volume : strings(service.get("volumes"))) {
                String source = volume.substring(0, volume.indexOf(':'));
                if (source.startsWith("./")) {
                    assertThat(Path.of(source)).as(name + " mounts " + source).exists();
                } else {
                    assertThat(declared).as(name + " mounts the named volume " + source).contains(source);
                    used.add(source);
                }
            }
        });
        assertThat(used).as("declared volumes are all used").containsExactlyInAnyOrderElementsOf(declared);
    }

    @Test
    void everyVariableIsInEnvExampleOrHasADefaultThatTheDocsExplain() throws IOException {
        Set<String> listed = new TreeSet<>();
        Matcher line = ENV_EXAMPLE.matcher(Files.readString(Path.of(".env.example")));
        while (line.find()) {
            listed.add(line.group(1));
        }
        String docs = Files.readString(Path.of("docs/deployment.md"));

        Matcher variable = VARIABLE.matcher(Files.readString(Path.of("docker-compose.yml")));
        int found = 0;
        while (variable.find()) {
            found++;
            String name = variable.group(1);
            boolean hasDefault = variable.group(2) != null && variable.group(2).contains("-");
            assertThat(listed.contains(name) || hasDefault).as("${%s} is in .env.example or has a default", name).isTrue();
            if (!listed.contains(name)) {
                assertThat(docs).as("docs/deployment.md explains the compose-only setting " + name).contains(name);
            }
        }
        assertThat(found).isPositive();
    }

    @Test
    void onlyTheBackendIsReachableFromOutside() {
        services.forEach((name, service) -> {
            List<String> ports = strings(service.get("ports"));
            if (name.equals("backend")) {
                assertThat(ports).containsExactly("${PORT:-8000}:8000");
            } else if (profiles(service).isEmpty()) {
                assertThat(ports).as(name + " publishes no port").isEmpty();
            } else {
                assertThat(ports).as(name + " (an opt-in profile) is reachable from this machine only")
                        .allSatisfy(port -> assertThat(port).startsWith("127.0.0.1:"));
            }
            assertThat(service).as(name).doesNotContainKey("network_mode");
        });
    }

    /** Never run here (no Docker engine): what `docker compose --profile several up -d lb` relies on. */
    @Test
    void theSeveralProfileIsTwoReplicasOnOneRedisBehindNginxAndLeavesTheSingleBackendOut() throws IOException {
        Map<String, Object> replicas = services.get("backend-replicas");
        Map<String, Object> backend = services.get("backend");
        assertThat(profiles(replicas)).containsExactly("several");
        assertThat(replicas.get("deploy")).isEqualTo(Map.of("replicas", 2));
        assertThat(replicas).doesNotContainKey("ports").containsEntry("image", backend.get("image"))
                .containsEntry("mem_limit", backend.get("mem_limit"));
        assertThat(dependsOn(replicas)).containsAllEntriesOf(dependsOn(backend)).containsEntry("redis", "service_healthy");
        Map<String, String> environment = environment(replicas);
        assertThat(environment).containsEntry("REDIS_URL", "redis://redis:6379/0");
        environment(backend).forEach((name, value) -> {
            if (!name.equals("ACCESS_LOG_DIR")) {
                assertThat(environment).as("replicas run as the backend does: " + name).containsEntry(name, value);
            }
        });
        assertThat(profiles(services.get("redis"))).containsExactly("several");
        assertThat(strings(services.get("redis").get("command"))).containsSequence("--save", "");

        Map<String, Object> lb = services.get("lb");
        assertThat(dependsOn(lb)).containsOnlyKeys("backend-replicas");
        assertThat(dependsOn(lb).keySet()).doesNotContain("backend");
        String nginx = Files.readString(Path.of("deploy/nginx/several.conf"));
        assertThat(nginx).contains("server backend-replicas:" + environment.get("PORT"))
                .contains("listen " + strings(lb.get("ports")).get(0).replaceAll(".*:", ""))
                .contains("proxy_set_header X-Forwarded-For $remote_addr;")
                .doesNotContain("non_idempotent");
        assertThat(strings(lb.get("volumes"))).contains("./deploy/nginx/several.conf:/etc/nginx/conf.d/default.conf:ro");
    }

    @Test
    void theBackendStartsOnlyOnceTheCalendarAnswersItsToken() {
        Map<String, Object> backend = services.get("backend");
        assertThat(dependsOn(backend)).containsEntry("mysql", "service_healthy").containsEntry("easyappointments", "service_healthy");
        assertThat(dependsOn(services.get("easyappointments")))
                .containsEntry("easyappointments-init", "service_completed_successfully");
        assertThat(dependsOn(services.get("easyappointments-init"))).containsEntry("mysql", "service_healthy");
        for (String healthChecked : List.of("mysql", "easyappointments")) {
            assertThat(services.get(healthChecked)).as(healthChecked).containsKey("healthcheck");
        }
        assertThat(backend).containsEntry("restart", "unless-stopped");

        Map<String, String> backendEnv = environment(backend);
        assertThat(backendEnv).containsEntry("EASYAPPOINTMENTS_BASE_URL", "http://easyappointments");
        String tokenFile = environment(services.get("easyappointments-init")).get("API_TOKEN_FILE");
        assertThat(backendEnv).containsEntry("EASYAPPOINTMENTS_API_TOKEN_FILE", tokenFile);
        String tokenDirectory = tokenFile.substring(0, tokenFile.lastIndexOf('/'));
        for (String service : List.of("easyappointments-init", "easyappointments", "backend")) {
            assertThat(strings(services.get(service).get("volumes"))).as(service)
                    .anySatisfy(volume -> assertThat(volume).startsWith("easyappointments-token:" + tokenDirectory));
        }
        assertThat(strings(services.get("easyappointments").get("healthcheck") instanceof Map<?, ?> check ? check.get("test") : null))
                .anySatisfy(test -> assertThat(test).contains(tokenFile).contains("/index.php/api/v1/"));
    }

    @Test
    void imagesArePinnedAndEasyAppointmentsIsA15Release() {
        services.forEach((name, service) -> {
            Object image = service.get("image");
            assertThat(image).as(name + " has an image").isNotNull();
            assertThat(image.toString()).as(name).matches("[^:]+:[^:]+").doesNotEndWith(":latest");
        });
        for (String name : List.of("easyappointments-init", "easyappointments")) {
            assertThat(services.get(name).get("image").toString()).as(name).matches(EASYAPPOINTMENTS_IMAGE);
        }
        assertThat(services.get("easyappointments-init").get("image")).isEqualTo(services.get("easyappointments").get("image"));
    }

    // --- Dockerfile ---------------------------------------------------------------------------

    @Test
    void dockerfileBuildsWithTheWrapperAndRunsTheExtractedJarOnAJre() throws IOException {
        List<String> instructions = dockerfile();
        List<String> froms = instructions.stream().filter(i -> i.startsWith("FROM ")).toList();
        assertThat(froms).hasSizeGreaterThanOrEqualTo(2);
        assertThat(froms.get(0)).startsWith("FROM eclipse-temurin:21-jdk");
        assertThat(froms.get(froms.size() - 1)).isEqualTo("FROM eclipse-temurin:25-jre");

        List<String> build = stage(instructions, 0);
        assertThat(build).anySatisfy(i -> assertThat(i).startsWith("RUN ").containsPattern("\\./mvnw -B .*\\b(package|verify)\\b"));
        assertThat(build).anySatisfy(i -> assertThat(i).startsWith("RUN ").contains("-Djarmode=tools").contains(" extract"));
    }

    @Test
    void imageRunsAsANonRootUserWithAHealthCheckAndContainerMemoryFlags() throws IOException {
        List<String> run = stage(dockerfile(), -1);
        int user = indexOf(run, "USER ");
        int entrypoint = indexOf(run, "ENTRYPOINT ");
        assertThat(user).as("USER before ENTRYPOINT").isNotNegative().isLessThan(entrypoint);
        String runAs = run.get(user).substring("USER ".length()).split(":")[0].strip();
        assertThat(runAs).isNotIn("root", "0");

        assertThat(run).anySatisfy(i -> assertThat(i).startsWith("HEALTHCHECK ").contains(" CMD ").contains("/health"));
        assertThat(run.get(entrypoint)).contains("-XX:MaxRAMPercentage=").contains("\"app.jar\"");
        assertThat(services.get("backend")).containsKey("mem_limit");
        assertThat(run).contains("EXPOSE 8000");
        assertThat(strings(services.get("backend").get("ports"))).allSatisfy(port -> assertThat(port).endsWith(":8000"));
    }

    /** The cache the ENTRYPOINT names is written in the same stage, before USER, by a run with the same GC. */
    @Test
    void theAotCacheIsTrainedInTheRunStageWithTheEntrypointsCollector() throws IOException {
        List<String> run = stage(dockerfile(), -1);
        int training = indexOf(run, "RUN ACCESS_LOG_DIR=");
        assertThat(training).as("training RUN").isNotNegative().isLessThan(indexOf(run, "USER "));
        String trainingRun = run.get(training);
        String entrypoint = run.get(indexOf(run, "ENTRYPOINT "));
        Matcher cache = Pattern.compile("-XX:AOTCacheOutput=(\\S+)").matcher(trainingRun);
        assertThat(cache.find()).as(trainingRun).isTrue();
        assertThat(entrypoint).contains("\"-XX:AOTCache=" + cache.group(1) + "\"");
        Matcher gc = Pattern.compile("-XX:\\+Use\\w+GC").matcher(entrypoint);
        assertThat(gc.find()).as(entrypoint).isTrue();
        assertThat(trainingRun).contains(gc.group()).contains("-Dspring.context.exit=onRefresh").contains("-jar app.jar");
    }

    @Test
    void everythingTheDockerfileCopiesIsInTheBuildContext() throws IOException {
        List<PathMatcher> ignored = new ArrayList<>();
        for (String pattern : Files.readAllLines(Path.of(".dockerignore"))) {
            if (!pattern.isBlank() && !pattern.startsWith("#")) {
                assertThat(pattern).as(".dockerignore exceptions are not supported by this check").doesNotStartWith("!");
                ignored.add(FileSystems.getDefault().getPathMatcher("glob:" + pattern.strip().replaceAll("/$", "")));
            }
        }
        int copies = 0;
        for (String instruction : dockerfile()) {
            if (!instruction.startsWith("COPY ") || instruction.contains("--from=")) {
                continue;
            }
            List<String> words = new ArrayList<>(List.of(instruction.split("\\s+")));
            words.removeIf(word -> word.equals("COPY") || word.startsWith("--"));
            for (String source : words.subList(0, words.size() - 1)) {
                copies++;
                Path path = Path.of(source);
                assertThat(path).as("COPY " + source).exists();
                for (int i = 1; i <= path.getNameCount(); i++) {
                    Path prefix = path.subpath(0, i);
                    assertThat(ignored).as("COPY " + source + " is not excluded by .dockerignore")
                            .noneMatch(matcher -> matcher.matches(prefix));
                }
            }
        }
        assertThat(copies).isGreaterThanOrEqualTo(5);
        assertThat(ignored).as(".dockerignore keeps secrets and build output out")
                .anyMatch(m -> m.matches(Path.of(".env"))).anyMatch(m -> m.matches(Path.of("target")))
                .anyMatch(m -> m.matches(Path.of(".git")));
    }

    // --- monitoring ---------------------------------------------------------------------------

    @Test
    void prometheusScrapesTheBackendAndGrafanaReadsPrometheus() {
        Map<String, Object> prometheus = yaml("deploy/prometheus/prometheus.yml");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> jobs = (List<Map<String, Object>>) prometheus.get("scrape_configs");
        Map<String, Object> backendJob = jobs.stream().filter(job -> "vapi-receptionist".equals(job.get("job_name"))).findFirst().orElseThrow();
        assertThat(backendJob).containsEntry("metrics_path", "/actuator/prometheus");
        assertThat(backendJob.get("static_configs").toString()).as("the management port, not the webhook's").contains("backend:8081");
        assertThat(strings(services.get("backend").get("ports"))).noneMatch(port -> port.contains("8081"));

        Map<String, Object> datasources = yaml("deploy/grafana/provisioning/datasources/prometheus.yml");
        assertThat(datasources.get("datasources").toString()).contains("url=http://prometheus:9090");
        assertThat(services).containsKeys("prometheus", "grafana");
        assertThat(strings(services.get("prometheus").get("volumes")))
                .contains("./deploy/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro");
    }

    // --- helpers ------------------------------------------------------------------------------

    /** Instructions with continuation lines joined and comments dropped. */
    private static List<String> dockerfile() throws IOException {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(Path.of("Dockerfile"))) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
                continue;
            }
            boolean continues = trimmed.endsWith("\\");
            current.append(continues ? trimmed.substring(0, trimmed.length() - 1).strip() : trimmed).append(' ');
            if (!continues) {
                instructions.add(current.toString().strip().replaceAll("\\s+", " "));
                current.setLength(0);
            }
        }
        return instructions;
    }

    /** The instructions of one build stage; a negative index counts from the last stage. */
    private static List<String> stage(List<String> instructions, int index) {
        List<List<String>> stages = new ArrayList<>();
        for (String instruction : instructions) {
            if (instruction.startsWith("FROM ")) {
                stages.add(new ArrayList<>());
            }
            if (!stages.isEmpty()) {
                stages.get(stages.size() - 1).add(instruction);
            }
        }
        return stages.get(index < 0 ? stages.size() + index : index);
    }

    private static int indexOf(List<String> instructions, String prefix) {
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    private static Map<String, String> dependsOn(Map<String, Object> service) {
        Map<String, String> dependencies = new LinkedHashMap<>();
        Object dependsOn = service.get("depends_on");
        if (dependsOn instanceof Map<?, ?> map) {
            map.forEach((name, spec) -> dependencies.put(name.toString(),
                    spec instanceof Map<?, ?> s && s.get("condition") != null ? s.get("condition").toString() : "service_started"));
        } else {
            strings(dependsOn).forEach(name -> dependencies.put(name, "service_started"));
        }
        return dependencies;
    }

    private static List<String> profiles(Map<String, Object> service) {
        return strings(service.get("profiles"));
    }

    private static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> environment = new LinkedHashMap<>();
        if (service.get("environment") instanceof Map<?, ?> map) {
            map.forEach((name, value) -> environment.put(name.toString(), value == null ? null : value.toString()));
        }
        return environment;
    }

    private static List<String> strings(Object value) {
        List<String> strings = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(item -> strings.add(item.toString()));
        }
        return strings;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> children(Map<String, Object> parent, String key) {
        Map<String, Map<String, Object>> children = new LinkedHashMap<>();
        ((Map<String, Object>) parent.get(key)).forEach((name, child) ->
                children.put(name, child == null ? Map.of() : (Map<String, Object>) child));
        return children;
    }

    private static Map<String, Object> yaml(String path) {
        try {
            return new Yaml().load(Files.readString(Path.of(path)));
        } catch (IOException e) {
            throw new IllegalStateException(path + " could not be read", e);
        }
    }
}
