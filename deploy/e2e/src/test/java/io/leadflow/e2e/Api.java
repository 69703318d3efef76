package io.leadflow.e2e;

import static io.restassured.RestAssured.given;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;

import io.restassured.config.DecoderConfig;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RedirectConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The four services' public HTTP APIs, as a frontend or a website would call them. JSON bodies are written as text
 * (as in the services' README tours); responses are read with JsonPath.
 */
public final class Api {

    private static final RestAssuredConfig CONFIG = RestAssuredConfig.config()
            .encoderConfig(EncoderConfig.encoderConfig().defaultContentCharset(StandardCharsets.UTF_8)
                    .defaultCharsetForContentType(StandardCharsets.UTF_8, ContentType.JSON))
            .decoderConfig(DecoderConfig.decoderConfig().defaultContentCharset(StandardCharsets.UTF_8))
            // Never follow a redirect off this machine (a form's redirectUrl).
            .redirect(RedirectConfig.redirectConfig().followRedirects(false));

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final E2eStack stack;

    public Api(E2eStack stack) {
        this.stack = stack;
    }

    /** Intake as marketing (capture, forms, imports), the role that owns it. */
    public RequestSpecification intake() {
        return as(E2eStack.Service.INTAKE, "mkt-sun", "marketing");
    }

    /** Routing as the sales manager who keeps the roster and the policies. */
    public RequestSpecification routing() {
        return as(E2eStack.Service.ROUTING, "manager-chen", "sales-manager");
    }

    /** Follow-up as the sales manager; {@link #followupAs} acts as a rep. */
    public RequestSpecification followup() {
        return as(E2eStack.Service.FOLLOWUP, "manager-chen", "sales-manager");
    }

    /** Follow-up as a person with comma-separated roles (a rep: "rep-li", "sales"). */
    public RequestSpecification followupAs(String user, String roles) {
        return as(E2eStack.Service.FOLLOWUP, user, roles.split("\\s*,\\s*"));
    }

    /** Analytics as an analyst (read-only, no personal data). */
    public RequestSpecification analytics() {
        return as(E2eStack.Service.ANALYTICS, "analyst-wu", "analyst");
    }

    /** Any service as any user: the bearer token a company's identity provider would issue them. */
    public RequestSpecification as(E2eStack.Service service, String user, String... roles) {
        return spec(service).auth().oauth2(stack.token(user, roles));
    }

    /** No token at all, as a website visitor or an attacker calls. */
    public RequestSpecification anonymous(E2eStack.Service service) {
        return spec(service);
    }

    private RequestSpecification spec(E2eStack.Service service) {
        return given().config(CONFIG).baseUri(stack.url(service)).accept(ContentType.JSON);
    }

    public static RequestSpecification json(RequestSpecification spec, String body) {
        return spec.contentType(ContentType.JSON).body(body);
    }

    /** Makes sure a rep exists on the roster (201 created now, or 409 because an earlier IT created it). */
    public void ensureRep(String body) {
        Response r = json(routing(), body).post("/api/v1/reps");
        if (r.statusCode() != 201 && r.statusCode() != 409) {
            throw new AssertionError("POST /api/v1/reps " + body + " answered " + r.statusCode() + ": " + r.asString());
        }
    }

    /** A plain HTML form post: urlencoded UTF-8 with no charset parameter, as a browser sends it; no redirect followed. */
    public HttpResponse<String> postHtmlForm(String formKey, String origin, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(stack.url(E2eStack.Service.INTAKE) + "/api/v1/forms/" + formKey + "/submissions"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", origin)
                .header("Accept", "text/html,application/xhtml+xml")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new AssertionError("The form post failed: " + e, e);
        }
    }

    /**
     * Polls a GET until the predicate holds, and says how long that took (measured as the answer that holds comes
     * back, for latencies). A refused connection, while a service restarts, is one more try.
     */
    public static Observed awaitGet(RequestSpecification spec, String path, Predicate<Response> done, Duration max,
                                    Duration poll) {
        long start = System.nanoTime();
        AtomicReference<Response> last = new AtomicReference<>();
        try {
            Response answer = await("GET " + path, max, poll).ignoreExceptions()
                    .until(() -> { last.set(spec.get(path)); return last.get(); }, done::test);
            return new Observed(answer, Duration.ofNanos(System.nanoTime() - start));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("GET " + path + " did not reach the expected state within " + max.toMillis()
                    + " ms; last answer: " + (last.get() == null ? "none (" + e.getMessage() + ")"
                    : last.get().statusCode() + " " + last.get().asString()), e);
        }
    }

    /** The e2e run's one way to wait for something: Awaitility, named, with its limit and its polling interval. */
    public static ConditionFactory await(String what, Duration max, Duration poll) {
        return Awaitility.await(what).atMost(max).pollInterval(poll).pollDelay(Duration.ZERO);
    }

    public record Observed(Response response, Duration after) {
        public JsonPath json() {
            return response.jsonPath();
        }
    }

    /** A valid mainland mobile number nobody else in the run has (duplicates are matched on the phone). */
    public static String uniquePhone() {
        String prefix = MOBILE_PREFIXES[ThreadLocalRandom.current().nextInt(MOBILE_PREFIXES.length)];
        return prefix + String.format("%08d", ThreadLocalRandom.current().nextInt(0, 100_000_000));
    }

    /** Mobile prefixes libphonenumber knows as valid (154, for one, is not allocated). */
    private static final String[] MOBILE_PREFIXES = {"135", "136", "137", "138", "139", "150", "151", "152", "158",
            "159", "186", "187", "188"};

    /** The row of a grouped analytics table whose group has the given value. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> row(JsonPath table, String listPath, String groupKey, String value) {
        List<Map<String, Object>> rows = table.getList(listPath);
        for (Map<String, Object> row : rows) {
            Object group = row.get("group");
            Object actual = group instanceof Map<?, ?> g ? g.get(groupKey) : row.get(groupKey);
            if (value.equals(actual)) {
                return row;
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    public static Object at(Map<String, Object> map, String dottedPath) {
        Object current = map;
        for (String key : dottedPath.split("\\.")) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = ((Map<String, Object>) m).get(key);
        }
        return current;
    }

    public static Map<String, String> form(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
