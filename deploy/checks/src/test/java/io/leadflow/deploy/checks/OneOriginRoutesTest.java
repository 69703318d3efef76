package io.leadflow.deploy.checks;

import static io.leadflow.deploy.checks.Repo.list;
import static io.leadflow.deploy.checks.Repo.map;
import static io.leadflow.deploy.checks.Repo.str;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One origin, one truth: deploy/routes.tsv says which service answers each API path prefix, and the Kubernetes
 * Ingress (deploy/k8s/base/ingress.yaml) and the local nginx proxy (deploy/local/proxy.sh) route exactly that,
 * row for row, with Ingress {@code pathType: Prefix} semantics.
 */
class OneOriginRoutesTest {

    private static final Path ROUTES = Repo.DEPLOY.resolve("routes.tsv");
    private static final Path INGRESS = Repo.K8S.resolve("base/ingress.yaml");
    private static final Path PROXY = Repo.DEPLOY.resolve("local/proxy.sh");

    record Route(String prefix, String service) {
    }

    /** The rows of deploy/routes.tsv: blank lines and # comments skipped, two tab-separated columns. */
    static List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        for (String line : Repo.read(ROUTES).split("\\R")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] columns = line.split("\t", -1);
            assertThat(columns).as("routes.tsv row '" + line + "': prefix<TAB>service").hasSize(2);
            routes.add(new Route(columns[0], columns[1]));
        }
        return routes;
    }

    private static List<String> serviceNames() {
        return Services.ALL.stream().map(Services.Service::name).toList();
    }

    @Test
    void everyPrefixIsListedOnceAndEveryServiceIsReachable() {
        List<Route> routes = routes();
        assertThat(routes).as("routes.tsv rows").isNotEmpty();
        assertThat(routes).extracting(Route::prefix).as("prefixes in routes.tsv").doesNotHaveDuplicates()
                // What an Ingress and nginx both read the same way: absolute, no trailing slash, no empty segment.
                .allSatisfy(p -> assertThat(p).matches("(/[A-Za-z0-9._~-]+)+"));
        assertThat(routes).extracting(Route::service).as("services in routes.tsv")
                .allSatisfy(s -> assertThat(serviceNames()).contains(s));
        assertThat(new TreeSet<>(routes.stream().map(Route::service).toList())).as("services with at least one prefix")
                .containsExactlyInAnyOrderElementsOf(new TreeSet<>(serviceNames()));
    }

    // --- Kubernetes ---

    /** "PREFIX -> service:port" for every row, the port being the http port of the service's Service in base. */
    private static List<String> expectedIngressPaths() {
        Kustomize.Build base = Builds.of(Builds.BASE);
        return routes().stream().map(r -> r.prefix() + " Prefix -> " + r.service() + ":" + servicePort(base, r.service(), "http"))
                .toList();
    }

    /** The port number of the named port of a base Service (null when there is none). */
    private static String servicePort(Kustomize.Build base, String service, String portName) {
        Map<String, Object> svc = base.find("Service", service);
        assertThat(svc).as("Service " + service + " in deploy/k8s/base").isNotNull();
        for (Object p : list(map(svc, "spec"), "ports")) {
            if (portName.equals(str(p, "name"))) {
                return str(p, "port");
            }
        }
        return null;
    }

    /** The paths of an Ingress' single rule as "PREFIX pathType -> service:port" (a named port resolved through the Service). */
    private static List<String> ingressPaths(Map<String, Object> ingress, Kustomize.Build base) {
        List<Object> rules = list(map(ingress, "spec"), "rules");
        assertThat(rules).as("Ingress rules: one host, one rule").hasSize(1);
        List<String> paths = new ArrayList<>();
        for (Object p : list(map(rules.get(0), "http"), "paths")) {
            Map<String, Object> service = Repo.path(p, "backend.service");
            Map<String, Object> port = map(service, "port");
            String number = port.containsKey("number") ? str(port, "number")
                    : servicePort(base, str(service, "name"), str(port, "name"));
            paths.add(str(p, "path") + " " + str(p, "pathType") + " -> " + str(service, "name") + ":" + number);
        }
        return paths;
    }

    @Test
    void theIngressRoutesExactlyTheTable() {
        Map<String, Object> ingress = Repo.single(INGRESS);
        assertThat(str(ingress, "apiVersion")).isEqualTo("networking.k8s.io/v1");
        assertThat(str(ingress, "kind")).isEqualTo("Ingress");
        assertThat(map(ingress, "spec")).as("nothing but the table's paths: no default backend")
                .doesNotContainKey("defaultBackend");
        assertThat(ingressPaths(ingress, Builds.of(Builds.BASE))).as(INGRESS + " against " + ROUTES)
                .containsExactlyInAnyOrderElementsOf(expectedIngressPaths());
    }

    /** The base Ingress is part of the build, and no overlay's patch loses, adds or bends a route. */
    @Test
    void everyKustomizationKeepsTheRoutes() {
        Kustomize.Build base = Builds.of(Builds.BASE);
        for (Path dir : Builds.all()) {
            Kustomize.Build build = Builds.of(dir);
            assertThat(build.ofKind("Ingress")).as(Builds.label(dir) + " Ingresses").hasSize(1);
            assertThat(ingressPaths(build.ofKind("Ingress").get(0), base)).as(Builds.label(dir) + " Ingress paths")
                    .containsExactlyInAnyOrderElementsOf(expectedIngressPaths());
        }
        Map<String, Object> production = Builds.of(Builds.PRODUCTION).ofKind("Ingress").get(0);
        String host = str(list(map(production, "spec"), "rules").get(0), "host");
        assertThat(host).as("production Ingress host").isNotBlank().doesNotEndWith(".invalid");
        assertThat(list(map(production, "spec"), "tls")).as("production serves its host over TLS")
                .anySatisfy(t -> assertThat(list(t, "hosts")).contains(host));
    }

    // --- the local proxy ---

    /** Runs {@code proxy.sh config DIR} (which needs bash, never nginx) and returns the nginx.conf it wrote. */
    private static String proxyConfig(Path tmp, Map<String, String> env) throws Exception {
        Assumptions.assumeTrue(KustomizeTest.onPath("bash"), "bash is not installed; the Ingress checks above still ran");
        Path dir = tmp.resolve("proxy");
        Path output = tmp.resolve("proxy-sh.txt");
        ProcessBuilder pb = new ProcessBuilder("bash", PROXY.toString(), "config", dir.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        // Our own state directory, and none of the developer's proxy settings: the defaults are what is checked.
        pb.environment().keySet().removeIf(k -> k.startsWith("LEADFLOW_PROXY_") || k.equals("LEADFLOW_NGINX"));
        pb.environment().put("LEADFLOW_HOME", tmp.resolve("home").toString());
        pb.environment().putAll(env);
        Process process = pb.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("proxy.sh config did not finish within 60 s");
        }
        String out = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("proxy.sh config " + dir + ":\n" + out).isZero();
        return Files.readString(dir.resolve("nginx.conf"), StandardCharsets.UTF_8);
    }

    /** Each upstream block's name and its one server address. */
    private static Map<String, String> upstreams(String conf) {
        Map<String, String> upstreams = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^\\s*upstream\\s+([\\w.-]+)\\s*\\{\\s*server\\s+([^;\\s]+)\\s*;").matcher(conf);
        while (m.find()) {
            upstreams.put(m.group(1), m.group(2));
        }
        return upstreams;
    }

    private static final Pattern LOCATION = Pattern.compile("(?m)^\\s*location\\s+([^{]*?)\\s*\\{");
    private static final Pattern PROXIED = Pattern.compile(
            "(?m)^\\s*location\\s+(=|\\^~)\\s+(\\S+)\\s*\\{[^}]*?\\bproxy_pass\\s+http://([\\w.-]+)\\s*;");

    @Test
    void theLocalProxyRoutesExactlyTheTable(@TempDir Path tmp) throws Exception {
        String conf = proxyConfig(tmp, Map.of());

        // Prefix semantics in nginx: "= P" for the prefix itself and "^~ P/" for everything below it (no regex
        // location can take a request from them), so P-something is no match and the longest prefix wins.
        List<String> expected = new ArrayList<>();
        for (Route r : routes()) {
            expected.add("= " + r.prefix() + " -> " + r.service());
            expected.add("^~ " + r.prefix() + "/ -> " + r.service());
        }
        List<String> proxied = new ArrayList<>();
        Matcher m = PROXIED.matcher(conf);
        while (m.find()) {
            proxied.add(m.group(1) + " " + m.group(2) + " -> " + m.group(3));
        }
        assertThat(proxied).as("proxied locations of the generated nginx.conf").containsExactlyInAnyOrderElementsOf(expected);

        // Nothing else: the catch-all and nginx's own error answers (named locations) only.
        List<String> others = new ArrayList<>();
        Matcher all = LOCATION.matcher(conf);
        while (all.find()) {
            String spec = all.group(1).trim();
            if (!spec.startsWith("=") && !spec.startsWith("^~") && !spec.startsWith("@")) {
                others.add(spec);
            }
        }
        assertThat(others).as("locations besides the table's and the named error ones").containsExactly("/");

        // Each upstream is its service's API port (never the management port), on loopback by default.
        Map<String, String> upstreams = upstreams(conf);
        assertThat(upstreams.keySet()).as("upstreams").containsExactlyInAnyOrderElementsOf(serviceNames());
        for (Services.Service s : Services.ALL) {
            assertThat(upstreams.get(s.name())).as("upstream " + s.name()).isEqualTo("127.0.0.1:" + s.port());
        }

        // The catch-all is an RFC 9457 problem, and nginx's own 502/503/504 are problem+json too.
        Matcher notFound = Pattern.compile("location / \\{\\s*default_type application/problem\\+json;\\s*return 404 '([^']*)';")
                .matcher(conf);
        assertThat(notFound.find()).as("location / answers 404 problem+json").isTrue();
        JsonNode problem = new ObjectMapper().readTree(notFound.group(1));
        assertThat(problem.path("type").asText()).isEqualTo("about:blank");
        assertThat(problem.path("title").asText()).isEqualTo("Not Found");
        assertThat(problem.path("status").asInt()).isEqualTo(404);
        assertThat(problem.path("detail").asText()).contains("Leadflow");
        for (String status : List.of("502", "503", "504")) {
            assertThat(conf).containsPattern("(?m)^\\s*error_page\\s+(\\d{3}\\s+)*" + status + "\\b[^;]*@");
        }

        // The request goes on as sent: no URI part in proxy_pass, the client's Host; and no daemon directive
        // (the caller chooses foreground or not), no /etc/nginx include, no CORS headers added.
        assertThat(conf).doesNotContainPattern("proxy_pass\\s+http://[\\w.-]+/")
                .containsPattern("proxy_set_header\\s+Host\\s+\\$http_host;")
                .doesNotContainPattern("(?m)^\\s*daemon\\s")
                .doesNotContainPattern("(?m)^\\s*include\\s")
                .doesNotContainPattern("(?i)add_header\\s+Access-Control");
    }

    @Test
    void theLocalProxyTakesEachUpstreamFromItsVariable(@TempDir Path tmp) throws Exception {
        Map<String, String> env = Map.of(
                "LEADFLOW_PROXY_UPSTREAM_INTAKE", "10.0.0.1:18081",
                "LEADFLOW_PROXY_UPSTREAM_ROUTING", "10.0.0.2:18082",
                "LEADFLOW_PROXY_UPSTREAM_FOLLOWUP", "10.0.0.3:18083",
                "LEADFLOW_PROXY_UPSTREAM_ANALYTICS", "10.0.0.4:18084",
                "LEADFLOW_PROXY_HOST", "127.0.0.2",
                "LEADFLOW_PROXY_PORT", "18000");
        String conf = proxyConfig(tmp, env);
        assertThat(upstreams(conf)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "lead-intake-service", "10.0.0.1:18081",
                "lead-routing-service", "10.0.0.2:18082",
                "followup-service", "10.0.0.3:18083",
                "analytics-service", "10.0.0.4:18084"));
        assertThat(conf).containsPattern("(?m)^\\s*listen\\s+127\\.0\\.0\\.2:18000;");
    }
}
