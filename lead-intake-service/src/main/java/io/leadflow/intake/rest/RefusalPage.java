package io.leadflow.intake.rest;

import java.util.List;

import jakarta.ws.rs.core.Response;

import io.leadflow.events.rest.Html;
import io.leadflow.events.rest.Problem;
import io.leadflow.events.rest.ProblemException;
import io.leadflow.events.vocabulary.Language;
import io.leadflow.intake.service.Wording;

/**
 * A refused form post shown to the visitor whose browser made it: a plain HTML form navigates to the answer, so a
 * problem+json body would be raw JSON on the visitor's screen. When the post asked for HTML the same refusal (same
 * status and headers, such as Retry-After) answers a small page in the visitor's language, saying what to do, and
 * never quoting what was posted. Its words are the service's bundles' ({@code refusal.*}, see {@link Wording}).
 */
final class RefusalPage {

    private RefusalPage() {
    }

    /** A browser navigating (a form's post) asks for text/html; a script's fetch usually asks for JSON or anything. */
    static boolean wanted(String accept) {
        return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("text/html");
    }

    /**
     * @param errorsZh the fields at fault by the template's Chinese names, for a page in Chinese; null to use the
     *                 problem's own
     * @param backTo the page the form is on, when it is one of the form's own sites; null for no link
     */
    static Response of(ProblemException refusal, List<io.leadflow.events.domain.Violation> errorsZh, Language language,
                       String backTo) {
        Problem problem = refusal.problem();
        String slug = problem.type() == null ? "" : problem.type().getPath().replaceFirst(".*/", "");
        String kind = switch (slug) {
            case "origin-not-allowed", "rate-limited", "honeypot", "not-found" -> slug;
            default -> problem.status() == 400 && !problem.errors().isEmpty() ? "fields" : "other";
        };
        String argument = switch (kind) {
            case "rate-limited" -> refusal.headers().getOrDefault("Retry-After", "60");
            case "other" -> String.valueOf(problem.status());
            default -> "";
        };
        String title = Wording.text(language, "refusal." + kind + ".title");
        String text = Wording.text(language, "refusal." + kind + ".text", argument);
        List<String> items = List.of();
        if (kind.equals("fields")) {
            // errorsZh name the fields as the template does, which only a Chinese page should show
            items = errorsZh != null && language == Language.ZH
                    ? errorsZh.stream().map(e -> item(language, e.field(), e.message())).toList()
                    : problem.errors().stream().map(e -> item(language, e.field(), e.message())).toList();
        }
        String lang = Wording.text(language, "refusal.lang");
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"").append(lang)
                .append("\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">")
                .append("<meta name=\"robots\" content=\"noindex\"><title>").append(Html.escape(title)).append("</title>")
                .append("<style>body{font-family:system-ui,sans-serif;max-width:36em;margin:3em auto;padding:0 1em;")
                .append("line-height:1.6;color:#222}h1{font-size:1.4em}</style></head><body><h1>")
                .append(Html.escape(title)).append("</h1><p>").append(Html.escape(text)).append("</p>");
        if (!items.isEmpty()) {
            html.append("<ul>");
            items.forEach(i -> html.append("<li>").append(Html.escape(i)).append("</li>"));
            html.append("</ul>");
        }
        if (backTo != null) {
            html.append("<p><a href=\"").append(Html.escape(backTo)).append("\">")
                    .append(Wording.text(language, "refusal.back")).append("</a></p>");
        }
        html.append("</body></html>\n");
        Response.ResponseBuilder response = Response.status(problem.status()).type("text/html; charset=UTF-8")
                .entity(html.toString()).header("Content-Language", lang)
                .header("Cache-Control", "no-store").header("Vary", "Accept, Accept-Language, Origin");
        refusal.headers().forEach((name, value) -> {
            if (!"Vary".equalsIgnoreCase(name)) {
                response.header(name, value);
            }
        });
        return response.build();
    }

    private static String item(Language language, String field, String message) {
        return Wording.text(language, "refusal.fields.item", field, message);
    }
}
