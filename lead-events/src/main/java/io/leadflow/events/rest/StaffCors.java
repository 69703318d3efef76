package io.leadflow.events.rest;

import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.leadflow.events.config.CorsConfig;
import io.leadflow.events.contract.EventJson;
import io.leadflow.events.vocabulary.Language;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * CORS for the staff apps: a single-page app on one of {@code leadflow.cors.origins} may call every staff API from
 * the browser with its bearer token, and read the answers, errors included.
 *
 * <p>Not Quarkus' {@code quarkus.http.cors} filter: it applies to every path alike and ends a request from any
 * other origin with an empty 403, so every website posting to intake's public form (each form has its own allowed
 * origins and answers CORS itself, rate-limited) would be refused, and a staff origin would be let into the form.
 * This handler leaves the paths in {@code leadflow.cors.own-paths} alone.
 *
 * <ul>
 * <li>A preflight from an allowed origin is answered here, before any authentication (a browser sends no token
 * with it); from any other origin it is a 403 problem without CORS headers.</li>
 * <li>Any other request from an allowed origin gets the CORS headers before a resource runs, so whatever answers it
 * (the resource, a 401/403/404 problem, a refused body) carries them: the app reads its errors.</li>
 * <li>A request from another origin is served without CORS headers: the browser keeps the answer from the script.
 * It is not refused, since the staff APIs take bearer tokens, never cookies, so a foreign page has no credentials
 * to borrow, and tools that send an {@code Origin} keep working.</li>
 * </ul>
 */
@ApplicationScoped
public class StaffCors {

    static final String METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
    static final String REQUEST_HEADERS = "Authorization, Content-Type, If-Match, If-None-Match, Idempotency-Key, "
            + "Accept-Language";
    /** What an app reads beyond the safelisted headers: where a created thing is, when to retry, versions, totals,
     * a download's file name, why a token was refused, whether an import was a repeat, where a moved path went. */
    static final String EXPOSED_HEADERS = "Location, Retry-After, ETag, X-Total-Count, Content-Disposition, "
            + "WWW-Authenticate, Import-Replayed, Deprecation, Sunset, Link";

    private final StaffOrigins origins;
    private final List<Pattern> ownPaths;
    private final String maxAge;

    public StaffCors(CorsConfig config) {
        this.origins = StaffOrigins.of(config.origins());
        this.ownPaths = config.ownPaths().orElse(List.of()).stream().map(String::strip).filter(p -> !p.isEmpty())
                .map(StaffCors::pathPattern).toList();
        this.maxAge = String.valueOf(config.maxAge().toSeconds());
    }

    void install(@Observes Router router) {
        // Before everything that may answer: HttpProblemRoutes' refusals (order -10), Quarkus' body limit (-2), the
        // resources and their 401s.
        router.route().order(-20).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (answersItself(path)) {
            ctx.next();
            return;
        }
        HttpServerResponse response = ctx.response();
        // The answer differs by Origin, so a cache must not hand one origin's answer to another.
        response.headers().add(HttpHeaders.VARY, "Origin");
        String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
        if (origin == null) {
            ctx.next();
            return;
        }
        boolean allowed = origins.allows(origin);
        boolean preflight = ctx.request().method() == HttpMethod.OPTIONS
                && ctx.request().getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null;
        if (preflight) {
            if (allowed) {
                response.setStatusCode(204)
                        .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin)
                        .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, METHODS)
                        .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, REQUEST_HEADERS)
                        .putHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, maxAge)
                        .end();
            } else {
                Problem problem = Problem.of("origin-not-allowed", 403, "Forbidden", "This origin may not call "
                        + "the Leadflow APIs from a browser. An administrator allows a staff app by adding its origin "
                        + "(scheme://host:port) to LEADFLOW_CORS_ORIGINS.").at(path);
                response.setStatusCode(403).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .end(EventJson.mapper().valueToTree(problem).toString());
            }
            return;
        }
        if (allowed) {
            response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin)
                    .putHeader(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
        }
        ctx.next();
    }

    private boolean answersItself(String path) {
        for (Pattern own : ownPaths) {
            if (own.matcher(path).matches()) {
                return true;
            }
        }
        return false;
    }

    /** {@code /api/v1/forms/*}{@code /submissions}: {@code *} is one path segment; a trailing slash matches too. */
    static Pattern pathPattern(String glob) {
        String[] parts = (glob.endsWith("/") ? glob.substring(0, glob.length() - 1) : glob).split("\\*", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            regex.append(i == 0 ? "" : "[^/]+").append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(regex + "/?");
    }
}
