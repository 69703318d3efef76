package io.leadflow.events.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.core.EntityTag;

import org.junit.jupiter.api.Test;


class EntityTagsTest {

    private static final EntityTags OPTIONAL = new EntityTags(() -> false);
    private static final EntityTags REQUIRED = new EntityTags(() -> true);
    private static final EntityTag V3 = EntityTags.ofVersion(3);

    @Test
    void aMatchingTagOrAStarOrNoneWhenNotRequiredLetsTheChangeThrough() {
        OPTIONAL.check("\"3\"", V3, "Lead X");
        OPTIONAL.check("\"1\", \"3\"", V3, "Lead X");
        OPTIONAL.check("*", V3, "Lead X");
        OPTIONAL.check(null, V3, "Lead X");
        OPTIONAL.check("  ", V3, "Lead X");
        assertThat(V3.toString()).isEqualTo("\"3\"");
    }

    @Test
    void aStaleWeakOrGarbageTagIsA412ThatSaysWhatToDoAndCarriesTheCurrentTag() {
        for (String stale : new String[] {"\"2\"", "W/\"3\"", "garbage", "\"garbage\"", "3", "\"3", "\"2\", W/\"3\""}) {
            assertThatThrownBy(() -> OPTIONAL.check(stale, V3, "Lead LX1"))
                    .as(stale).isInstanceOfSatisfying(ProblemException.class, e -> {
                        assertThat(e.problem().status()).isEqualTo(412);
                        assertThat(e.problem().detail()).contains("Lead LX1 changed", "\"3\"", "GET it again");
                        assertThat(e.headers()).containsEntry("ETag", "\"3\"");
                    });
        }
    }

    @Test
    void noIfMatchIsA428WhereTheSuiteRequiresIt() {
        assertThatThrownBy(() -> REQUIRED.check(null, V3, "The grading policy"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(428);
                    assertThat(e.problem().detail()).contains("send If-Match");
                });
        REQUIRED.check("\"3\"", V3, "The grading policy");
    }

    @Test
    void aPolicyChangeIsBasedOnTheVersionIfMatchNamesOrTheOlderBodyField() {
        assertThat(OPTIONAL.basedOn("\"3\"", null, 3, "p")).isEqualTo(3);
        assertThat(OPTIONAL.basedOn(null, 2, 3, "p")).as("the body field alone: the service decides").isEqualTo(2);
        assertThat(OPTIONAL.basedOn(null, null, 3, "p")).isNull();
        assertThat(OPTIONAL.basedOn("*", null, 3, "p")).isNull();
        assertThatThrownBy(() -> OPTIONAL.basedOn("\"2\"", 3, 3, "p")).isInstanceOf(ProblemException.class);
    }

    @Test
    void fieldTagsChangeWithAnyFieldAndOnlyWithThem() {
        assertThat(EntityTags.ofFields("李销售", 20, null)).isEqualTo(EntityTags.ofFields("李销售", 20, null));
        assertThat(EntityTags.ofFields("李销售", 20, null)).isNotEqualTo(EntityTags.ofFields("李销售", 21, null));
        assertThat(EntityTags.ofFields("ab", "c")).isNotEqualTo(EntityTags.ofFields("a", "bc"));
        assertThat(EntityTags.ofFields("x").isWeak()).isFalse();
    }

    @Test
    void theTagsOfAnIfMatchListAreReadAsSent() {
        assertThat(EntityTags.tags("\"a\", W/\"b\",\"c,d\" , junk, \"e\"")).containsExactly("\"a\"", "W/\"b\"", "\"c,d\"",
                "\"e\"");
    }
}
