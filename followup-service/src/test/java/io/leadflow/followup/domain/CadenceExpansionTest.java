package io.leadflow.followup.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

class CadenceExpansionTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant ASSIGNED = Instant.parse("2024-03-01T02:30:00Z"); // Friday 10:30 in Shanghai
    private final CadencePolicy policy = CadencePolicy.defaults(SHANGHAI);

    @Test
    void highIntentIsAnsweredWithin48HoursThenSyncedWeekly() {
        CadencePlan plan = policy.plan("HIGH", "TRADE_SHOW", ASSIGNED, ASSIGNED, true);

        assertThat(plan.firstResponseDeadline()).isEqualTo(ASSIGNED.plus(Duration.ofHours(48)));
        assertThat(plan.tasks()).extracting(PlannedTask::kind).containsExactly("FIRST_RESPONSE", "WEEKLY_SYNC");
        assertThat(plan.tasks().get(0).dueAt()).isEqualTo(ASSIGNED.plus(Duration.ofHours(48)));
        assertThat(plan.tasks().get(1).dueAt()).isEqualTo(ASSIGNED.plus(Duration.ofDays(7)));
        assertThat(plan.tasks().get(1).every()).isEqualTo(Period.ofWeeks(1));
    }

    @Test
    void aWebsiteFormTightensTheFirstResponseTo24Hours() {
        assertThat(policy.firstResponseDeadline("HIGH", "WEBSITE_FORM", ASSIGNED)).contains(ASSIGNED.plus(Duration.ofHours(24)));
        // A source rule sets a deadline even where the grade has none.
        assertThat(policy.firstResponseDeadline("MEDIUM", "WEBSITE_FORM", ASSIGNED)).contains(ASSIGNED.plus(Duration.ofHours(24)));
    }

    @Test
    void aSourceNeverLoosensAGradesDeadline() {
        CadencePolicy loose = new CadencePolicy(2, "HIGH", policy.grades(),
                List.of(new SourceRule("PARTNER_REFERRAL", Duration.ofHours(96))), policy.calendar());
        assertThat(loose.firstResponseDeadline("HIGH", "PARTNER_REFERRAL", ASSIGNED)).contains(ASSIGNED.plus(Duration.ofHours(48)));
    }

    @Test
    void mediumIntentGetsAWeeklyTouchAndAMonthlyInvitationWithoutAFirstResponseSla() {
        CadencePlan plan = policy.plan("MEDIUM", "TRADE_SHOW", ASSIGNED, ASSIGNED, true);

        assertThat(plan.firstResponseDeadline()).isNull();
        assertThat(plan.tasks()).extracting(PlannedTask::kind).containsExactly("WEEKLY_TOUCH", "MONTHLY_INVITATION");
        assertThat(plan.tasks().get(1).dueAt()).isEqualTo(Instant.parse("2024-04-01T02:30:00Z"));
        assertThat(plan.tasks().get(1).method()).isEqualTo(FollowUpMethod.WEBINAR);
    }

    @Test
    void lowIntentGetsOnlyAMonthlyNewsletterWhichIsNotAHumanTouch() {
        CadencePlan plan = policy.plan("LOW", "SOCIAL_MEDIA", ASSIGNED, ASSIGNED, true);

        assertThat(plan.tasks()).singleElement().satisfies(task -> {
            assertThat(task.kind()).isEqualTo("MONTHLY_NEWSLETTER");
            assertThat(task.method().humanTouch()).isFalse();
        });
    }

    @Test
    void aGradeThePolicyDoesNotListFollowsTheFallbackCadence() {
        CadencePlan plan = policy.plan("VERY_HIGH", "TRADE_SHOW", ASSIGNED, ASSIGNED, true);

        assertThat(plan.fallback()).isTrue();
        assertThat(plan.tasks()).extracting(PlannedTask::kind).containsExactly("WEEKLY_TOUCH", "MONTHLY_INVITATION");
    }

    @Test
    void aRegradeCountsTouchesFromTheRegradeButKeepsTheSlaFromTheAssignment() {
        Instant regradedAt = ASSIGNED.plus(Duration.ofDays(3));
        CadencePlan plan = policy.plan("HIGH", "TRADE_SHOW", ASSIGNED, regradedAt, true);

        assertThat(plan.firstResponseDeadline()).isEqualTo(ASSIGNED.plus(Duration.ofHours(48)));
        assertThat(plan.tasks().get(1).dueAt()).isEqualTo(regradedAt.plus(Duration.ofDays(7)));
    }

    @Test
    void noFirstResponseTaskOnceTheLeadWasAnswered() {
        CadencePlan plan = policy.plan("HIGH", "TRADE_SHOW", ASSIGNED, ASSIGNED, false);

        assertThat(plan.firstResponseDeadline()).isNotNull();
        assertThat(plan.tasks()).extracting(PlannedTask::kind).containsExactly("WEEKLY_SYNC");
    }

    @Test
    void theNextOccurrenceOfARecurringTouchIsOneIntervalAfterItWasDone() {
        Instant done = Instant.parse("2024-03-09T06:00:00Z");
        assertThat(policy.nextOccurrence("HIGH", "WEEKLY_SYNC", done)).get()
                .extracting(PlannedTask::dueAt).isEqualTo(done.plus(Duration.ofDays(7)));
        assertThat(policy.nextOccurrence("HIGH", "NO_SUCH_TOUCH", done)).isEmpty();
    }

    @Test
    void businessHourCountingAppliesToTheFirstResponse() {
        GradeCadence high = new GradeCadence("HIGH", Duration.ofHours(16), Counting.BUSINESS_HOURS, List.of());
        CadencePolicy business = new CadencePolicy(2, "HIGH", List.of(high), List.of(), policy.calendar());
        // Friday 10:30 + 16 working hours (7.5 on Friday, 8.5 from Monday 09:00) = Monday 17:30.
        assertThat(business.firstResponseDeadline("HIGH", "TRADE_SHOW", ASSIGNED))
                .contains(Instant.parse("2024-03-04T09:30:00Z"));
    }
}
