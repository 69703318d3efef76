package io.leadflow.intake.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class FormBodyTest {

    private static final Charset GBK = Charset.forName("GBK");

    /** What a browser sends for a form on a page served in {@code charset}. */
    private static byte[] post(Charset charset, String... nameValues) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < nameValues.length; i += 2) {
            body.append(body.isEmpty() ? "" : "&").append(URLEncoder.encode(nameValues[i], charset)).append('=')
                    .append(URLEncoder.encode(nameValues[i + 1], charset));
        }
        return body.toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aGbkPageWithoutAcceptCharsetIsReadAsGb18030() throws Exception {
        FormBody body = FormBody.decode(post(GBK, "company", "星辰商贸有限公司", "budget", "5-8万", "name", "张经理"),
                "application/x-www-form-urlencoded");
        assertThat(body.fields()).containsEntry("company", "星辰商贸有限公司").containsEntry("budget", "5-8万")
                .containsEntry("name", "张经理");
        assertThat(body.charset()).isEqualTo("GB18030");
    }

    @Test
    void utf8IsReadAsUtf8AndTheDeclaredCharsetWins() throws Exception {
        FormBody utf8 = FormBody.decode(post(StandardCharsets.UTF_8, "客户名称", "云帆商贸", "message", "a+b & c"),
                "application/x-www-form-urlencoded");
        assertThat(utf8.fields()).containsEntry("客户名称", "云帆商贸").containsEntry("message", "a+b & c");
        assertThat(utf8.charset()).isEqualTo("UTF-8");

        FormBody declared = FormBody.decode(post(GBK, "company", "云帆"), "application/x-www-form-urlencoded; charset=GBK");
        assertThat(declared.fields()).containsEntry("company", "云帆");

        FormBody hidden = FormBody.decode(post(Charset.forName("Big5"), "_charset_", "Big5", "company", "雲帆"), null);
        assertThat(hidden.fields()).containsExactly(java.util.Map.entry("company", "雲帆"));
    }

    @Test
    void charactersAGbkPageCannotEncodeComeBackFromTheirReferences() throws Exception {
        byte[] body = ("need=" + URLEncoder.encode("需要CRM", GBK) + "%26%23128512%3B").getBytes(StandardCharsets.US_ASCII);
        assertThat(FormBody.decode(body, null).fields().get("need")).isEqualTo("需要CRM😀");
        // A UTF-8 page can send every character itself, so what looks like a reference is text someone typed.
        byte[] typed = ("need=" + URLEncoder.encode("需要&#128512;", StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII);
        assertThat(FormBody.decode(typed, null).fields().get("need")).isEqualTo("需要&#128512;");
    }

    @Test
    void bytesTheCharsetCannotReadAreRefusedNotStoredAsReplacementCharacters() {
        byte[] gbk = post(GBK, "company", "星辰");
        assertThatThrownBy(() -> FormBody.decode(gbk, "application/x-www-form-urlencoded; charset=UTF-8"))
                .isInstanceOf(FormBody.UnreadableException.class).hasMessageContaining("company")
                .hasMessageNotContaining("星辰");
        byte[] lost = post(StandardCharsets.UTF_8, "company", "星辰\uFFFD\uFFFD");
        assertThatThrownBy(() -> FormBody.decode(lost, null)).isInstanceOf(FormBody.UnreadableException.class);
        assertThatThrownBy(() -> FormBody.decode(post(GBK, "a", "b"), "application/x-www-form-urlencoded; charset=klingon"))
                .isInstanceOf(FormBody.UnreadableException.class).hasMessageContaining("charset");
    }

    @Test
    void repeatedNamesJoinAndOddEscapesAreTakenAsWritten() throws Exception {
        FormBody body = FormBody.decode("a=1&a=2&b=100%&&=x&c".getBytes(StandardCharsets.US_ASCII), null);
        assertThat(body.fields()).containsEntry("a", "1 2").containsEntry("b", "100%").containsEntry("c", "")
                .hasSize(3);
    }
}
