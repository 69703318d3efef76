package io.leadflow.intake.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import io.leadflow.events.domain.Violation;
import io.leadflow.events.rest.Problem;
import io.leadflow.events.rest.ProblemException;
import io.leadflow.events.vocabulary.Language;

/**
 * The public form's refusal page, byte for byte, for every kind of refusal in both languages: the visitor reads it,
 * so moving its words into a bundle must not change a character, an escape or a header.
 */
class RefusalPageTest {

    private static final String BACK = "https://www.yunfan-trade.cn/contact?a=1&b=2";

    private static String page(String lang, String title, String text, List<String> items, String back) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"" + lang + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width\"><meta name=\"robots\" content=\"noindex\">"
                + "<title>" + title + "</title><style>body{font-family:system-ui,sans-serif;max-width:36em;margin:3em auto;"
                + "padding:0 1em;line-height:1.6;color:#222}h1{font-size:1.4em}</style></head><body><h1>" + title
                + "</h1><p>" + text + "</p>");
        if (!items.isEmpty()) {
            html.append("<ul>");
            items.forEach(i -> html.append("<li>").append(i).append("</li>"));
            html.append("</ul>");
        }
        if (back != null) {
            html.append("<p><a href=\"https://www.yunfan-trade.cn/contact?a=1&amp;b=2\">").append(back).append("</a></p>");
        }
        return html.append("</body></html>\n").toString();
    }

    private static ProblemException refusal(String slug, int status) {
        return new ProblemException(Problem.of(slug, status, "t", "d"));
    }

    private static Response render(ProblemException refusal, List<Violation> errorsZh, Language language, String backTo) {
        return RefusalPage.of(refusal, errorsZh, language, backTo);
    }

    private static void assertPage(Response response, int status, String lang, String body) {
        assertThat(response.getStatus()).isEqualTo(status);
        assertThat(response.getEntity()).isEqualTo(body);
        assertThat(response.getHeaderString("Content-Language")).isEqualTo(lang);
        assertThat(response.getHeaderString("Cache-Control")).isEqualTo("no-store");
        assertThat(response.getHeaderString("Vary")).isEqualTo("Accept, Accept-Language, Origin");
    }

    @Test
    void aForeignOrigin() {
        ProblemException r = refusal("origin-not-allowed", 403);
        assertPage(render(r, null, Language.ZH, BACK), 403, "zh-CN", page("zh-CN", "提交未被接受",
                "这个表单只接受来自其所在网站的提交。请回到表单所在的页面重新提交。", List.of(), "返回表单"));
        assertPage(render(r, null, Language.EN, null), 403, "en", page("en", "Your message was not accepted",
                "This form accepts messages only from the website it is on. Please go back to the form&#39;s page and "
                        + "send it from there.", List.of(), null));
    }

    @Test
    void tooManyPostsSayHowLongToWaitAndKeepRetryAfter() {
        ProblemException r = new ProblemException(Problem.of("rate-limited", 429, "t", "d"), Map.of("Retry-After", "1200"));
        Response zh = render(r, null, Language.ZH, BACK);
        assertPage(zh, 429, "zh-CN", page("zh-CN", "提交过于频繁",
                "请在 1200 秒后再提交。您填写的内容没有丢失，返回上一页即可重新提交。", List.of(), "返回表单"));
        assertThat(zh.getHeaderString("Retry-After")).isEqualTo("1200");
        assertPage(render(r, null, Language.EN, BACK), 429, "en", page("en", "Too many messages",
                "Please send it again in 1200 seconds. What you typed is still on the previous page.", List.of(),
                "Back to the form"));
        ProblemException noHeader = refusal("rate-limited", 429);
        assertPage(render(noHeader, null, Language.EN, null), 429, "en", page("en", "Too many messages",
                "Please send it again in 60 seconds. What you typed is still on the previous page.", List.of(), null));
        assertPage(render(noHeader, null, Language.ZH, null), 429, "zh-CN", page("zh-CN", "提交过于频繁",
                "请在 60 秒后再提交。您填写的内容没有丢失，返回上一页即可重新提交。", List.of(), null));
    }

    @Test
    void aHoneypotCatch() {
        ProblemException r = refusal("honeypot", 422);
        assertPage(render(r, null, Language.ZH, null), 422, "zh-CN", page("zh-CN", "提交未被保存",
                "这次提交看起来是自动发送的，没有保存。如果您是本人填写，请回到表单页面重新提交。", List.of(), null));
        assertPage(render(r, null, Language.EN, BACK), 422, "en", page("en", "Your message was not kept",
                "This message looked automated and was not kept. If you filled it in yourself, please send it again "
                        + "from the form&#39;s page.", List.of(), "Back to the form"));
    }

    @Test
    void aFormThatIsGone() {
        ProblemException r = refusal("not-found", 404);
        assertPage(render(r, null, Language.ZH, null), 404, "zh-CN", page("zh-CN", "表单不存在",
                "这个表单已停用或不存在，请通过网站上的其他方式联系我们。", List.of(), null));
        assertPage(render(r, null, Language.EN, null), 404, "en", page("en", "This form no longer exists",
                "This form is no longer in use. Please contact us another way shown on the website.", List.of(), null));
    }

    @Test
    void fieldsToFixAreListedByTheTemplatesNamesInChineseOrTheProblemsOwn() {
        ProblemException r = new ProblemException(Problem.of("invalid-input", 400, "t", "d").withErrors(List.of(
                new Problem.FieldError("email", "is not a valid email <address>"),
                new Problem.FieldError("budget", "is longer than 100 characters"))));
        List<Violation> zhErrors = List.of(new Violation("邮箱", "不是有效的邮箱地址"), new Violation("预算", "超过 100 个字符"));
        assertPage(render(r, zhErrors, Language.ZH, BACK), 400, "zh-CN", page("zh-CN", "请修改后重新提交",
                "以下内容需要修改：", List.of("邮箱：不是有效的邮箱地址", "预算：超过 100 个字符"), "返回表单"));
        assertPage(render(r, null, Language.ZH, null), 400, "zh-CN", page("zh-CN", "请修改后重新提交",
                "以下内容需要修改：", List.of("email：is not a valid email &lt;address&gt;", "budget：is longer than 100 characters"),
                null));
        assertPage(render(r, zhErrors, Language.EN, null), 400, "en", page("en", "Please check your message",
                "These fields need another look:", List.of("email: is not a valid email &lt;address&gt;",
                        "budget: is longer than 100 characters"), null));
    }

    @Test
    void anythingElseSaysItsStatus() {
        ProblemException r = refusal("server-error", 503);
        assertPage(render(r, null, Language.ZH, null), 503, "zh-CN", page("zh-CN", "提交未能完成",
                "提交未能完成（503）。请稍后再试。", List.of(), null));
        assertPage(render(r, null, Language.EN, BACK), 503, "en", page("en", "Your message could not be sent",
                "It could not be sent (503). Please try again later.", List.of(), "Back to the form"));
        ProblemException noErrors = refusal("invalid-input", 400);
        assertPage(render(noErrors, null, Language.EN, null), 400, "en", page("en", "Your message could not be sent",
                "It could not be sent (400). Please try again later.", List.of(), null));
        assertPage(render(noErrors, null, Language.ZH, null), 400, "zh-CN", page("zh-CN", "提交未能完成",
                "提交未能完成（400）。请稍后再试。", List.of(), null));
    }
}
