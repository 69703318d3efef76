package io.leadflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadflow.events.testing.Seeds;

/**
 * Hostile input, as a scanner or an attacker sends it, driven by each service's own OpenAPI document: every operation
 * is called thousands of times with wrong types, bad dates and enums, huge numbers and pages, injection and traversal
 * strings, deep and huge bodies, duplicate keys, invalid UTF-8 and NUL bytes, unparsable or wrong content types,
 * unterminated multipart bodies, and missing, forged or expired tokens. No answer may be a 5xx, every refusal must
 * be problem+json, and every service must still be ready afterwards. It runs last: it changes what an admin may
 * change. The run is seeded; a failure names the seed ({@code -Dleadflow.test.seed}) and the requests that failed.
 */
@ExtendWith(E2eStackExtension.class)
@Order(100)
class HostileInputIT {

    /** Requests per service; four services make the run's total. */
    private static final int PER_SERVICE = Integer.getInteger("leadflow.e2e.hostile-per-service", 2600);
    private static final ObjectMapper JSON = new ObjectMapper();
    // HTTP/1.1 as browsers and curl speak it in clear text (the JDK would otherwise try an h2c upgrade).
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    /**
     * Refused by the HTTP codec before any route runs (a request line or headers past the server's limits): there is
     * no application code to word them, so they are the only refusals allowed without a problem body.
     */
    /** One client per sending thread, so that a request that breaks a connection is the one sent just before. */
    private static final ThreadLocal<HttpClient> CLIENTS = ThreadLocal.withInitial(() -> HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build());
    private static final ThreadLocal<String> PREVIOUS = ThreadLocal.withInitial(() -> "(none)");
    private static final java.util.Set<Integer> CODEC_REFUSALS = java.util.Set.of(414, 431);

    private static final String[] STRINGS = {"", " ", "null", "undefined", "NaN", "-1", "0", "1e309", "9".repeat(40),
            "2147483647", "-2147483648", "9223372036854775808", "' or 1=1 --", "\"; drop table lead; --",
            "<script>alert(1)</script>", "../../../../etc/passwd", "..%2f..%2fetc%2fpasswd", "%00", "\u0000", "\uFFFF",
            "\uD800", "𝕏😀", "=HYPERLINK(\"http://x\")", "${jndi:ldap://x/a}", "{{7*7}}", "%zz", "\\", "a".repeat(5000),
            "王".repeat(3000), "+999999999-12-31", "2024-13-45", "2024-02-30", "-0001-01-01", "9999-12-31T23:59:59Z",
            "P99999999999D", "true", "[]", "{}", "LX20240301000001", "LX99999999999999999"};

    private static final String[] CONTENT_TYPES = {"application/json, text/plain", "", "a".repeat(5000),
            "text/plain", "application/xml", "application/json; charset=klingon", "application/json; charset=UTF-16",
            "multipart/form-data; boundary=xyz", "multipart/form-data", "application/x-www-form-urlencoded",
            "text/csv", "application/octet-stream", "*/*", "application/", "/", ";;;"};

    private record Operation(String method, String path, List<JsonNode> parameters, JsonNode body, List<String> mediaTypes) {
    }

    private record Outcome(String service, String operation, String request, int status, String contentType,
                           String body) {
        String kind() {
            return service + " " + operation + " -> " + status + " " + contentType.replaceFirst(";.*", "");
        }
    }

    @Test
    void noHostileRequestGetsA5xxOrAnAnswerThatIsNotAProblem(E2eStack stack) {
        Seeds.withRandom(random -> {
            try {
                run(stack, random);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    private void run(E2eStack stack, Random random) throws Exception {
        String admin = stack.token("hostile-admin", "admin", "sales-manager", "marketing", "analyst");
        String sales = stack.token("hostile-rep", "sales");
        String forged = admin.substring(0, admin.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
        String expired = stack.expiredToken("hostile-admin", "admin");
        List<String> tokens = List.of(admin, admin, admin, admin, sales, forged, expired, "garbage", "");
        ConcurrentLinkedQueue<Outcome> bad = new ConcurrentLinkedQueue<>();
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            for (E2eStack.Service service : E2eStack.Service.values()) {
                List<Operation> operations = operations(stack.managementUrl(service));
                assertThat(operations).as(service + "'s OpenAPI operations").hasSizeGreaterThan(5);
                List<Map.Entry<Operation, HttpRequest>> requests = new ArrayList<>();
                for (int i = 0; i < PER_SERVICE; i++) {
                    Operation op = operations.get(random.nextInt(operations.size()));
                    requests.add(Map.entry(op, request(stack.url(service), op,
                            tokens.get(random.nextInt(tokens.size())), random)));
                }
                List<Future<?>> done = new ArrayList<>();
                for (Map.Entry<Operation, HttpRequest> request : requests) {
                    done.add(pool.submit(() -> {
                        Outcome outcome = send(service.name(), request.getKey().method() + " " + request.getKey().path(),
                                request.getValue());
                        sent.incrementAndGet();
                        if (outcome.status() >= 400) {
                            refused.incrementAndGet();
                        }
                        boolean problem = outcome.contentType().startsWith("application/problem+json");
                        if (outcome.status() >= 500 || outcome.status() < 0
                                || (outcome.status() >= 400 && !problem && !CODEC_REFUSALS.contains(outcome.status()))) {
                            bad.add(outcome);
                        }
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            }
        } finally {
            pool.shutdownNow();
        }
        for (E2eStack.Service service : E2eStack.Service.values()) {
            HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(URI.create(stack.managementUrl(service)
                    + "/q/health/ready")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).as(service + " ready after the hostile run: " + ready.body()).isEqualTo(200);
            // The API's port serves the API only: health, metrics and the documents are on the management port.
            for (String q : List.of("/q/health/ready", "/q/metrics", "/q/openapi", "/q/swagger-ui/")) {
                HttpResponse<String> onApi = HTTP.send(HttpRequest.newBuilder(URI.create(stack.directUrl(service) + q))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(onApi.statusCode()).as(service + " " + q + " on the API port").isEqualTo(404);
            }
            assertThat(stack.service(service).managementStatus("/q/swagger-ui/", Duration.ofSeconds(10)))
                    .as(service + " Swagger UI is off unless turned on").isEqualTo(404);
        }
        E2eReport.line(String.format(Locale.ROOT, "hostile: %d requests from the four OpenAPI documents, %d refused "
                + "with problem+json, %d answered otherwise", sent.get(), refused.get() - bad.size(), bad.size()));
        Map<String, List<Outcome>> byKind = new java.util.TreeMap<>();
        bad.forEach(o -> byKind.computeIfAbsent(o.kind(), k -> new ArrayList<>()).add(o));
        List<String> shown = byKind.entrySet().stream().map(e -> e.getValue().size() + " x " + e.getKey()
                + "\n      e.g. " + e.getValue().get(0).request() + " : " + e.getValue().get(0).body()).toList();
        assertThat(bad).as("%d of %d hostile requests got a 5xx or a refusal that is not problem+json, e.g.%n%s",
                bad.size(), sent.get(), String.join("\n", shown)).isEmpty();
        assertThat(sent.get()).isEqualTo(PER_SERVICE * E2eStack.Service.values().length);
    }

    private static Outcome send(String service, String operation, HttpRequest request) {
        String described = request.method() + " " + request.uri() + " " + request.headers().firstValue("Content-Type")
                .map(t -> "[" + (t.length() > 60 ? t.substring(0, 60) + "..." : t) + "]").orElse("")
                + request.headers().firstValue("Authorization").map(a -> a.length() > 20 ? " (token)" : " (bad token)")
                .orElse(" (no token)");
        if (described.length() > 400) {
            described = described.substring(0, 400) + "...";
        }
        try {
            HttpResponse<String> r = CLIENTS.get().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String body = r.body() == null ? "" : r.body();
            PREVIOUS.set(described + " -> " + r.statusCode() + " " + r.headers().firstValue("Connection").orElse(""));
            if (CODEC_REFUSALS.contains(r.statusCode())) {
                // The codec could not parse the request, so the server drops the connection after saying so (without
                // a Connection: close); a browser opens a new one for its next request, and so does this client.
                CLIENTS.remove();
            }
            return new Outcome(service, operation, described, r.statusCode(),
                    r.headers().firstValue("Content-Type").orElse(""), body.length() > 300 ? body.substring(0, 300) : body);
        } catch (java.io.IOException e) {
            String after = PREVIOUS.get();
            PREVIOUS.set(described + " -> no answer");
            return new Outcome(service, operation, described, -1, "", "no answer: " + e + "; the request before on "
                    + "this client: " + after);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(service, operation, described, -1, "", "interrupted");
        }
    }

    private static List<Operation> operations(String base) throws Exception {
        HttpResponse<String> doc = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/q/openapi?format=json"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(doc.statusCode()).isEqualTo(200);
        JsonNode root = JSON.readTree(doc.body());
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : List.of("get", "post", "put", "patch", "delete")) {
                JsonNode op = path.getValue().get(method);
                if (op == null) {
                    continue;
                }
                List<JsonNode> parameters = new ArrayList<>();
                op.path("parameters").forEach(parameters::add);
                path.getValue().path("parameters").forEach(parameters::add);
                JsonNode body = null;
                List<String> media = new ArrayList<>();
                for (Iterator<Map.Entry<String, JsonNode>> content = op.path("requestBody").path("content").fields();
                     content.hasNext(); ) {
                    Map.Entry<String, JsonNode> c = content.next();
                    media.add(c.getKey());
                    if (body == null) {
                        body = resolve(root, c.getValue().path("schema"), 0);
                    }
                }
                operations.add(new Operation(method.toUpperCase(Locale.ROOT), path.getKey(), parameters, body, media));
            }
        }
        return operations;
    }

    /** The schema with its {@code $ref}s replaced, three levels deep at most. */
    private static JsonNode resolve(JsonNode root, JsonNode schema, int depth) {
        if (schema == null || schema.isMissingNode()) {
            return null;
        }
        if (schema.has("$ref")) {
            if (depth > 3) {
                return null;
            }
            String ref = schema.get("$ref").asText().replaceFirst("^#/", "");
            JsonNode target = root;
            for (String part : ref.split("/")) {
                target = target.path(part);
            }
            return resolve(root, target, depth + 1);
        }
        if (schema.isObject() && schema.has("properties")) {
            com.fasterxml.jackson.databind.node.ObjectNode copy = schema.deepCopy();
            com.fasterxml.jackson.databind.node.ObjectNode props = JSON.createObjectNode();
            schema.get("properties").fields().forEachRemaining(p -> {
                JsonNode r = resolve(root, p.getValue(), depth + 1);
                props.set(p.getKey(), r == null ? JSON.createObjectNode() : r);
            });
            copy.set("properties", props);
            return copy;
        }
        return schema;
    }

    private static HttpRequest request(String base, Operation op, String token, Random random) {
        String path = op.path();
        StringBuilder query = new StringBuilder();
        for (JsonNode p : op.parameters()) {
            String in = p.path("in").asText();
            String value = value(p.path("schema"), random);
            if ("path".equals(in)) {
                path = path.replace("{" + p.path("name").asText() + "}", escapePath(value, random));
            } else if ("query".equals(in) && random.nextInt(10) < 7) {
                query.append(query.isEmpty() ? "?" : "&").append(URLEncoder.encode(p.path("name").asText(),
                        StandardCharsets.UTF_8)).append('=').append(rawOrEncoded(value, random));
            }
        }
        if (random.nextInt(20) == 0) {
            query.append(query.isEmpty() ? "?" : "&").append("page=").append(random.nextBoolean() ? "2147483647"
                    : "-5").append("&size=").append(random.nextBoolean() ? "2147483647" : "0");
        }
        String url = base + path.replaceAll("\\{[^}]*}", "x") + query;
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            uri = URI.create(base + path.replaceAll("[^A-Za-z0-9/_\\-.]", "_"));
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        if (!token.isEmpty()) {
            b.header("Authorization", "Bearer " + token);
        }
        if (random.nextInt(4) == 0) {
            b.header("Origin", random.nextBoolean() ? "https://evil.example" : "null");
        }
        byte[] body = null;
        String contentType = null;
        if (!op.method().equals("GET") && !op.method().equals("DELETE")) {
            contentType = op.mediaTypes().isEmpty() ? "application/json"
                    : op.mediaTypes().get(random.nextInt(op.mediaTypes().size()));
            body = body(op, contentType, random);
            if (random.nextInt(5) == 0) {
                contentType = CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)];
            }
        }
        if (body != null) {
            if (contentType != null && !contentType.isEmpty()) {
                b.header("Content-Type", contentType);
            }
            b.method(op.method(), HttpRequest.BodyPublishers.ofByteArray(body));
        } else {
            b.method(op.method(), HttpRequest.BodyPublishers.noBody());
        }
        return b.build();
    }

    private static String escapePath(String value, Random random) {
        String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
        return random.nextInt(3) == 0 ? encoded.replace("%2F", "/").replace("%2E", ".") : encoded;
    }

    /** Mostly encoded; sometimes raw bytes a sloppy client sends (an invalid % escape, a bare %). */
    private static String rawOrEncoded(String value, Random random) {
        if (random.nextInt(8) == 0) {
            return value.replaceAll("[^\\x21-\\x7e]", "").replace("&", "").replace("#", "") + "%";
        }
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String value(JsonNode schema, Random random) {
        if (random.nextInt(3) == 0) {
            return STRINGS[random.nextInt(STRINGS.length)];
        }
        if (schema.has("enum") && schema.get("enum").size() > 0) {
            return schema.get("enum").get(random.nextInt(schema.get("enum").size())).asText()
                    + (random.nextBoolean() ? "" : "x");
        }
        return switch (schema.path("type").asText()) {
            case "integer" -> String.valueOf(random.nextBoolean() ? random.nextInt(100) : random.nextLong());
            case "number" -> String.valueOf(random.nextDouble() * Math.pow(10, random.nextInt(400) - 200));
            case "boolean" -> random.nextBoolean() ? "true" : "yes";
            default -> switch (schema.path("format").asText()) {
                case "date" -> random.nextBoolean() ? "2024-03-01" : "+999999999-12-31";
                case "date-time" -> random.nextBoolean() ? "2024-03-01T10:00:00Z" : "2024-03-01T25:61:00Z";
                default -> STRINGS[random.nextInt(STRINGS.length)];
            };
        };
    }

    private static byte[] body(Operation op, String mediaType, Random random) {
        switch (random.nextInt(12)) {
            case 0:
                return new byte[0];
            case 1:
                return "\n\n \n\r\n".getBytes(StandardCharsets.US_ASCII);
            case 2: {
                byte[] bytes = new byte[1 + random.nextInt(2000)];
                random.nextBytes(bytes);
                return bytes;
            }
            case 3:
                return new byte[]{0, 0, 0, '{', 0, '}'};
            case 4:
                return "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\n客户名称\r\n"
                        .getBytes(StandardCharsets.UTF_8); // no closing boundary
            case 5:
                return "company=%zz&tel=%E4%B8&msg=%".getBytes(StandardCharsets.US_ASCII);
            case 6: {
                int depth = 200 + random.nextInt(3000);
                return ("[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.US_ASCII);
            }
            case 7: {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] json = generated(op.body(), random, 0).toString().getBytes(StandardCharsets.UTF_8);
                out.write(json, 0, Math.max(0, json.length - 1));
                out.write(new byte[]{(byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'}, 0, 5); // invalid UTF-8
                return out.toByteArray();
            }
            case 8: {
                String json = generated(op.body(), random, 0).toString();
                if (json.startsWith("{\"")) {
                    int colon = json.indexOf("\":");
                    String key = json.substring(1, colon + 1);
                    return ("{" + key + ":\"a\"," + json.substring(1)).getBytes(StandardCharsets.UTF_8); // duplicate key
                }
                return json.getBytes(StandardCharsets.UTF_8);
            }
            default: {
                if (mediaType.contains("csv") || mediaType.contains("octet") || mediaType.contains("spreadsheet")) {
                    return ("客户名称,联系方式,线索来源\n" + STRINGS[random.nextInt(STRINGS.length)] + ",139,展会\n")
                            .getBytes(StandardCharsets.UTF_8);
                }
                return generated(op.body(), random, 0).toString().getBytes(StandardCharsets.UTF_8);
            }
        }
    }

    /** A body shaped like the schema, each field given a plausible value, a wrong type, a null or a hostile string. */
    private static JsonNode generated(JsonNode schema, Random random, int depth) {
        if (schema == null || depth > 4) {
            return JSON.getNodeFactory().textNode(STRINGS[random.nextInt(STRINGS.length)]);
        }
        int pick = random.nextInt(10);
        if (pick == 0) {
            return JSON.getNodeFactory().nullNode();
        }
        if (pick == 1) {
            return JSON.getNodeFactory().textNode(STRINGS[random.nextInt(STRINGS.length)]);
        }
        if (pick == 2) {
            return JSON.getNodeFactory().numberNode(random.nextBoolean() ? Long.MAX_VALUE : -1);
        }
        String type = schema.path("type").asText();
        if (schema.has("properties") || "object".equals(type)) {
            com.fasterxml.jackson.databind.node.ObjectNode o = JSON.createObjectNode();
            schema.path("properties").fields().forEachRemaining(p -> {
                if (random.nextInt(5) != 0) {
                    o.set(p.getKey(), generated(p.getValue(), random, depth + 1));
                }
            });
            if (random.nextInt(6) == 0) {
                o.put("unknownField" + random.nextInt(10), "x");
            }
            return o;
        }
        if ("array".equals(type)) {
            com.fasterxml.jackson.databind.node.ArrayNode a = JSON.createArrayNode();
            int n = random.nextInt(4);
            for (int i = 0; i < n; i++) {
                a.add(random.nextInt(4) == 0 ? JSON.getNodeFactory().nullNode()
                        : generated(schema.path("items"), random, depth + 1));
            }
            return a;
        }
        return JSON.getNodeFactory().textNode(value(schema, random));
    }
}
