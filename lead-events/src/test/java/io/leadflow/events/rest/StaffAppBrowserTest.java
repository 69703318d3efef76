package io.leadflow.events.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.leadflow.events.security.Roles;
import io.leadflow.events.testing.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A staff single-page app as a real browser runs it: headless Chromium opens a page served from another origin
 * (its own port on 127.0.0.1, the only staff origin this test allows), whose script calls a staff API with
 * {@code fetch()}, a bearer token and a JSON body, and writes what it could read into the page; the test reads the
 * page back with {@code --dump-dom}. The same page from an origin not in the list is refused by the browser.
 *
 * <p>Needs {@code -Dleadflow.chromium=<binary>} ({@code deploy/local/test} passes what {@code deploy/local/chromium.sh
 * path} prints); without it the test is skipped, with it the test runs and can fail.
 */
@QuarkusTest
@TestProfile(StaffAppBrowserTest.OneStaffApp.class)
class StaffAppBrowserTest {

    private static final String PROPERTY = "leadflow.chromium";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The suite's staff origins are this test's page server only. */
    public static class OneStaffApp implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("leadflow.cors.origins", "http://127.0.0.1:" + appPort());
        }
    }

    /**
     * The allowed app's origin: a page server bound once per JVM and kept bound, so no other process can take its
     * port between the profile naming the origin and the browser loading the page. The profile (read before Quarkus
     * starts) and the test (in Quarkus' class loader) share its port and the file it serves through system
     * properties (strings only: other libraries read them all as strings).
     */
    static int appPort() {
        synchronized (System.class) {
            String port = System.getProperty("leadflow.test.staff-app-port");
            if (port == null) {
                try {
                    Path page = Files.createTempFile("leadflow-staff-app-", ".html");
                    page.toFile().deleteOnExit();
                    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                    serve(server, () -> {
                        try {
                            return Files.readAllBytes(page);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
                    server.start();
                    port = String.valueOf(server.getAddress().getPort());
                    System.setProperty("leadflow.test.staff-app-page", page.toString());
                    System.setProperty("leadflow.test.staff-app-port", port);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            return Integer.parseInt(port);
        }
    }

    /** What the allowed app's origin serves from now on. */
    static void appPage(String html) throws IOException {
        appPort();
        Files.writeString(Path.of(System.getProperty("leadflow.test.staff-app-page")), html, StandardCharsets.UTF_8);
    }

    private static void serve(HttpServer server, java.util.function.Supplier<byte[]> page) {
        server.createContext("/app.html", exchange -> {
            byte[] html = page.get();
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, html.length);
            exchange.getResponseBody().write(html);
            exchange.close();
        });
    }

    @TestHTTPResource("/")
    URL api;

    @Test
    void aStaffAppOnItsOwnOriginCallsTheApiAndReadsItsAnswersAndErrors() throws Exception {
        String browser = System.getProperty(PROPERTY, "");
        Assumptions.assumeTrue(!browser.isBlank(), "no browser: run with -D" + PROPERTY
                + "=<chromium binary> (deploy/local/test passes deploy/local/chromium.sh path)");
        assertThat(Path.of(browser)).as("-D%s", PROPERTY).isExecutable();

        String page = PAGE.replace("%API%", JSON.writeValueAsString(api.toString()))
                .replace("%TOKEN%", JSON.writeValueAsString(Tokens.token("alice", Roles.ADMIN)))
                .replace("%EXPIRED%", JSON.writeValueAsString(Tokens.expired("alice", Roles.ADMIN)));

        appPage(page);
        JsonNode seen = visit(browser, appPort());
        JsonNode created = seen.path("created");
        assertThat(created.path("error").isMissingNode()).as("the allowed app's call failed: %s", created).isTrue();
        assertThat(created.path("status").asInt()).isEqualTo(201);
        assertThat(created.path("location").asText()).endsWith("/secured/notes/1");
        assertThat(created.path("etag").asText()).isEqualTo("\"v1\"");
        assertThat(created.path("total").asText()).isEqualTo("1");
        assertThat(created.path("body").path("text").asText()).isEqualTo("回访客户 call back");
        assertThat(created.path("body").path("by").asText()).isEqualTo("alice");

        // The error is readable too: the app can tell "get a fresh token" from "this token is no good".
        JsonNode expired = seen.path("expired");
        assertThat(expired.path("status").asInt()).as("%s", expired).isEqualTo(401);
        assertThat(expired.path("challenge").asText()).contains("error=\"invalid_token\"").contains("expired");
        assertThat(expired.path("body").path("type").asText()).endsWith("/unauthorized");
        assertThat(expired.path("body").path("detail").asText()).contains("fresh token");

        // The same page on an origin the suite does not list: the browser keeps every answer from the script.
        HttpServer other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] html = page.getBytes(StandardCharsets.UTF_8);
        serve(other, () -> html);
        other.start();
        try {
            JsonNode refused = visit(browser, other.getAddress().getPort());
            assertThat(refused.path("created").path("error").asText()).as("%s", refused).contains("Failed to fetch");
            assertThat(refused.path("expired").path("error").asText()).contains("Failed to fetch");
        } finally {
            other.stop(0);
        }
    }

    /** Opens the page served at http://127.0.0.1:{port}/app.html and returns what its script wrote. */
    private static JsonNode visit(String browser, int port) throws Exception {
        Path profile = Files.createTempDirectory("leadflow-cors-chromium-");
        try {
            String dom = dumpDom(browser, profile, "http://127.0.0.1:" + port + "/app.html");
            Matcher out = Pattern.compile("<pre id=\"out\">(.*?)</pre>", Pattern.DOTALL).matcher(dom);
            assertThat(out.find()).as("the page wrote no result; the browser showed: %s", dom).isTrue();
            String text = out.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", "\u00a0")
                    .replace("&amp;", "&");
            assertThat(text).as("the page's script did not finish").isNotEmpty();
            return JSON.readTree(text);
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /**
     * The page after its script ran: the virtual time budget holds the dump until the page's fetches have answered
     * (virtual time stands still while a request is pending).
     */
    private static String dumpDom(String browser, Path profile, String url) throws Exception {
        Process process = new ProcessBuilder(browser, "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
                "--user-data-dir=" + profile.resolve("data"), "--virtual-time-budget=30000", "--dump-dom", url)
                .redirectError(profile.resolve("chromium.log").toFile()).start();
        try (InputStream stdout = process.getInputStream()) {
            CompletableFuture<byte[]> dom = CompletableFuture.supplyAsync(() -> {
                try {
                    return stdout.readAllBytes();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Chromium did not finish with " + url + " in 120 s; its log says: "
                        + Files.readString(profile.resolve("chromium.log")));
            }
            return new String(dom.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8);
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    /** A staff app's first screen: save a note, then call with a token that expired. */
    private static final String PAGE = """
            <!doctype html>
            <html><head><meta charset="utf-8"><title>Leadflow staff app</title></head>
            <body><pre id="out"></pre>
            <script>
            (async () => {
              const api = %API%;
              const read = async r => ({ status: r.status, location: r.headers.get("Location"),
                etag: r.headers.get("ETag"), total: r.headers.get("X-Total-Count"),
                challenge: r.headers.get("WWW-Authenticate"), body: await r.json() });
              const out = {};
              try {
                out.created = await read(await fetch(api + "secured/notes", { method: "POST",
                  headers: { "Authorization": "Bearer " + %TOKEN%, "Content-Type": "application/json" },
                  body: JSON.stringify({ text: "回访客户 call back" }) }));
              } catch (e) { out.created = { error: String(e) }; }
              try {
                out.expired = await read(await fetch(api + "secured/admin",
                  { headers: { "Authorization": "Bearer " + %EXPIRED% } }));
              } catch (e) { out.expired = { error: String(e) }; }
              document.getElementById("out").textContent = JSON.stringify(out);
            })();
            </script></body></html>
            """;
}
