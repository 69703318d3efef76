package io.leadflow.events.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class PathAliasRuleTest {

    @Test
    void aNamedSegmentIsCarriedToTheNewPath() {
        PathAliases.Alias alias = PathAliases.Alias.parse("/api/v1/leads/{leadId}/grade -> /api/v1/grades/{leadId}");
        assertThat(alias.successorOf("/api/v1/leads/LX1/grade")).contains("/api/v1/grades/LX1");
        assertThat(alias.successorOf("/api/v1/leads/LX1/grade/")).contains("/api/v1/grades/LX1");
        assertThat(alias.successorOf("/api/v1/leads/LX1")).isEmpty();
        assertThat(alias.successorOf("/api/v1/leads/LX1/grades")).isEmpty();
        assertThat(alias.successorOf("/api/v1/leads/a/b/grade")).isEmpty();
    }

    @Test
    void theRestOfThePathTravelsWithADoubleStar() {
        PathAliases.Alias alias = PathAliases.Alias.parse("/api/v1/leads/{leadId}/** -> /api/v1/pipeline/{leadId}/**");
        assertThat(alias.successorOf("/api/v1/leads/LX1")).contains("/api/v1/pipeline/LX1");
        assertThat(alias.successorOf("/api/v1/leads/LX1/followups/F-1"))
                .contains("/api/v1/pipeline/LX1/followups/F-1");
        assertThat(alias.successorOf("/api/v1/leadsX/LX1")).isEmpty();
    }

    @Test
    void literalCharactersAreNotPatterns() {
        PathAliases.Alias alias = PathAliases.Alias.parse("/a.b/{id} -> /c/{id}");
        assertThat(alias.successorOf("/a.b/1")).contains("/c/1");
        assertThat(alias.successorOf("/aXb/1")).isEmpty();
    }

    @Test
    void aMistakenRuleIsRefusedAtStart() {
        assertThatThrownBy(() -> PathAliases.Alias.parse("/a/{id}")).hasMessageContaining("old -> new");
        assertThatThrownBy(() -> PathAliases.Alias.parse("/a/** -> /b")).hasMessageContaining("'/**'");
        assertThatThrownBy(() -> PathAliases.Alias.parse("/a/{id} -> /b/{other}")).hasMessageContaining("{other}");
    }

    @Test
    void theHeadersFollowTheirRfcs() {
        assertThat(PathAliases.deprecationHeader(LocalDate.of(2026, 12, 7))).isEqualTo("@1796601600");
        assertThat(PathAliases.sunsetHeader(LocalDate.of(2027, 6, 30))).isEqualTo("Wed, 30 Jun 2027 23:59:59 GMT");
    }
}
