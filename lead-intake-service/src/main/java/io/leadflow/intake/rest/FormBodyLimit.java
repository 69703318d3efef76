package io.leadflow.intake.rest;

import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.leadflow.events.contract.EventJson;
import io.leadflow.events.rest.Problem;
import io.leadflow.intake.config.IntakeConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The public form endpoint reads no body it has not sized first: a post must declare its length, and a length past
 * {@code leadflow.intake.forms.max-body-size} is a 413 problem before a byte of it is read (a chunked body of
 * unknown length is a 411). Staff endpoints keep lead-events' general limit.
 */
@ApplicationScoped
public class FormBodyLimit {

    private static final Pattern SUBMISSIONS = Pattern.compile("/api/v1/forms/[^/]+/submissions/?");

    private final long maxBytes;

    public FormBodyLimit(IntakeConfig config) {
        this.maxBytes = config.forms().maxBodySize().asLongValue();
    }

    void install(@Observes Router router) {
        // After lead-events' general check (order -10), before Quarkus reads the body.
        router.route().order(-9).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        if (ctx.request().method() != HttpMethod.POST || !SUBMISSIONS.matcher(ctx.normalizedPath()).matches()) {
            ctx.next();
            return;
        }
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            refuse(ctx, Problem.of("length-required", 411, "Length Required", "A form submission must declare its "
                    + "Content-Length (browsers always do); at most " + maxBytes + " bytes are accepted."));
            return;
        }
        long declared;
        try {
            declared = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            refuse(ctx, Problem.of("malformed-request", 400, "Bad Request", "Content-Length is not a number."));
            return;
        }
        if (declared > maxBytes) {
            refuse(ctx, Problem.of("body-too-large", 413, "Content Too Large", "A form submission is at most "
                    + maxBytes + " bytes; this one declares " + declared + "."));
            return;
        }
        ctx.next();
    }

    private static void refuse(RoutingContext ctx, Problem problem) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONNECTION, "close")
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(EventJson.mapper().valueToTree(problem.at(ctx.normalizedPath())).toString());
    }
}
