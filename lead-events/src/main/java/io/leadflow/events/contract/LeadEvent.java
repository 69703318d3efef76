package io.leadflow.events.contract;

/** The payload of an event; one record per event type, listed in {@link EventType}. */
public sealed interface LeadEvent permits
        LeadEvent.LeadCaptured, LeadEvent.LeadQualified, LeadEvent.LeadRejected, LeadEvent.LeadUpdated,
        LeadEvent.DuplicateLeadMerged, LeadEvent.LeadErased,
        LeadEvent.LeadGraded, LeadEvent.LeadAssigned, LeadEvent.LeadReassigned,
        LeadEvent.FollowUpLogged, LeadEvent.FollowUpScheduled, LeadEvent.LeadStageChanged, LeadEvent.LeadWon,
        LeadEvent.LeadLost, LeadEvent.FirstResponseSlaBreached, LeadEvent.RegradeRequested {

    // ---- lead-intake-service -------------------------------------------------------------------------

    /**
     * A lead entered the system through {@code channel} (STAFF, FORM, IMPORT).
     */
    record LeadCaptured(LeadProfile lead, String channel) implements LeadEvent {
    }

    /** The lead passed screening under the given policy version; carries the profile routing grades from. */
    record LeadQualified(LeadProfile lead, int screeningPolicyVersion) implements LeadEvent {
    }

    /** The lead failed screening; it is kept, and the reasons measure source quality. */
    record LeadRejected(java.util.List<Reason> reasons, int screeningPolicyVersion, String source) implements LeadEvent {
    }

    /** Staff corrected the lead; {@code changedFields} names what changed, {@code lead} is the new whole. */
    record LeadUpdated(LeadProfile lead, java.util.List<String> changedFields) implements LeadEvent {
    }

    /**
     * A new submission matched this (existing) lead and was linked to it as another touch.
     *
     * @param matchedOn PHONE, EMAIL or COMPANY
     */
    record DuplicateLeadMerged(String touchId, String matchedOn, String source, String sourceDetail, Utm utm,
                               java.time.Instant submittedAt) implements LeadEvent {
    }

    /** Personal data of the lead must be erased by every service that holds any. */
    record LeadErased(String requestedBy, String reason) implements LeadEvent {
    }

    // ---- lead-routing-service ------------------------------------------------------------------------

    /**
     * @param given   true when the grade came with the lead (an imported 意向等级), not from the policy
     * @param reasons the rules that decided it, in a sales manager's words
     */
    record LeadGraded(String grade, int score, java.util.List<GradeReason> reasons, int gradingPolicyVersion,
                      boolean given, String previousGrade, String regradeReason) implements LeadEvent {
    }

    /** {@code source} is the lead's, so follow-up can apply a source's tighter first-response SLA. */
    record LeadAssigned(String ownerId, String ownerName, String seniority, String grade, String source,
                        String ruleId, String strategy, String why) implements LeadEvent {
    }

    record LeadReassigned(String previousOwnerId, String ownerId, String ownerName, String grade, String reason)
            implements LeadEvent {
    }

    // ---- followup-service ----------------------------------------------------------------------------

    /**
     * @param humanTouch true for a person's touch (stops the first-response clock), false for automated ones
     */
    record FollowUpLogged(String followUpId, String ownerId, java.time.Instant contactedAt, String method,
                          String status, boolean humanTouch, String nextAction, java.time.LocalDate nextActionDue)
            implements LeadEvent {
    }

    record FollowUpScheduled(String taskId, String ownerId, String grade, String kind, String method,
                             java.time.Instant dueAt) implements LeadEvent {
    }

    record LeadStageChanged(String fromStage, String toStage, String ownerId, String reason) implements LeadEvent {
    }

    record LeadWon(java.time.LocalDate wonOn, Money amount, java.util.List<String> winFactors, String ownerId)
            implements LeadEvent {
    }

    record LeadLost(java.time.LocalDate lostOn, String reason, String note, String ownerId) implements LeadEvent {
    }

    record FirstResponseSlaBreached(String grade, String source, String ownerId, java.time.Instant assignedAt,
                                    java.time.Instant deadline) implements LeadEvent {
    }

    record RegradeRequested(String requestedGrade, String reason, String requestedBy) implements LeadEvent {
    }
}
