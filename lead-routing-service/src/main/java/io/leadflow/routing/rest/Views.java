package io.leadflow.routing.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.leadflow.events.contract.GradeReason;
import io.leadflow.routing.domain.AssignmentRule;
import io.leadflow.routing.domain.GradeLevel;
import io.leadflow.routing.domain.GradingRules;
import io.leadflow.routing.repository.AssignmentEntity;
import io.leadflow.routing.repository.GradeHistoryEntity;
import io.leadflow.routing.repository.Json;
import io.leadflow.routing.repository.RepEntity;

/** Response bodies: records built from entities, which never leave the service. */
public final class Views {

    private Views() {
    }

    public record GradingPolicyView(int version, Instant createdAt, int maxScore, List<GradeLevel> levels,
                                    GradingRules rules) {
    }

    public record AssignmentPolicyView(int version, Instant createdAt, List<AssignmentRule> rules) {
    }

    public record GradeView(String leadId, String grade, String label, String labelZh, String labelEn, int score,
                            String origin, boolean given, int gradingPolicyVersion, List<GradeReason> reasons,
                            Instant gradedAt, String status, List<GradeChange> history) {
    }

    public record GradeChange(String grade, String previousGrade, int score, String origin, int gradingPolicyVersion,
                              String reason, String requestedBy, Instant gradedAt, List<GradeReason> reasons) {
        static GradeChange of(GradeHistoryEntity h) {
            return new GradeChange(h.grade, h.previousGrade, h.score, h.origin, h.gradingPolicyVersion, h.reason,
                    h.requestedBy, h.gradedAt, Json.reasons(h.reasons));
        }
    }

    public record RepView(String id, String name, String seniority, List<String> industries, List<String> regions,
                          int capacity, int openLeads, String availability, LocalDate awayUntil, boolean availableNow,
                          String email, boolean active, Instant createdAt, Instant updatedAt, Instant deactivatedAt) {
        static RepView of(RepEntity r, int openLeads, boolean availableNow) {
            return new RepView(r.repId, r.name, r.seniority, Json.strings(r.industries), Json.strings(r.regions),
                    r.capacity, openLeads, r.availability, r.awayUntil, availableNow, r.email, r.active, r.createdAt,
                    r.updatedAt, r.deactivatedAt);
        }
    }

    public record LoadView(String repId, String name, int openLeads, int capacity, double utilisation,
                           boolean atCapacity, boolean availableNow, String availability, LocalDate awayUntil,
                           Map<String, Integer> openLeadsByGrade) {
    }

    public record AssignmentView(long id, String leadId, String ownerId, String ownerName, String seniority,
                                 String grade, String source, String ruleId, String strategy, String why,
                                 Integer assignmentPolicyVersion, String previousOwnerId, Instant assignedAt,
                                 boolean active, Instant endedAt, String endReason) {
        static AssignmentView of(AssignmentEntity a) {
            return new AssignmentView(a.id, a.leadId, a.ownerId, a.ownerName, a.seniority, a.grade, a.source, a.ruleId,
                    a.strategy, a.why, a.policyVersion, a.previousOwnerId, a.assignedAt, a.active, a.endedAt, a.endReason);
        }
    }

    public record Waiting(Instant since, String why) {
    }

    public record LeadAssignmentView(String leadId, String status, String grade, AssignmentView owner,
                                     Waiting unassigned, List<AssignmentView> history) {
    }

    public record UnassignedLead(String leadId, String customerName, String grade, Integer score, String source,
                                 String industry, String region, Instant waitingSince, String why) {
    }

    public record Deactivated(String repId, int leadsMoved, String detail) {
    }
}
