package io.leadflow.analytics.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadflow.analytics.domain.Amounts;
import io.leadflow.analytics.domain.Dimension;
import io.leadflow.analytics.domain.Finding;
import io.leadflow.analytics.domain.LeadFacts;
import io.leadflow.analytics.domain.Reasons;
import io.leadflow.analytics.domain.Vocabulary;
import io.leadflow.analytics.repository.GradeChange;
import io.leadflow.analytics.repository.PolicyVersionRepository;
import io.leadflow.analytics.repository.SlaBreach;
import io.leadflow.analytics.repository.StageMove;
import io.leadflow.events.contract.Money;
import io.leadflow.events.contract.PolicyTrial;
import io.leadflow.events.vocabulary.Coded;
import io.leadflow.events.vocabulary.Language;
import io.leadflow.events.vocabulary.Term;

/** Response bodies of the funnel, response-time, cohort, insight, lead-export and review endpoints. */
public final class ReportViews {

    private ReportViews() {
    }

    public record FunnelStepView(@Coded(Term.STAGE) String stage, String label, long reached, Views.RateView ofAllLeads,
                                 Views.RateView fromPreviousStep, long droppedHere, BigDecimal medianDaysInStage,
                                 BigDecimal averageDaysInStage) {
    }

    public record Funnel(Views.Filters filters, long leads, long qualified, long rejected,
                         List<FunnelStepView> steps) {
    }

    public record ResponseRow(Map<String, String> group, Map<String, String> labels, long leads, long assigned,
                              long responded, BigDecimal firstResponseMedianHours, BigDecimal firstResponseP90Hours,
                              BigDecimal firstResponseAverageHours, long slaBreached, Views.RateView slaKept) {
    }

    public record ResponseTimes(String groupBy, Views.Filters filters, List<ResponseRow> rows, ResponseRow total) {
    }

    public record CohortRow(String cohort, long leads, long won, List<Long> wonByMonth,
                            List<Views.RateView> cumulativeRate) {
    }

    public record Cohorts(Views.Filters filters, int maxAge, List<CohortRow> rows) {
    }

    public record Insights(Views.Filters filters, Views.Filters comparedWith, List<FindingView> findings) {
    }

    /**
     * A {@link Finding} as the reader gets it: its sentences in the reader's language ({@link InsightWording}), the
     * rest as the rule found it. Its schema keeps the name Finding, so a client typed from the API document keeps its
     * types.
     */
    @Schema(name = "Finding")
    public record FindingView(String rule, String subject, String title, String detail, Map<String, Object> numbers,
                              String action, BigDecimal metric, boolean higherIsBetter, String trend,
                              BigDecimal previousMetric, TrialRequest trial) {

        public static FindingView of(Finding f, Language language) {
            Finding.Trial t = f.trial();
            return new FindingView(f.rule(), f.subject(), InsightWording.text(f.title(), language),
                    InsightWording.text(f.detail(), language), f.numbers(), InsightWording.text(f.action(), language),
                    f.metric(), f.higherIsBetter(), f.trend(), f.previousMetric(),
                    t == null ? null : new TrialRequest(t.service(), t.method(), t.path(), t.body(),
                            InsightWording.text(t.description(), language)));
        }
    }

    /**
     * A {@link Finding.Trial} with its description in the reader's language. Its schema keeps the name the API document
     * gives it as the second record named Trial (beside {@link Trial}), so a client typed from it keeps its types.
     */
    @Schema(name = "Trial1")
    public record TrialRequest(String service, String method, String path, Map<String, Object> body,
                               String description) {
    }

    /** One lead's facts for BI tools: ids and dimensions only, nothing personal. */
    public record LeadRow(String leadId, @Coded(Term.SOURCE) String source, String sourceDetail, String utmSource,
                          String utmMedium, String utmCampaign, String utmTerm, String utmContent,
                          @Coded(Term.CHANNEL) String channel, @Coded(Term.INDUSTRY) String industry, String region,
                          Integer companySize, @Coded(Term.CUSTOMER_TYPE) String customerType, Instant registeredAt,
                          LocalDate registeredOn, @Coded(Term.SCREENING) String screening,
                          List<String> rejectionReasons, @Coded(Term.GRADE) String grade, Integer gradeScore,
                          int gradeChanges, String ownerId, Instant assignedAt, int reassignments,
                          Instant firstResponseAt, BigDecimal firstResponseHours, int touches,
                          @Coded(Term.STAGE) String stage, Instant stageAt, @Coded(Term.OUTCOME) String outcome,
                          LocalDate wonOn, LocalDate lostOn, Money amount, List<String> winFactors,
                          @Coded(Term.REASON) String lossReason, Integer cycleDays, int slaBreaches, int mergedTouches,
                          boolean erased, Instant lastEventAt, LeadLabels labels) {

        public static LeadRow of(LeadFacts f, Language language) {
            // A touch dated earlier on the day a lead was registered (dates from a sheet) was an immediate response.
            BigDecimal responseHours = f.firstResponseAt == null || f.registeredAt == null ? null
                    : BigDecimal.valueOf(Math.max(0, java.time.Duration.between(f.registeredAt, f.firstResponseAt).toMinutes()))
                    .divide(BigDecimal.valueOf(60), 1, java.math.RoundingMode.HALF_UP);
            return new LeadRow(f.leadId, f.source, f.sourceDetail, f.utmSource, f.utmMedium, f.utmCampaign,
                    f.utmTerm, f.utmContent, f.channel, f.industry, f.region, f.companySize, f.customerType,
                    f.registeredAt, f.registeredOn, f.screening, f.rejectionReasons, f.grade, f.gradeScore,
                    f.gradeChanges, f.ownerId, f.assignedAt, f.reassignments, f.firstResponseAt, responseHours,
                    f.touches, f.stage, f.stageAt, f.outcome, f.wonOn, f.lostOn,
                    f.amount == null ? null
                            : new Money(Amounts.twoDecimals(f.amount), f.currency == null ? "CNY" : f.currency),
                    f.winFactors, f.lossReason, f.cycleDays, f.slaBreaches, f.mergedTouches, f.erasedAt != null,
                    f.lastEventAt, LeadLabels.of(f, language));
        }
    }

    /**
     * The reader's words for a lead's codes, so a BI tool needs no lookup table of its own. An unknown value
     * (null code) reads 未知 / Unknown; an open lead's outcome reads 跟进中 / Open; a lead not lost has no loss reason.
     */
    public record LeadLabels(String source, String channel, String industry, String region, String companySize,
                             String customerType, String screening, List<String> rejectionReasons, String grade,
                             String stage, String outcome, String lossReason) {

        static LeadLabels of(LeadFacts f, Language language) {
            return new LeadLabels(Vocabulary.label(Dimension.SOURCE, f.source, language), Vocabulary.channel(f.channel, language),
                    Vocabulary.industry(f.industry, language), Vocabulary.region(f.region, language),
                    Vocabulary.companySize(f.companySize, language), Vocabulary.customerType(f.customerType, language),
                    Vocabulary.screening(f.screening, language),
                    f.rejectionReasons.stream().map(r -> Reasons.label(r, language)).toList(),
                    Vocabulary.label(Dimension.GRADE, f.grade, language), Vocabulary.stage(f.stage, language),
                    Vocabulary.outcome(f.outcome, language), f.lossReason == null ? null : Reasons.label(f.lossReason, language));
        }
    }

    /** One lead's facts with its grade history, stage moves (time in each stage) and SLA breaches. */
    /**
     * @param mergedInto the lead staff merged this one into: a duplicate, which no report counts (its
     *                   {@code registeredOn} is empty)
     */
    public record LeadDetail(LeadRow facts, List<io.leadflow.analytics.repository.GradeChange> grades,
                             List<io.leadflow.analytics.repository.StageMove> stages,
                             List<io.leadflow.analytics.repository.SlaBreach> slaBreaches, String mergedInto) {
    }

    public record Change(BigDecimal now, BigDecimal before, BigDecimal change) {
    }

    public record ReviewSourceRow(Views.ConversionRow now, Views.ConversionRow before, BigDecimal rateChangePoints) {
    }

    public record Review(String month, String previousMonth, Views.ConversionRow total, Views.ConversionRow totalBefore,
                         BigDecimal rateChangePoints, List<ReviewSourceRow> bySource, List<ReviewSourceRow> byGrade,
                         Views.SourceTable sources, Funnel funnel, ResponseTimes responseTimes,
                         Map<Long, Long> cycleDaysHistogram, List<FindingView> findings,
                         @Schema(description = "What we tried: the rule policy versions published in the month, "
                                 + "oldest first, each with the policy lab's figures it went live on")
                         List<PolicyChange> policyChanges) {
    }

    /**
     * A rule policy version published in the month.
     *
     * @param trial null when the version went live without being tried in the policy lab first
     */
    public record PolicyChange(@Schema(example = "CADENCE") @Coded(Term.POLICY) String policy,
                               @Schema(example = "跟进节奏") String policyLabel, int version, Instant publishedAt,
                               String publishedBy, String reason, Trial trial) {

        static PolicyChange of(PolicyVersionRepository.Published p, Language language) {
            PolicyTrial t = p.trial();
            return new PolicyChange(p.policy(), Term.POLICY.label(p.policy(), language), p.version(), p.publishedAt(),
                    p.publishedBy(), p.reason(), t == null ? null : new Trial(t.kind(), Term.TRIAL.label(t.kind(),
                    language), t.from(), t.to(), t.leads(), t.measure(), Term.TRIAL_MEASURE.label(t.measure(),
                    language), t.before(), t.after(), t.ranBy(), t.ranAt()));
        }
    }

    /**
     * The policy lab run a version went live on: its period and leads, and one measure under the version before
     * ({@code before}; for an assignment dry run, what really happened) and under the new one ({@code after}).
     */
    public record Trial(@Schema(example = "CADENCE_WHAT_IF") @Coded(Term.TRIAL) String kind, String kindLabel,
                        LocalDate from, LocalDate to, int leads,
                        @Schema(example = "FIRST_RESPONSE_SLA_PERCENT") @Coded(Term.TRIAL_MEASURE) String measure,
                        String measureLabel, BigDecimal before, BigDecimal after, String ranBy, Instant ranAt) {
    }
}
