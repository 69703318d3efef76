package io.leadflow.intake.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class WebOriginTest {

    private static final List<String> ALLOWED = List.of("https://www.xingchen-soft.cn", "http://localhost:8080");

    @Test
    void theOriginHeaderDecidesAndTheRefererOnlyWhenThereIsNone() {
        assertThat(WebOrigin.of("https://www.xingchen-soft.cn", "https://evil.example/x"))
                .contains("https://www.xingchen-soft.cn");
        assertThat(WebOrigin.of(null, "https://www.xingchen-soft.cn/contact.html?utm_source=baidu#form"))
                .contains("https://www.xingchen-soft.cn");
        assertThat(WebOrigin.of(" ", null)).isEmpty();
    }

    @Test
    void originsCompareAsSchemeHostAndPortWithDefaultPortsLeftOut() {
        assertThat(WebOrigin.allowed(ALLOWED, WebOrigin.of("HTTPS://WWW.XINGCHEN-SOFT.CN:443", null).orElseThrow()))
                .isTrue();
        assertThat(WebOrigin.allowed(ALLOWED, WebOrigin.of("http://localhost:8080", null).orElseThrow())).isTrue();
        assertThat(WebOrigin.allowed(ALLOWED, WebOrigin.of("http://www.xingchen-soft.cn", null).orElseThrow()))
                .as("another scheme is another origin").isFalse();
        assertThat(WebOrigin.allowed(ALLOWED, WebOrigin.of("http://localhost:8081", null).orElseThrow())).isFalse();
    }

    @Test
    void lookalikeSubdomainsUserInfoAndOpaqueOriginsAreNeverAllowed() {
        for (String origin : List.of("https://www.xingchen-soft.cn.evil.example", "https://evil.example",
                "null", "file:///C:/form.html", "https://www.xingchen-soft.cn@evil.example", "not a url")) {
            Optional<String> read = WebOrigin.of(origin, null);
            assertThat(read).as(origin).isPresent();
            assertThat(WebOrigin.allowed(ALLOWED, read.get())).as(origin).isFalse();
        }
    }
}
