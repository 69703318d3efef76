package io.leadflow.intake.rest;

import java.net.URI;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.leadflow.events.contract.EventJson;
import io.leadflow.events.domain.Refusal;
import io.leadflow.events.domain.Violation;
import io.leadflow.events.rest.Problem;
import io.leadflow.events.rest.ProblemException;
import io.leadflow.events.vocabulary.Language;
import io.leadflow.intake.config.IntakeConfig;
import io.leadflow.intake.domain.ClientAddress;
import io.leadflow.intake.domain.FormBody;
import io.leadflow.intake.domain.WebOrigin;
import io.leadflow.intake.service.FormService;
import io.leadflow.intake.service.RateLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpServerRequest;

/**
 * The public endpoint a website form posts to (no token): JSON from a script, or
 * {@code application/x-www-form-urlencoded} exactly as a plain HTML form sends it, in the page's own charset (see
 * {@link FormBody}; then answered 303 to the form's redirect). In order, a post must pass: the per-address rate limit, a known form key, an allowed origin
 * ({@code Origin}, else {@code Referer}; required unless the form says otherwise), the per-form rate limit, a bounded
 * body (FormBodyLimit, before any of this), the honeypot and the fields' validation. Every refusal is a problem
 * that never quotes what was posted; nothing refused is stored.
 */
@Tag(name = "Forms",
        description = "Website forms: each with its key, allowed origins and thank-you page, and the public endpoint "
                + "visitors post to")
@Path("/api/v1/forms/{key}/submissions")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class FormSubmissionResource {

    private static final Logger LOG = Logger.getLogger(FormSubmissionResource.class);
    private static final int MAX_FIELDS = 60;

    public record SubmissionResponse(String submissionId, String status) {
    }

    private final FormService forms;
    private final RateLimiter rateLimiter;
    private final IntakeConfig.Forms config;
    private final MeterRegistry registry;

    private final List<ClientAddress.Cidr> trustedProxies;

    public FormSubmissionResource(FormService forms, RateLimiter rateLimiter, IntakeConfig config,
                                  MeterRegistry registry) {
        this.forms = forms;
        this.rateLimiter = rateLimiter;
        this.config = config.forms();
        this.registry = registry;
        // A mistyped block fails the start, rather than silently trusting no proxy (or the wrong one).
        this.trustedProxies = config.forms().trustedProxies().orElse(List.of()).stream()
                .filter(s -> !s.isBlank()).map(ClientAddress.Cidr::parse).toList();
    }

    /**
     * Refusals are counted ({@code leadflow_form_refusals_total{reason}}) rather than logged one by one: a flood
     * must not become a flood of log lines.
     */
    private void refused(String reason) {
        registry.counter("leadflow.form.refusals", "reason", reason).increment();
    }

    /**
     * CORS preflight: only an allowed origin gets the Access-Control headers; anything else is a 403 problem. An
     * address's preflights have a limit of their own, so a flood of them is refused before it reads a form.
     */
    @OPTIONS
    @Operation(hidden = true) // a browser's CORS preflight, not an operation a client calls
    public Response preflight(@PathParam("key") String key, @HeaderParam("Origin") String originHeader,
                              @Context HttpServerRequest request) {
        // Counted apart from posts (a script's submission is a preflight and a post), with the same limit.
        Optional<Duration> wait = rateLimiter.attempt("preflight|" + clientAddress(request), config.rateLimit(),
                config.rateWindow());
        if (wait.isPresent()) {
            refused("preflight-rate");
            throw rateLimited("Too many requests from this address", wait.get(), forms.recentlyRead(key).orElse(null),
                    WebOrigin.of(originHeader, null).orElse(null));
        }
        FormService.Form form = forms.get(key);
        Optional<String> origin = WebOrigin.of(originHeader, null);
        if (origin.isEmpty() || !FormService.originAllowed(form, origin.get())) {
            throw originRefused();
        }
        return Response.noContent()
                .header("Access-Control-Allow-Origin", origin.get())
                .header("Access-Control-Allow-Methods", "POST, OPTIONS")
                .header("Access-Control-Allow-Headers", "Content-Type, Idempotency-Key")
                .header("Access-Control-Max-Age", "600")
                .header("Vary", "Origin").build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "submitForm", summary = "A website visitor's submission (no token): JSON from a script, "
            + "or the browser's urlencoded post answered with a redirect to the thank-you page")
    @APIResponse(responseCode = "202",
            description = "Received: the lead is captured or joined to the one it matches (the answer does not say "
                    + "which)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SubmissionResponse.class)))
    @APIResponse(responseCode = "429",
            description = "Too many submissions from this address or to this form; Retry-After says when to try again")
    public Response submitJson(@PathParam("key") String key, byte[] body,
                               @HeaderParam("Content-Type") String contentType,
                               @HeaderParam("Origin") String origin, @HeaderParam("Referer") String referer,
                               @HeaderParam("Idempotency-Key") String idempotencyKey,
                               @Context HttpServerRequest request) {
        Gate gate = admit(key, origin, referer, request);
        String text;
        try {
            text = FormBody.text(body, contentType);
        } catch (FormBody.UnreadableException e) {
            throw FormService.publicProblem(List.of(e.error()), List.of());
        }
        return submit(gate, json(text), idempotencyKey, false);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(operationId = "submitForm", summary = "A website visitor's submission (no token): JSON from a script, "
            + "or the browser's urlencoded post answered with a redirect to the thank-you page")
    @APIResponse(responseCode = "303",
            description = "Received: the browser goes on to the form's thank-you page (Location)")
    @APIResponse(responseCode = "429",
            description = "Too many submissions from this address or to this form; Retry-After says when to try again")
    public Response submitHtmlForm(@PathParam("key") String key, byte[] body,
                                   @HeaderParam("Content-Type") String contentType,
                                   @HeaderParam("Origin") String origin, @HeaderParam("Referer") String referer,
                                   @HeaderParam("Idempotency-Key") String idempotencyKey,
                                   @HeaderParam("Accept") String accept,
                                   @HeaderParam("Accept-Language") String acceptLanguage,
                                   @Context HttpServerRequest request) {
        try {
            Gate gate = admit(key, origin, referer, request);
            FormBody form;
            try {
                form = FormBody.decode(body, contentType);
            } catch (FormBody.UnreadableException e) {
                throw FormService.publicProblem(List.of(e.error()), List.of());
            }
            if (form.fields().size() > MAX_FIELDS) {
                throw tooManyFields();
            }
            return submit(gate, form.fields(), idempotencyKey, true);
        } catch (ProblemException | Refusal refused) {
            if (!RefusalPage.wanted(accept)) {
                throw refused;
            }
            ProblemException refusal = refused instanceof Refusal r ? ProblemException.of(r) : (ProblemException) refused;
            List<Violation> errorsZh = refused instanceof FormService.PublicRefusal p ? p.errorsZh() : null;
            return RefusalPage.of(refusal, errorsZh, Language.of(null, acceptLanguage), formPage(key, referer));
        }
    }

    /** The page the visitor came from, when it is on one of the form's own sites: where "back" should lead. */
    private String formPage(String key, String referer) {
        Optional<String> site = WebOrigin.of(null, referer);
        Optional<FormService.Form> form = forms.recentlyRead(key);
        if (site.isEmpty() || form.isEmpty() || !FormService.originAllowed(form.get(), site.get())) {
            return null;
        }
        try {
            URI uri = URI.create(referer.strip());
            return "http".equals(uri.getScheme()) || "https".equals(uri.getScheme()) ? uri.toString() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private String clientAddress(HttpServerRequest request) {
        return ClientAddress.of(request.remoteAddress() == null ? null : request.remoteAddress().hostAddress(),
                request.getHeader("X-Forwarded-For"), config.trustedProxyHops(), trustedProxies);
    }

    /** A post that passed the address limit, names a form, comes from an allowed origin and fits the form's limit. */
    private record Gate(FormService.Form form, String origin) {
    }

    private Gate admit(String key, String originHeader, String referer, HttpServerRequest request) {
        Optional<Duration> wait = rateLimiter.attempt("address|" + clientAddress(request), config.rateLimit(),
                config.rateWindow());
        Optional<String> origin = WebOrigin.of(originHeader, referer);
        if (wait.isPresent()) {
            refused("address-rate");
            throw rateLimited("Too many submissions from this address", wait.get(),
                    forms.recentlyRead(key).orElse(null), origin.orElse(null));
        }
        FormService.Form form = forms.get(key);
        if (origin.isPresent() ? !FormService.originAllowed(form, origin.get())
                : form.requireOrigin() == null || form.requireOrigin()) {
            LOG.debugf("Form %s: refused a post from a %s origin", key, origin.isPresent() ? "disallowed" : "missing");
            refused("origin");
            throw originRefused();
        }
        wait = rateLimiter.attempt("form|" + form.key(), config.perFormRateLimit(), config.rateWindow());
        if (wait.isPresent()) {
            LOG.debugf("Form %s: over its own rate limit", key);
            refused("form-rate");
            throw rateLimited("This form is receiving too many submissions", wait.get(), form, origin.orElse(null));
        }
        return new Gate(form, origin.orElse(null));
    }

    private Response submit(Gate gate, Map<String, String> fields, String idempotencyKey, boolean browserPost) {
        String idem = idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey.strip();
        if (idem != null && !idem.matches("[\\x21-\\x7E]{1,200}")) {
            throw ProblemException.badRequest("The Idempotency-Key header must be 1-200 visible ASCII characters, "
                    + "e.g. a UUID made once per click.", List.of(new Problem.FieldError("Idempotency-Key",
                    "use 1-200 visible ASCII characters")));
        }
        FormService.Submission submission = forms.submit(gate.form(), fields, idem, gate.origin());
        Response.ResponseBuilder response;
        if (browserPost && gate.form().redirectUrl() != null) {
            response = Response.seeOther(URI.create(gate.form().redirectUrl()));
        } else {
            // The same answer whether the post made a lead or joined one: a public form must not tell anyone whether a
            // phone, email or company is already in the pipeline.
            response = Response.accepted(new SubmissionResponse(submission.submissionId(), "RECEIVED"));
        }
        if (submission.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        cors(gate.form(), gate.origin(), Map.of()).forEach(response::header);
        return response.build();
    }

    /** The JSON body as field -> text, read here so that no parser message can quote the body back. */
    private static Map<String, String> json(String body) {
        if (body == null || body.isBlank()) {
            throw ProblemException.badRequest("The request body is empty; send the form's fields as a JSON object.",
                    List.of(new Problem.FieldError("(body)", "is required")));
        }
        JsonNode tree;
        try {
            tree = EventJson.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("The request body is not valid JSON; send the form's fields as one "
                    + "JSON object of names and values.", List.of(new Problem.FieldError("(body)", "is not valid JSON")));
        }
        if (tree == null || !tree.isObject()) {
            throw ProblemException.badRequest("The request body must be a JSON object of field names and values.",
                    List.of(new Problem.FieldError("(body)", "must be a JSON object")));
        }
        if (tree.size() > MAX_FIELDS) {
            throw tooManyFields();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            if (value.isContainerNode()) {
                throw ProblemException.badRequest("Every field must be a plain value (text, number or true/false), "
                        + "not an object or a list.", List.of(new Problem.FieldError("(body)",
                        "holds an object or list as a field value")));
            }
            fields.put(field.getKey(), value.isNull() ? null : value.asText());
        }
        return fields;
    }

    private static ProblemException tooManyFields() {
        return ProblemException.badRequest("The submission has more than " + MAX_FIELDS + " fields; a form sends its "
                + "own fields only.", List.of(new Problem.FieldError("(body)", "at most " + MAX_FIELDS + " fields")));
    }

    private static ProblemException rateLimited(String what, Duration wait, FormService.Form form, String origin) {
        long seconds = RateLimiter.retryAfterSeconds(wait);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Retry-After", String.valueOf(seconds));
        if (form != null) {
            headers.putAll(cors(form, origin, Map.of()));
        }
        return new ProblemException(Problem.of("rate-limited", 429, "Too Many Requests",
                what + "; try again in " + seconds + " seconds."), headers);
    }

    private static Map<String, String> cors(FormService.Form form, String origin, Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>(extra);
        if (origin != null && FormService.originAllowed(form, origin)) {
            headers.put("Access-Control-Allow-Origin", origin);
            headers.put("Vary", "Origin");
        }
        return headers;
    }

    private static ProblemException originRefused() {
        return new ProblemException(Problem.of("origin-not-allowed", 403, "Forbidden",
                "This form accepts posts only from the sites in its allowedOrigins, and the request named none of "
                        + "them (Origin, else Referer). Post from the page the form is on, or add that site to the "
                        + "form's allowedOrigins."));
    }
}
