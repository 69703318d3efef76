package io.leadflow.events.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class StaffOriginsTest {

    @Test
    void anOriginMatchesAsTheBrowserWritesItWhateverTheConfiguredSpelling() {
        StaffOrigins origins = StaffOrigins.of(List.of(" https://CRM.example.com:443/ ", "http://127.0.0.1:5173"));
        assertThat(origins.origins()).containsExactlyInAnyOrder("https://crm.example.com", "http://127.0.0.1:5173");
        assertThat(origins.allows("https://crm.example.com")).isTrue();
        assertThat(origins.allows("http://127.0.0.1:5173")).isTrue();
    }

    @Test
    void anotherSchemePortHostOrAnUnusableOriginIsNotAllowed() {
        StaffOrigins origins = StaffOrigins.of(List.of("https://crm.example.com", "http://127.0.0.1:5173"));
        for (String origin : new String[] {"http://crm.example.com", "https://crm.example.com:8443",
                "https://crm.example.com.evil.example", "http://127.0.0.1:5174", "http://localhost:5173", "null",
                "", "https://crm.example.com/path", "https://user@crm.example.com", "garbage", null}) {
            assertThat(origins.allows(origin)).as(origin).isFalse();
        }
    }

    @Test
    void noneAllowsNoBrowserApp() {
        assertThat(StaffOrigins.of(List.of("none")).origins()).isEmpty();
        assertThat(StaffOrigins.of(List.of("none")).allows("http://localhost:5173")).isFalse();
    }

    @Test
    void anEntryThatIsNoOriginFailsTheStartNamingTheVariable() {
        for (String entry : new String[] {"*", "crm.example.com", "https://crm.example.com/app", "ftp://x.example",
                "https://*.example.com"}) {
            assertThatThrownBy(() -> StaffOrigins.of(List.of(entry))).as(entry)
                    .hasMessageContaining("LEADFLOW_CORS_ORIGINS").hasMessageContaining("scheme://host");
        }
    }

    @Test
    void anOwnPathStarIsOnePathSegment() {
        var pattern = StaffCors.pathPattern("/api/v1/forms/*/submissions");
        assertThat(pattern.matcher("/api/v1/forms/contact-1/submissions").matches()).isTrue();
        assertThat(pattern.matcher("/api/v1/forms/contact-1/submissions/").matches()).isTrue();
        assertThat(pattern.matcher("/api/v1/forms/contact-1").matches()).isFalse();
        assertThat(pattern.matcher("/api/v1/forms").matches()).isFalse();
        assertThat(pattern.matcher("/api/v1/forms/a/b/submissions").matches()).isFalse();
        assertThat(pattern.matcher("/api/v1/forms//submissions").matches()).isFalse();
    }
}
