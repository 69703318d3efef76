package io.leadflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The four services behind one origin, as a frontend sees them: no method and path is documented by two services,
 * every documented path is routed by {@code deploy/routes.tsv} to the service that documents it, and through the
 * running proxy each documented operation reaches that service (its own 401 for a call without a token, never
 * the proxy's "no Leadflow API serves this path"). A moved path still answers on the service's own port, and says
 * where it went.
 */
@ExtendWith(E2eStackExtension.class)
@Order(10)
class OneOriginIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Operation(E2eStack.Service service, String method, String path, boolean needsToken) {
    }

    @Test
    void everyDocumentedOperationHasOneServiceAndTheOriginRoutesItThere(E2eStack stack) throws Exception {
        Map<String, String> routes = routes();
        Map<String, E2eStack.Service> owner = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        List<Operation> operations = new ArrayList<>();
        for (E2eStack.Service service : E2eStack.Service.values()) {
            for (Operation op : documented(stack, service)) {
                operations.add(op);
                E2eStack.Service earlier = owner.putIfAbsent(op.method() + " " + op.path(), service);
                if (earlier != null) {
                    problems.add(op.method() + " " + op.path() + " is served by " + earlier + " and " + service);
                }
                String routedTo = routedTo(routes, op.path());
                if (!service.module.equals(routedTo)) {
                    problems.add(op.method() + " " + op.path() + " of " + service.module + " is routed to " + routedTo);
                }
            }
        }
        assertThat(problems).as("one origin").isEmpty();
        assertThat(operations).hasSizeGreaterThan(60);

        for (Operation op : operations) {
            if (!op.needsToken()) {
                continue;
            }
            String concrete = op.path().replaceAll("\\{[^}]+}", "LX20000101000001");
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.url(op.service()) + concrete))
                    .timeout(Duration.ofSeconds(20));
            request.method(op.method(), HttpRequest.BodyPublishers.noBody());
            HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(op.method() + " " + concrete + " through the origin: " + answer.body())
                    .isEqualTo(401);
            assertThat(answer.headers().firstValue("WWW-Authenticate")).as(op.method() + " " + concrete).isPresent();
        }
    }

    @Test
    void aMovedPathAnswersOnTheServicesOwnPortAndNamesItsSuccessor(E2eStack stack) throws Exception {
        String token = stack.token("origin-admin", "admin");
        HttpResponse<String> old = HTTP.send(HttpRequest.newBuilder(URI.create(
                        stack.directUrl(E2eStack.Service.ROUTING) + "/api/v1/leads/LX20000101000001/grade"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(old.statusCode()).isEqualTo(404);
        assertThat(old.headers().firstValue("Deprecation")).hasValueSatisfying(v -> assertThat(v).startsWith("@"));
        assertThat(old.headers().firstValue("Sunset")).isPresent();
        assertThat(old.headers().firstValue("Link"))
                .hasValue("</api/v1/grades/LX20000101000001>; rel=\"successor-version\"");
    }

    /** Prefix -> module from deploy/routes.tsv. */
    private static Map<String, String> routes() throws Exception {
        Path table = E2eStack.root().resolve("deploy/routes.tsv");
        Map<String, String> routes = new LinkedHashMap<>();
        for (String line : Files.readAllLines(table)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t");
            routes.put(cols[0].strip(), cols[1].strip());
        }
        assertThat(routes).as("deploy/routes.tsv").isNotEmpty();
        return routes;
    }

    /** The longest prefix of the table that matches whole segments of the path, as an Ingress Prefix does. */
    private static String routedTo(Map<String, String> routes, String path) {
        String best = null;
        String module = null;
        for (Map.Entry<String, String> route : routes.entrySet()) {
            String prefix = route.getKey();
            boolean matches = path.equals(prefix) || path.startsWith(prefix + "/");
            if (matches && (best == null || prefix.length() > best.length())) {
                best = prefix;
                module = route.getValue();
            }
        }
        return module;
    }

    private static List<Operation> documented(E2eStack stack, E2eStack.Service service) throws Exception {
        HttpResponse<String> doc = HTTP.send(HttpRequest.newBuilder(URI.create(stack.managementUrl(service)
                + "/q/openapi?format=json")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(doc.statusCode()).isEqualTo(200);
        JsonNode root = JSON.readTree(doc.body());
        boolean securedByDefault = root.path("security").size() > 0;
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : List.of("get", "post", "put", "patch", "delete")) {
                JsonNode op = path.getValue().get(method);
                if (op != null) {
                    boolean needsToken = op.has("security") ? op.path("security").size() > 0 : securedByDefault;
                    operations.add(new Operation(service, method.toUpperCase(java.util.Locale.ROOT), path.getKey(),
                            needsToken));
                }
            }
        }
        return operations;
    }
}
