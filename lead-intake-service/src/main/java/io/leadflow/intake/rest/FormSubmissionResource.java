package io.leadflow.intake.rest;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import io.leadflow.events.rest.Problem;
import io.leadflow.events.rest.ProblemException;
import io.leadflow.intake.service.FormService;
import io.leadflow.intake.service.RateLimiter;
import io.vertx.core.http.HttpServerRequest;

/**
 * The public endpoint a website form posts to: JSON from a script, or {@code application/x-www-form-urlencoded}
 * exactly as a plain HTML form sends it (then answered 303 to the form's redirect). CORS only for the form's
 * allowed origins; rate limited per client address.
 */
@Path("/api/v1/forms/{key}/submissions")
@Produces(MediaType.APPLICATION_JSON)
public class FormSubmissionResource {

    private static final Logger LOG = Logger.getLogger(FormSubmissionResource.class);

    public record SubmissionResponse(String submissionId, String status) {
    }

    private final FormService forms;
    private final RateLimiter rateLimiter;

    public FormSubmissionResource(FormService forms, RateLimiter rateLimiter) {
        this.forms = forms;
        this.rateLimiter = rateLimiter;
    }

    @OPTIONS
    public Response preflight(@PathParam("key") String key, @HeaderParam("Origin") String origin) {
        FormService.Form form = forms.get(key);
        if (!FormService.originAllowed(form, origin)) {
            throw originRefused(origin);
        }
        return Response.noContent()
                .header("Access-Control-Allow-Origin", origin.strip())
                .header("Access-Control-Allow-Methods", "POST, OPTIONS")
                .header("Access-Control-Allow-Headers", "Content-Type, Idempotency-Key")
                .header("Access-Control-Max-Age", "600")
                .header("Vary", "Origin").build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response submitJson(@PathParam("key") String key, Map<String, Object> body,
                               @HeaderParam("Origin") String origin,
                               @HeaderParam("Idempotency-Key") String idempotencyKey,
                               @Context HttpServerRequest request) {
        if (body == null) {
            throw ProblemException.badRequest("The request body is empty; send the form's fields as a JSON object.",
                    List.of(new Problem.FieldError("(body)", "is required")));
        }
        Map<String, String> fields = new LinkedHashMap<>();
        body.forEach((name, value) -> {
            if (value instanceof Map || value instanceof List) {
                throw ProblemException.badRequest("Field '" + name + "' must be a plain value, not an object or list.",
                        List.of(new Problem.FieldError(name, "must be a string, number or boolean")));
            }
            fields.put(name, value == null ? null : String.valueOf(value));
        });
        return submit(key, fields, origin, idempotencyKey, request, false);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response submitHtmlForm(@PathParam("key") String key, MultivaluedMap<String, String> body,
                                   @HeaderParam("Origin") String origin,
                                   @HeaderParam("Idempotency-Key") String idempotencyKey,
                                   @Context HttpServerRequest request) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (body != null) {
            body.forEach((name, values) -> fields.put(name, values == null ? null : String.join(" ", values)));
        }
        return submit(key, fields, origin, idempotencyKey, request, true);
    }

    private Response submit(String key, Map<String, String> fields, String origin, String idempotencyKey,
                            HttpServerRequest request, boolean browserPost) {
        FormService.Form form = forms.get(key);
        if (origin != null && !FormService.originAllowed(form, origin)) {
            LOG.infof("Form %s: refused a post from origin %s", key, origin);
            throw originRefused(origin);
        }
        String address = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        var wait = rateLimiter.attempt(key + "|" + address);
        if (wait.isPresent()) {
            long seconds = Math.max(1, (FormService.retryAfter(wait.get()).toMillis() + 999) / 1000);
            LOG.infof("Form %s: rate limited a client", key);
            throw new ProblemException(Problem.of("rate-limited", 429, "Too Many Requests",
                    "Too many submissions from this address; try again in " + seconds + " seconds."),
                    cors(form, origin, Map.of("Retry-After", String.valueOf(seconds))));
        }
        String idem = idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey.strip();
        if (idem != null && idem.length() > 200) {
            throw ProblemException.badRequest("The Idempotency-Key header is longer than 200 characters.",
                    List.of(new Problem.FieldError("Idempotency-Key", "at most 200 characters")));
        }
        FormService.Submission submission = forms.submit(form, fields, idem);
        Response.ResponseBuilder response;
        if (browserPost && form.redirectUrl() != null) {
            response = Response.seeOther(URI.create(form.redirectUrl()));
        } else {
            int status = "CREATED".equals(submission.outcome()) ? 201 : 202;
            response = Response.status(status).entity(new SubmissionResponse(submission.submissionId(), "RECEIVED"));
        }
        if (submission.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        cors(form, origin, Map.of()).forEach(response::header);
        return response.build();
    }

    private static Map<String, String> cors(FormService.Form form, String origin, Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>(extra);
        if (FormService.originAllowed(form, origin)) {
            headers.put("Access-Control-Allow-Origin", origin.strip());
            headers.put("Vary", "Origin");
        }
        return headers;
    }

    private static ProblemException originRefused(String origin) {
        return new ProblemException(Problem.of("origin-not-allowed", 403, "Forbidden",
                "This form does not accept posts from " + (origin == null ? "a page without an Origin" : origin)
                        + "; add the site to the form's allowedOrigins."));
    }
}
