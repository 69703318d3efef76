package io.leadflow.routing.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadflow.events.contract.GradeReason;
import io.leadflow.events.vocabulary.Coded;
import io.leadflow.events.vocabulary.Term;
import io.leadflow.routing.domain.AssignmentRule;
import io.leadflow.routing.domain.Availability;
import io.leadflow.routing.domain.GradeLevel;
import io.leadflow.routing.domain.GradeOrigin;
import io.leadflow.routing.domain.GradingRules;
import io.leadflow.routing.domain.Router;
import io.leadflow.routing.domain.Seniority;
import io.leadflow.routing.repository.AssignmentEntity;
import io.leadflow.routing.repository.GradeHistoryEntity;
import io.leadflow.routing.repository.Json;
import io.leadflow.routing.repository.RepEntity;

/** Response bodies: records built from entities, which never leave the service. */
public final class Views {

    private Views() {
    }

    /** Who acts when no person does: the seeded defaults, grading on qualification, assignment by the rules. */
    public static final String SYSTEM = "system";

    /**
     * @param changedBy who saved this version (the token's user; "system" for the seeded defaults)
     * @param changedAt when (the same instant as createdAt)
     * @param regrades  who applied this version to the open leads (POST /grading-policy/regrade), oldest first
     */
    public record GradingPolicyView(int version, Instant createdAt, String changedBy, Instant changedAt, String reason,
                                    int maxScore, List<GradeLevel> levels, GradingRules rules,
                                    List<RegradeRun> regrades, Map<String, Object> backtest) {
    }

    public record AssignmentPolicyView(int version, Instant createdAt, String changedBy, Instant changedAt,
                                       String reason, List<AssignmentRule> rules, Map<String, Object> backtest) {
    }

    /**
     * One row of a policy's versions list (GET .../versions), newest first.
     *
     * @param backtest when the version was activated from a backtest (grading) or dry run (assignment): the period,
     *                 headline figures (recomputed at activation), ranBy and ranAt; null otherwise
     */
    public record GradingPolicyVersion(int version, String changedBy, Instant changedAt, String reason, boolean inForce,
                                       List<RegradeRun> regrades, Map<String, Object> backtest) {
    }

    public record AssignmentPolicyVersion(int version, String changedBy, Instant changedAt, String reason,
                                          boolean inForce, Map<String, Object> backtest) {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> backtest(String json) {
        return json == null ? null : Json.read(json, Map.class);
    }

    /** One POST /grading-policy/regrade: finishedAt null while running (or if it was interrupted). */
    public record RegradeRun(String requestedBy, Instant startedAt, Instant finishedAt, Integer examined, Integer moved,
                             Map<String, Integer> moves) {
        static RegradeRun of(io.leadflow.routing.repository.PolicyRepository.RegradeRun r) {
            return new RegradeRun(r.requestedBy(), r.startedAt(), r.finishedAt(), r.examined(), r.moved(),
                    r.moves() == null ? null : Json.counts(r.moves()));
        }
    }

    public record GradeView(String leadId, @Coded(Term.GRADE) String grade, String label, String labelZh,
                            String labelEn, int score, @Schema(implementation = GradeOrigin.class) String origin,
                            boolean given, int gradingPolicyVersion, List<GradeReason> reasons, Instant gradedAt,
                            String status, List<GradeChange> history) {
    }

    /**
     * One change of a lead's grade.
     *
     * @param requestedBy the person who asked for it (a manual regrade, follow-up's request, a policy regrade run)
     * @param changedBy   requestedBy, or "system" when the rules graded on their own
     * @param reason      why, always given ("[erased]" after the lead's erasure when a person wrote it)
     */
    public record GradeChange(@Coded(Term.GRADE) String grade, @Coded(Term.GRADE) String previousGrade, int score,
                              @Schema(implementation = GradeOrigin.class) String origin, int gradingPolicyVersion,
                              String reason, String requestedBy, String changedBy, Instant gradedAt,
                              List<GradeReason> reasons) {
        static GradeChange of(GradeHistoryEntity h) {
            return new GradeChange(h.grade, h.previousGrade, h.score, h.origin, h.gradingPolicyVersion, h.reason,
                    h.requestedBy, h.requestedBy == null ? SYSTEM : h.requestedBy, h.gradedAt, Json.reasons(h.reasons));
        }
    }

    public record RepView(String id, String name, @Schema(implementation = Seniority.class) String seniority,
                          List<String> industries, List<String> regions, int capacity, int openLeads,
                          @Schema(implementation = Availability.Status.class) String availability, LocalDate awayUntil,
                          boolean availableNow, String email, boolean active, Instant createdAt, Instant updatedAt,
                          Instant deactivatedAt, String createdBy, String updatedBy, String deactivatedBy) {
        static RepView of(RepEntity r, int openLeads, boolean availableNow) {
            return new RepView(r.repId, r.name, r.seniority, Json.strings(r.industries), Json.strings(r.regions),
                    r.capacity, openLeads, r.availability, r.awayUntil, availableNow, r.email, r.active, r.createdAt,
                    r.updatedAt, r.deactivatedAt, r.createdBy, r.updatedBy, r.deactivatedBy);
        }
    }

    public record LoadView(String repId, String name, int openLeads, int capacity, double utilisation,
                           boolean atCapacity, boolean availableNow,
                           @Schema(implementation = Availability.Status.class) String availability, LocalDate awayUntil,
                           Map<String, Integer> openLeadsByGrade) {
    }

    /**
     * One owner of a lead for a while: the lead's owner history is a list of these, oldest first.
     *
     * @param assignedBy who handed the lead to this owner: a person (reassignment, a rep's deactivation, a regrade
     *                   that moved it), or "system" when the rules assigned it on their own
     * @param reason     the reason given for the change of hands (null for a first assignment)
     * @param endedBy    who ended this ownership when a person did (the next owner's assignedBy, the erasure's
     *                   requester); "system" for an outcome or the rules; null while active
     */
    public record AssignmentView(long id, String leadId, String ownerId, String ownerName,
                                 @Schema(implementation = Seniority.class) String seniority,
                                 @Coded(Term.GRADE) String grade, @Coded(Term.SOURCE) String source, String ruleId,
                                 @Schema(enumeration = {"LEAST_LOADED", "ROUND_ROBIN", Router.MANUAL_RULE,
                                         Router.NAMED_OWNER_RULE}, description = "How the rule picked the owner; "
                                         + "MANUAL when a manager did, NAMED_OWNER when the lead named its 跟进人")
                                 String strategy, String why,
                                 Integer assignmentPolicyVersion, String previousOwnerId, Instant assignedAt,
                                 String assignedBy, String reason, boolean active, Instant endedAt, String endReason,
                                 String endedBy) {
        static AssignmentView of(AssignmentEntity a) {
            return new AssignmentView(a.id, a.leadId, a.ownerId, a.ownerName, a.seniority, a.grade, a.source, a.ruleId,
                    a.strategy, a.why, a.policyVersion, a.previousOwnerId, a.assignedAt,
                    a.assignedBy == null ? SYSTEM : a.assignedBy, a.reason, a.active, a.endedAt, a.endReason,
                    a.active ? null : a.endedBy == null ? SYSTEM : a.endedBy);
        }
    }

    public record Waiting(Instant since, String why) {
    }

    public record LeadAssignmentView(String leadId, String status, @Coded(Term.GRADE) String grade,
                                     AssignmentView owner, Waiting unassigned, List<AssignmentView> history) {
    }

    public record UnassignedLead(String leadId, String customerName, @Coded(Term.GRADE) String grade, Integer score,
                                 @Coded(Term.SOURCE) String source, @Coded(Term.INDUSTRY) String industry,
                                 String region, Instant waitingSince, String why) {
    }

    public record Deactivated(String repId, int leadsMoved, String detail) {
    }
}
