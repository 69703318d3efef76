package io.leadflow.followup.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class CadenceWhatIfTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant T0 = Instant.parse("2026-07-06T02:00:00Z"); // a Monday, 10:00 in Shanghai
    private static final Instant NOW = Instant.parse("2026-10-01T02:00:00Z");
    private final CadencePolicy current = CadencePolicy.defaults(SHANGHAI);

    /** The template's suggestion: website leads answered within 24 hours, tried as 12 hours. */
    private CadencePolicy draftWebsiteIn12h() {
        return new CadencePolicy(2, current.fallbackGrade(), current.grades(),
                List.of(new SourceRule("WEBSITE_FORM", Duration.ofHours(12))), current.calendar());
    }

    private static CadenceWhatIf.Clock clock(String id, String grade, String source, String owner, long answeredAfterHours) {
        return new CadenceWhatIf.Clock(id, grade, source, owner, T0,
                answeredAfterHours < 0 ? null : T0.plus(Duration.ofHours(answeredAfterHours)));
    }

    @Test
    void eachLeadIsJudgedByTheDeadlineEachPolicyWouldHaveSet() {
        CadenceWhatIf.Clock web20h = clock("L1", "MEDIUM", "WEBSITE_FORM", "rep-zhao", 20);
        assertThat(CadenceWhatIf.verdict(current, web20h, NOW)).isEqualTo(CadenceWhatIf.Verdict.MET);        // 24 h
        assertThat(CadenceWhatIf.verdict(draftWebsiteIn12h(), web20h, NOW)).isEqualTo(CadenceWhatIf.Verdict.BREACHED);
        CadenceWhatIf.Clock lowExpo = clock("L2", "LOW", "TRADE_SHOW", "mkt-sun", -1);
        assertThat(CadenceWhatIf.verdict(current, lowExpo, NOW)).isEqualTo(CadenceWhatIf.Verdict.NO_DEADLINE);
        CadenceWhatIf.Clock unanswered = clock("L3", "HIGH", "TRADE_SHOW", "rep-li", -1);
        assertThat(CadenceWhatIf.verdict(current, unanswered, T0.plusSeconds(3600))).isEqualTo(CadenceWhatIf.Verdict.OPEN);
        assertThat(CadenceWhatIf.verdict(current, unanswered, NOW)).isEqualTo(CadenceWhatIf.Verdict.BREACHED);
    }

    @Test
    void complianceIsCountedPerGradeSourceAndOwnerAndTheDraftsBreachersAreNamed() {
        List<CadenceWhatIf.Clock> clocks = List.of(
                clock("L1", "MEDIUM", "WEBSITE_FORM", "rep-zhao", 20),
                clock("L2", "MEDIUM", "WEBSITE_FORM", "rep-zhao", 10),
                clock("L3", "HIGH", "WEBSITE_FORM", "rep-li", 30),
                clock("L4", "HIGH", "TRADE_SHOW", "rep-li", 30),
                clock("L5", "LOW", "SOCIAL_MEDIA", "mkt-sun", -1));
        CadenceWhatIf.Result r = CadenceWhatIf.run(clocks, current, draftWebsiteIn12h(), NOW);

        assertThat(r.total().current()).isEqualTo(new CadenceWhatIf.Tally(5, 3, 1, 0, 1));
        assertThat(r.total().draft()).isEqualTo(new CadenceWhatIf.Tally(5, 2, 2, 0, 1));
        assertThat(r.total().current().compliance()).isEqualByComparingTo("0.75");
        assertThat(r.total().changePoints()).isEqualByComparingTo("-25.00");
        CadenceWhatIf.Row web = r.bySource().stream().filter(x -> x.key().equals("WEBSITE_FORM")).findFirst().orElseThrow();
        assertThat(web.current().met()).isEqualTo(2);
        assertThat(web.draft().met()).isEqualTo(1);
        assertThat(r.byGrade()).extracting(CadenceWhatIf.Row::key).containsExactly("HIGH", "LOW", "MEDIUM");
        assertThat(r.ownersBreachingTheDraft()).containsExactly(
                new CadenceWhatIf.OwnerBreaches("rep-li", 1, 1, 2),
                new CadenceWhatIf.OwnerBreaches("rep-zhao", 1, 0, 2));
        assertThat(r.medianResponse()).isEqualTo(Duration.ofHours(20));
    }

    /** The draft that changes nothing changes no count, whatever the leads (seeded; the seed is in the message). */
    @Test
    void theSamePolicyAsDraftChangesNothing() {
        long seed = 20261206L;
        Random random = new Random(seed);
        String[] grades = {"HIGH", "MEDIUM", "LOW", null};
        String[] sources = {"WEBSITE_FORM", "TRADE_SHOW", "OTHER", null};
        List<CadenceWhatIf.Clock> clocks = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            clocks.add(clock("L" + i, grades[random.nextInt(4)], sources[random.nextInt(4)], "rep-" + random.nextInt(7),
                    random.nextInt(5) == 0 ? -1 : random.nextInt(96)));
        }
        CadenceWhatIf.Result r = CadenceWhatIf.run(clocks, current, current.withVersion(2), NOW);
        assertThat(r.total().current()).as("seed " + seed).isEqualTo(r.total().draft());
        assertThat(r.byOwner()).as("seed " + seed).allSatisfy(row -> assertThat(row.current()).isEqualTo(row.draft()));
        assertThat(r.total().current().leads()).isEqualTo(500);
    }
}
