package io.leadflow.intake.rest;

import java.util.List;

import jakarta.ws.rs.core.Response;

import io.leadflow.events.rest.Html;
import io.leadflow.events.rest.Problem;
import io.leadflow.events.rest.ProblemException;
import io.leadflow.events.vocabulary.Language;

/**
 * A refused form post shown to the visitor whose browser made it: a plain HTML form navigates to the answer, so a
 * problem+json body would be raw JSON on the visitor's screen. When the post asked for HTML the same refusal (same
 * status and headers, such as Retry-After) answers a small page in the visitor's language, saying what to do, and
 * never quoting what was posted.
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
        boolean zh = language.chinese();
        String title;
        String text;
        List<String> items = List.of();
        switch (slug) {
            case "origin-not-allowed" -> {
                title = zh ? "提交未被接受" : "Your message was not accepted";
                text = zh ? "这个表单只接受来自其所在网站的提交。请回到表单所在的页面重新提交。"
                        : "This form accepts messages only from the website it is on. Please go back to the form's page and send it from there.";
            }
            case "rate-limited" -> {
                String wait = refusal.headers().getOrDefault("Retry-After", "60");
                title = zh ? "提交过于频繁" : "Too many messages";
                text = zh ? "请在 " + wait + " 秒后再提交。您填写的内容没有丢失，返回上一页即可重新提交。"
                        : "Please send it again in " + wait + " seconds. What you typed is still on the previous page.";
            }
            case "honeypot" -> {
                title = zh ? "提交未被保存" : "Your message was not kept";
                text = zh ? "这次提交看起来是自动发送的，没有保存。如果您是本人填写，请回到表单页面重新提交。"
                        : "This message looked automated and was not kept. If you filled it in yourself, please send it again from the form's page.";
            }
            case "not-found" -> {
                title = zh ? "表单不存在" : "This form no longer exists";
                text = zh ? "这个表单已停用或不存在，请通过网站上的其他方式联系我们。"
                        : "This form is no longer in use. Please contact us another way shown on the website.";
            }
            default -> {
                if (problem.status() == 400 && !problem.errors().isEmpty()) {
                    title = zh ? "请修改后重新提交" : "Please check your message";
                    text = zh ? "以下内容需要修改：" : "These fields need another look:";
                    items = errorsZh != null && zh
                            ? errorsZh.stream().map(e -> e.field() + "：" + e.message()).toList()
                            : problem.errors().stream().map(e -> e.field() + (zh ? "：" : ": ") + e.message()).toList();
                } else {
                    title = zh ? "提交未能完成" : "Your message could not be sent";
                    text = zh ? "提交未能完成（" + problem.status() + "）。请稍后再试。"
                            : "It could not be sent (" + problem.status() + "). Please try again later.";
                }
            }
        }
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"").append(zh ? "zh-CN" : "en")
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
            html.append("<p><a href=\"").append(Html.escape(backTo)).append("\">").append(zh ? "返回表单" : "Back to the form")
                    .append("</a></p>");
        }
        html.append("</body></html>\n");
        Response.ResponseBuilder response = Response.status(problem.status()).type("text/html; charset=UTF-8")
                .entity(html.toString()).header("Content-Language", zh ? "zh-CN" : "en")
                .header("Cache-Control", "no-store").header("Vary", "Accept, Accept-Language, Origin");
        refusal.headers().forEach((name, value) -> {
            if (!"Vary".equalsIgnoreCase(name)) {
                response.header(name, value);
            }
        });
        return response.build();
    }
}
