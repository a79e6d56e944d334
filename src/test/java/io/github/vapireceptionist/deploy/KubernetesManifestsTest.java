package io.github.vapireceptionist.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/kubernetes/ read as the API server would read it: every document into its typed Kubernetes
 * object (fabric8's model), failing on any field the type does not have; then checked against the app
 * itself: the probes' paths are its health groups on its management port, the ports are application.yaml's,
 * the grace period covers its graceful shutdown, and every variable the Deployment sets is one it reads.
 */
class KubernetesManifestsTest {

    private static final Path MANIFESTS = Path.of("deploy/kubernetes");
    private static final String SECRET = "vapi-receptionist";
    /** Each kind these files may hold, with its API version. No Secret: its values never live in the repository. */
    private static final Map<String, Kind> KINDS = Map.of(
            "Deployment", new Kind("apps/v1", Deployment.class),
            "StatefulSet", new Kind("apps/v1", StatefulSet.class),
            "Service", new Kind("v1", Service.class),
            "ConfigMap", new Kind("v1", ConfigMap.class),
            "PodDisruptionBudget", new Kind("policy/v1", PodDisruptionBudget.class));
    private static final Pattern DEFAULT = Pattern.compile("\\$\\{[A-Z_]+:([^}]*)}");

    private record Kind(String apiVersion, Class<? extends HasMetadata> type) {
    }

    /** fabric8's types keep unknown fields aside (@JsonAnySetter); without that, Jackson refuses them. */
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(Annotated annotated) {
                    return Boolean.FALSE;
                }
            });

    private final List<HasMetadata> objects = manifests();
    private final Map<String, Object> application = yaml(Path.of("src/main/resources/application.yaml"));
    private final Deployment deployment = only(Deployment.class, "vapi-receptionist");
    private final PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    private final Container backend = pod.getContainers().get(0);
    private final ConfigMap config = only(ConfigMap.class, "vapi-receptionist-config");

    @Test
    void everyManifestIsAKnownKindWithNoFieldItsTypeLacks() {
        assertThat(objects).extracting(HasMetadata::getKind)
                .containsExactlyInAnyOrder("ConfigMap", "Deployment", "Service", "PodDisruptionBudget", "Service", "StatefulSet");
        assertThatThrownBy(() -> STRICT.convertValue(Map.of("apiVersion", "apps/v1", "kind", "Deployment",
                "spec", Map.of("template", Map.of("spec", Map.of("containers", List.of(Map.of("name", "x",
                        "readinesProbe", Map.of())))))), Deployment.class))
                .as("a misspelt field").hasMessageContaining("readinesProbe");
    }

    @Test
    void twoInstancesRolledOneAtATimeAndNeverBothDisrupted() {
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable()).isEqualTo(new IntOrString(0));
        PodDisruptionBudget budget = only(PodDisruptionBudget.class, "vapi-receptionist");
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        assertThat(budget.getSpec().getMinAvailable()).isEqualTo(new IntOrString(1));
        assertThat(podLabels).containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
        assertThat(podLabels).containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
        assertThat(podLabels).containsAllEntriesOf(only(Service.class, "vapi-receptionist").getSpec().getSelector());
    }

    @Test
    void probesAskTheAppsHealthGroupsOnItsManagementPort() {
        String health = setting("management.endpoints.web.base-path", "/actuator") + "/health/";
        Map<String, Object> groups = child(application, "management.endpoint.health.group");
        assertThat(groups).containsKeys("readiness", "liveness");
        int managementPort = Integer.parseInt(defaultOf("management.server.port"));

        assertThat(port(backend, "management")).isEqualTo(managementPort);
        assertThat(config.getData()).containsEntry("MANAGEMENT_PORT", Integer.toString(managementPort))
                .as("the kubelet probes the pod's address, not its loopback").containsEntry("MANAGEMENT_ADDRESS", "0.0.0.0");
        assertProbe(backend.getReadinessProbe(), health + "readiness");
        assertProbe(backend.getLivenessProbe(), health + "liveness");
        assertProbe(backend.getStartupProbe(), health + "liveness");
    }

    @Test
    void theServiceSendsToTheWebhooksPortAndNeverToActuators() {
        int port = Integer.parseInt(defaultOf("server.port"));
        Service service = only(Service.class, "vapi-receptionist");

        assertThat(port(backend, "http")).isEqualTo(port);
        assertThat(config.getData()).containsEntry("PORT", Integer.toString(port));
        assertThat(service.getSpec().getPorts()).singleElement()
                .satisfies(servicePort -> assertThat(servicePort.getTargetPort()).isEqualTo(new IntOrString("http")));
    }

    @Test
    void aStoppingPodHasTimeToLeaveTheServiceAndFinishItsCalls() {
        assertThat(setting("server.shutdown", null)).isEqualTo("graceful");
        Duration shutdown = DurationStyle.detectAndParse(setting("spring.lifecycle.timeout-per-shutdown-phase", null));
        List<String> preStop = backend.getLifecycle().getPreStop().getExec().getCommand();
        assertThat(preStop).hasSize(2).startsWith("sleep");
        Duration drain = Duration.ofSeconds(Long.parseLong(preStop.get(1)));

        assertThat(drain).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(15));
        assertThat(Duration.ofSeconds(pod.getTerminationGracePeriodSeconds())).isGreaterThan(drain.plus(shutdown));
        assertThat(backend.getReadinessProbe().getPeriodSeconds() * backend.getReadinessProbe().getFailureThreshold())
                .as("readiness notices a stopping pod before its drain ends").isLessThanOrEqualTo((int) drain.toSeconds() * 2);
    }

    @Test
    void memoryIsTheMeasuredContainerAndNeverOvercommitted() {
        Quantity limit = backend.getResources().getLimits().get("memory");
        assertThat(Quantity.getAmountInBytes(limit)).as("512 MB: ~470 MB RSS measured under load (docs/performance.md)")
                .isEqualByComparingTo(Quantity.getAmountInBytes(new Quantity("512Mi")));
        assertThat(backend.getResources().getRequests()).containsEntry("memory", limit);
    }

    @Test
    void everyVariableTheDeploymentSetsIsOneTheAppReadsAndSecretsComeOnlyFromTheSecret() throws IOException {
        Set<String> documented = new TreeSet<>();
        Matcher listed = Pattern.compile("(?m)^([A-Z][A-Z0-9_]*)=").matcher(Files.readString(Path.of(".env.example")));
        while (listed.find()) {
            documented.add(listed.group(1));
        }
        Set<String> set = new TreeSet<>(config.getData().keySet());
        for (EnvVar variable : backend.getEnv()) {
            set.add(variable.getName());
            assertThat(variable.getValue()).as(variable.getName() + " has no value written here").isNull();
            assertThat(variable.getValueFrom().getSecretKeyRef().getName()).isEqualTo(SECRET);
            assertThat(variable.getValueFrom().getSecretKeyRef().getKey()).isEqualTo(variable.getName());
        }
        for (EnvFromSource source : backend.getEnvFrom()) {
            assertThat(source.getConfigMapRef().getName()).isEqualTo(config.getMetadata().getName());
        }

        assertThat(documented).containsAll(set);
        assertThat(config.getData().keySet()).as("secrets are never in the ConfigMap")
                .noneMatch(name -> name.endsWith("SECRET") || name.endsWith("TOKEN") || name.endsWith("PASSWORD")
                        || name.equals("REDIS_URL"));
        assertThat(set).contains("WEBHOOK_SECRET", "REDIS_URL", "EASYAPPOINTMENTS_BASE_URL", "APP_ENV");
    }

    @Test
    void redisIsInTheClusterBehindItsServiceAndKeepsNothingOnDisk() {
        StatefulSet redis = only(StatefulSet.class, "vapi-receptionist-redis");
        Service service = only(Service.class, "vapi-receptionist-redis");
        Container container = redis.getSpec().getTemplate().getSpec().getContainers().get(0);

        assertThat(redis.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> assertThat(port.getPort()).isEqualTo(6379));
        assertThat(port(container, "redis")).isEqualTo(6379);
        assertThat(String.join(" ", container.getArgs())).contains("--appendonly no", "--requirepass $(REDIS_PASSWORD)");
        assertThat(container.getEnv()).singleElement()
                .satisfies(password -> assertThat(password.getValueFrom().getSecretKeyRef().getName()).isEqualTo(SECRET));
    }

    private static void assertProbe(Probe probe, String path) {
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort()).isEqualTo(new IntOrString("management"));
    }

    private static int port(Container container, String name) {
        return container.getPorts().stream().filter(port -> name.equals(port.getName())).map(ContainerPort::getContainerPort)
                .findFirst().orElseThrow(() -> new AssertionError("no port named " + name));
    }

    private <T extends HasMetadata> T only(Class<T> type, String name) {
        List<T> found = objects.stream().filter(type::isInstance).map(type::cast)
                .filter(object -> name.equals(object.getMetadata().getName())).toList();
        assertThat(found).as(type.getSimpleName() + " " + name).hasSize(1);
        return found.get(0);
    }

    /** The default of a setting written as ${ENV:default}. */
    private String defaultOf(String setting) {
        Matcher matcher = DEFAULT.matcher(setting(setting, null));
        assertThat(matcher.matches()).as(setting).isTrue();
        return matcher.group(1);
    }

    private String setting(String dotted, String otherwise) {
        Object value = application;
        for (String part : dotted.split("\\.")) {
            value = value instanceof Map<?, ?> map ? map.get(part) : null;
        }
        if (value == null && otherwise == null) {
            throw new AssertionError(dotted + " is not in application.yaml");
        }
        return value == null ? otherwise : value.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> map, String dotted) {
        Map<String, Object> value = map;
        for (String part : dotted.split("\\.")) {
            value = (Map<String, Object>) value.get(part);
        }
        return value;
    }

    private static Map<String, Object> yaml(Path file) {
        try {
            return new Yaml().load(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<HasMetadata> manifests() {
        List<HasMetadata> objects = new ArrayList<>();
        try (Stream<Path> files = Files.list(MANIFESTS)) {
            for (Path file : files.sorted().toList()) {
                assertThat(file.getFileName().toString()).as("manifests are .yaml files").endsWith(".yaml");
                for (Object document : new Yaml().loadAll(Files.readString(file))) {
                    Map<String, Object> fields = (Map<String, Object>) document;
                    Kind kind = KINDS.get((String) fields.get("kind"));
                    assertThat(kind).as(file + ": kind " + fields.get("kind")).isNotNull();
                    assertThat(fields.get("apiVersion")).as(file + ": apiVersion of " + fields.get("kind")).isEqualTo(kind.apiVersion());
                    objects.add(STRICT.convertValue(fields, kind.type()));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return objects;
    }
}
