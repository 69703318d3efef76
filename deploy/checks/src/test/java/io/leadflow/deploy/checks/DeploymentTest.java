package io.leadflow.deploy.checks;

import static io.leadflow.deploy.checks.Repo.list;
import static io.leadflow.deploy.checks.Repo.map;
import static io.leadflow.deploy.checks.Repo.path;
import static io.leadflow.deploy.checks.Repo.str;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each service's Deployment, in the base and in every overlay, after resolution. */
class DeploymentTest {

    static Stream<Arguments> deployments() {
        return Builds.all().stream().flatMap(dir -> Services.ALL.stream().map(s -> Arguments.of(Builds.label(dir), s.name())));
    }

    private static Kustomize.Build build(String label) {
        return Builds.of(Repo.K8S.resolve(label));
    }

    private static Map<String, Object> container(Kustomize.Build build, String service) {
        Map<String, Object> d = build.find("Deployment", service);
        assertThat(d).as("Deployment " + service).isNotNull();
        List<Object> containers = list(path(d, "spec.template.spec"), "containers");
        assertThat(containers).as(service + " containers").hasSize(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> c = (Map<String, Object>) containers.get(0);
        return c;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("deployments")
    void probesAreOnQuarkusHealth(String label, String service) {
        Map<String, Object> c = container(build(label), service);
        assertThat(str(map(map(c, "readinessProbe"), "httpGet"), "path")).as("readiness").isEqualTo("/q/health/ready");
        assertThat(str(map(map(c, "livenessProbe"), "httpGet"), "path")).as("liveness").isEqualTo("/q/health/live");
        assertThat(str(map(map(c, "startupProbe"), "httpGet"), "path")).as("startup").isEqualTo("/q/health/started");
        Services.Service s = Services.byName(service);
        for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
            Object port = map(map(c, probe), "httpGet").get("port");
            assertThat(port).as(probe + " is on the management port, where /q/* is served").isEqualTo("management");
        }
        assertThat(list(c, "ports")).as("the management port is declared").anySatisfy(p -> {
            assertThat(str(p, "name")).isEqualTo("management");
            assertThat(((Map<?, ?>) p).get("containerPort")).isEqualTo(s.port() + 1000);
        });
        Map<String, Object> annotations = map(map(path(build(label).find("Deployment", service), "spec.template"),
                "metadata"), "annotations");
        assertThat(str(annotations, "prometheus.io/port")).as("Prometheus scrapes the management port")
                .isEqualTo(String.valueOf(s.port() + 1000));
    }

    /** The Service (and so any Ingress) reaches the API port only; /q/* is never behind it. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("deployments")
    void theServiceExposesTheApiPortOnly(String label, String service) {
        Map<String, Object> svc = build(label).find("Service", service);
        assertThat(list(map(svc, "spec"), "ports")).as("Service ports of " + service).allSatisfy(p ->
                assertThat(((Map<?, ?>) p).get("targetPort")).isNotIn("management", Services.byName(service).port() + 1000));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("deployments")
    void hasResourceRequestsAndLimits(String label, String service) {
        Map<String, Object> resources = map(container(build(label), service), "resources");
        assertThat(map(resources, "requests")).as("requests").containsKeys("cpu", "memory");
        assertThat(map(resources, "limits")).as("limits").containsKey("memory");
        assertThat(bytes(str(map(resources, "limits"), "memory")))
                .as("memory limit >= request").isGreaterThanOrEqualTo(bytes(str(map(resources, "requests"), "memory")));
        // Below the measured idle footprint of a service JVM (222 MiB RSS, deploy/k8s/README.md) the pod is OOM-killed.
        assertThat(bytes(str(map(resources, "requests"), "memory"))).as("memory request").isGreaterThanOrEqualTo(256L << 20);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("deployments")
    void runsAsNonRootOnAReadOnlyRootFilesystem(String label, String service) {
        Kustomize.Build build = build(label);
        Map<String, Object> pod = path(build.find("Deployment", service), "spec.template.spec");
        Map<String, Object> c = container(build, service);
        Map<String, Object> podSc = map(pod, "securityContext");
        Map<String, Object> sc = map(c, "securityContext");
        assertThat(Boolean.TRUE.equals(podSc.get("runAsNonRoot")) || Boolean.TRUE.equals(sc.get("runAsNonRoot"))).as("runAsNonRoot").isTrue();
        Object uid = sc.containsKey("runAsUser") ? sc.get("runAsUser") : podSc.get("runAsUser");
        assertThat(uid).as("numeric non-zero uid").isInstanceOf(Integer.class).isNotEqualTo(0);
        assertThat(sc.get("readOnlyRootFilesystem")).as("readOnlyRootFilesystem").isEqualTo(true);
        assertThat(sc.get("allowPrivilegeEscalation")).as("allowPrivilegeEscalation").isEqualTo(false);
        assertThat(list(map(sc, "capabilities"), "drop")).as("capabilities dropped").contains("ALL");
        // A read-only root needs a writable /tmp (Vert.x cache, import spool).
        assertThat(list(c, "volumeMounts")).as("/tmp mount").anySatisfy(m -> assertThat(str(m, "mountPath")).isEqualTo("/tmp"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("deployments")
    void takesEveryVariableItNeedsFromConfigMapsAndSecretsThatExist(String label, String service) {
        Kustomize.Build build = build(label);
        Map<String, Object> c = container(build, service);
        Map<String, String> env = new LinkedHashMap<>();   // variable -> "Kind/name"
        for (Object from : list(c, "envFrom")) {
            String kind = map(from, "configMapRef").isEmpty() ? "Secret" : "ConfigMap";
            Map<String, Object> ref = map(from, kind.equals("Secret") ? "secretRef" : "configMapRef");
            String name = str(ref, "name");
            assertThat(build.find(kind, name)).as(label + ": " + service + " envFrom " + kind + " " + name + " exists").isNotNull();
            build.data(kind, name).keySet().forEach(k -> env.put(k, kind + "/" + name));
        }
        for (Object e : list(c, "env")) {
            Map<String, Object> valueFrom = map(e, "valueFrom");
            assertThat(valueFrom).as(service + " env " + str(e, "name") + " comes from a ConfigMap or Secret, not a literal").isNotEmpty();
            String kind = valueFrom.containsKey("secretKeyRef") ? "Secret" : "ConfigMap";
            Map<String, Object> ref = map(valueFrom, kind.equals("Secret") ? "secretKeyRef" : "configMapKeyRef");
            assertThat(build.data(kind, str(ref, "name"))).as(service + " env " + str(e, "name")).containsKey(str(ref, "key"));
            env.put(str(e, "name"), kind + "/" + str(ref, "name"));
        }

        assertThat(env.keySet()).as(label + ": " + service + " environment").containsAll(Services.REQUIRED_ENV);
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (Services.SECRET_ENV.contains(e.getKey())) {
                assertThat(e.getValue()).as(e.getKey() + " comes from a Secret").startsWith("Secret/");
            }
        }
        // No variable the service would silently ignore (a typo, a renamed property).
        Services.Service s = Services.byName(service);
        assertThat(env.keySet()).as(service + " reads every variable it is given")
                .allSatisfy(name -> assertThat(Services.envRead(s).contains(name) || Services.passThrough(name))
                        .as(name).isTrue());

        // The values that identify the service.
        Map<String, String> values = new LinkedHashMap<>();
        for (String source : new java.util.LinkedHashSet<>(env.values())) {
            values.putAll(build.data(source.substring(0, source.indexOf('/')), source.substring(source.indexOf('/') + 1)));
        }
        assertThat(values).as(service).containsEntry("PORT", String.valueOf(s.port()))
                .containsEntry("LEADFLOW_PG_DATABASE", s.database());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("deployments")
    void containerPortMatchesPortVariableAndService(String label, String service) {
        Kustomize.Build build = build(label);
        Services.Service s = Services.byName(service);
        Map<String, Object> c = container(build, service);
        assertThat(list(c, "ports")).as("container ports").anySatisfy(p -> {
            assertThat(str(p, "name")).isEqualTo("http");
            assertThat(((Map<?, ?>) p).get("containerPort")).isEqualTo(s.port());
        });
        Map<String, Object> svc = build.find("Service", service);
        assertThat(svc).as("Service " + service).isNotNull();
        Map<String, Object> selector = map(map(svc, "spec"), "selector");
        Map<String, Object> podLabels = map(map(path(build.find("Deployment", service), "spec.template"), "metadata"), "labels");
        assertThat(podLabels).as("Service selector matches the pods").containsAllEntriesOf(selector);
        assertThat(selector).isNotEmpty();
        assertThat(list(map(svc, "spec"), "ports")).as("Service ports").anySatisfy(p -> {
            assertThat(((Map<?, ?>) p).get("port")).isEqualTo(s.port());
            Object target = ((Map<?, ?>) p).get("targetPort");
            assertThat(target).isIn("http", s.port());
        });
        Map<String, Object> selectorOfDeployment = map(map(build.find("Deployment", service), "spec"), "selector");
        assertThat(podLabels).containsAllEntriesOf(map(selectorOfDeployment, "matchLabels"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.leadflow.deploy.checks.KustomizeTest#kustomizations")
    void autoscalerAndDisruptionBudgetTargetIntake(Path dir) {
        Kustomize.Build build = Builds.of(dir);
        Map<String, Object> pods = map(map(path(build.find("Deployment", "lead-intake-service"), "spec.template"), "metadata"), "labels");
        for (Map<String, Object> hpa : build.ofKind("HorizontalPodAutoscaler")) {
            Map<String, Object> ref = map(map(hpa, "spec"), "scaleTargetRef");
            assertThat(build.find(str(ref, "kind"), str(ref, "name"))).as("HPA target").isNotNull();
            // Utilization targets need CPU requests to mean anything.
            assertThat(map(map(container(build, str(ref, "name")), "resources"), "requests")).containsKey("cpu");
        }
        for (Map<String, Object> pdb : build.ofKind("PodDisruptionBudget")) {
            assertThat(pods).as("PDB selects the intake pods")
                    .containsAllEntriesOf(map(map(map(pdb, "spec"), "selector"), "matchLabels"));
            int min = ((Number) map(pdb, "spec").getOrDefault("minAvailable", 0)).intValue();
            Object hpaMin = build.find("HorizontalPodAutoscaler", "lead-intake-service") == null ? null
                    : map(build.find("HorizontalPodAutoscaler", "lead-intake-service"), "spec").get("minReplicas");
            int replicas = hpaMin != null ? ((Number) hpaMin).intValue()
                    : ((Number) map(build.find("Deployment", "lead-intake-service"), "spec").get("replicas")).intValue();
            assertThat(min).as("a PDB that allows no eviction blocks node drains").isLessThan(replicas);
        }
    }

    static long bytes(String quantity) {
        String q = quantity.trim();
        Map<String, Long> units = Map.of("Ki", 1L << 10, "Mi", 1L << 20, "Gi", 1L << 30, "K", 1000L, "M", 1_000_000L, "G", 1_000_000_000L);
        for (Map.Entry<String, Long> u : units.entrySet()) {
            if (q.endsWith(u.getKey()) && Character.isDigit(q.charAt(q.length() - u.getKey().length() - 1))) {
                return Long.parseLong(q.substring(0, q.length() - u.getKey().length())) * u.getValue();
            }
        }
        return Long.parseLong(q);
    }
}
