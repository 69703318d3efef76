package io.leadflow.events.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MediaTypesTest {

    @Test
    void oneMediaTypeWithParametersIsReadable() {
        for (String ok : new String[]{"application/json", "application/json; charset=UTF-8", "application/json;charset=utf-8",
                "text/csv; charset=GB18030", "application/x-www-form-urlencoded; charset=GBK",
                "multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW",
                "multipart/form-data; boundary=\"a b;c\"", "application/merge-patch+json", "text/plain;", " text/html "}) {
            assertThat(MediaTypes.refusal(ok)).as(ok).isNull();
        }
    }

    @Test
    void whatIsNotOneMediaTypeIsA400() {
        for (String bad : new String[]{"application/json, text/plain", "/", ";;;", "application/", "a".repeat(5000),
                "aaaa", "application/json; charset", "text/plain; a=b c", "application/json\u0000"}) {
            Problem p = MediaTypes.refusal(bad);
            assertThat(p).as(bad).isNotNull();
            assertThat(p.status()).isEqualTo(400);
            assertThat(p.detail()).doesNotContain("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        }
        assertThat(MediaTypes.refusal("")).isNull();
    }

    @Test
    void anUnknownCharsetOrJsonThatIsNotUtf8IsA415() {
        assertThat(MediaTypes.refusal("application/json; charset=klingon").status()).isEqualTo(415);
        assertThat(MediaTypes.refusal("application/json; charset=UTF-16").status()).isEqualTo(415);
        assertThat(MediaTypes.refusal("application/problem+json; charset=UTF-32").status()).isEqualTo(415);
        assertThat(MediaTypes.refusal("text/csv; charset=x-no-such-charset").status()).isEqualTo(415);
        assertThat(MediaTypes.refusal("text/csv; charset=x-\u4e2d").status()).isEqualTo(400); // not even a token
    }
}
