package io.leadflow.events.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.leadflow.events.contract.EventJson;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Problem bodies for what the HTTP layer refuses before any resource runs: a body over the size limit (413), a
 * {@code Content-Type} that is not a media type (400) or names a charset no one can read (415), and a path no route
 * serves (404). Without this the client would get an empty, plain-text or HTML answer, or a 500 from the framework's
 * own media-type parser.
 */
@ApplicationScoped
public class HttpProblemRoutes {

    private final long maxBodyBytes;
    private final long maxImportBodyBytes;

    public HttpProblemRoutes(
            @ConfigProperty(name = "leadflow.http.max-body-size", defaultValue = "1M") MemorySize maxBody,
            @ConfigProperty(name = "leadflow.http.max-import-body-size", defaultValue = "20M") MemorySize maxImport) {
        this.maxBodyBytes = maxBody.asLongValue();
        this.maxImportBodyBytes = maxImport.asLongValue();
    }

    void install(@Observes Router router) {
        // Before Quarkus' own limit check (order -2), which answers 413 with an empty body.
        router.route().order(-10).handler(this::refuseOversizedBodies);
        router.route().last().handler(ctx -> respond(ctx, Problem.of("not-found", 404, "Not Found",
                "There is nothing at " + ctx.normalizedPath() + ". See /q/openapi for the API.")));
    }

    private void refuseOversizedBodies(RoutingContext ctx) {
        // An answer sent before the request's body was read (a refusal here, a 401 before the resource): the server
        // will not read the rest, so the connection cannot carry another request. Saying so keeps a keep-alive
        // client from sending its next request into a connection that is about to close.
        ctx.addHeadersEndHandler(v -> {
            if (!ctx.request().isEnded()) {
                ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
            }
        });
        String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType != null) {
            Problem problem = MediaTypes.refusal(contentType);
            if (problem != null) {
                respond(ctx, problem);
                return;
            }
        }
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            long limit = ctx.normalizedPath().startsWith("/api/v1/imports/") ? maxImportBodyBytes : maxBodyBytes;
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                respond(ctx, Problem.of("malformed-request", 400, "Bad Request", "Content-Length is not a number."));
                return;
            }
            if (declared > limit) {
                ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
                respond(ctx, Problem.of("body-too-large", 413, "Content Too Large",
                        "The request body is " + declared + " bytes; this endpoint accepts at most " + limit
                                + " bytes."));
                return;
            }
        }
        ctx.next();
    }

    private static void respond(RoutingContext ctx, Problem problem) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(EventJson.mapper().valueToTree(problem.at(ctx.normalizedPath())).toString());
    }
}
