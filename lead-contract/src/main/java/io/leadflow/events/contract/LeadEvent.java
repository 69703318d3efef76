package io.leadflow.events.contract;

/** The payload of an event; one record per event type, listed in {@link EventType}. */
public sealed interface LeadEvent permits
        LeadEvent.LeadCaptured, LeadEvent.LeadQualified, LeadEvent.LeadRejected, LeadEvent.LeadUpdated,
        LeadEvent.DuplicateLeadMerged, LeadEvent.LeadMerged, LeadEvent.LeadErased,
        LeadEvent.LeadGraded, LeadEvent.LeadAssigned, LeadEvent.LeadReassigned,
        LeadEvent.FollowUpLogged, LeadEvent.FollowUpScheduled, LeadEvent.LeadStageChanged, LeadEvent.LeadWon,
        LeadEvent.LeadLost, LeadEvent.FirstResponseSlaBreached, LeadEvent.RegradeRequested, LeadEvent.FollowUpTaskClosed,
        LeadEvent.PolicyVersionPublished {

    /** What stands where a person's words were, once the lead they were about is erased. */
    String ERASED = "[erased]";

    /**
     * The event as it may be kept or sent once its lead is erased: every word a person typed or that quotes the
     * customer is gone (a text field reads {@link #ERASED}, a list of words is empty, a profile keeps only codes and
     * numbers), codes, owners, dates and numbers stay; an equal event when there is nothing to take out. The one
     * policy every service applies to its own events ({@code LeadEvents.forget}).
     */
    default LeadEvent withoutPersonalData() {
        return this;
    }

    private static String erased(String text) {
        return text == null ? null : ERASED;
    }

    // ---- lead-intake-service -------------------------------------------------------------------------

    /**
     * A lead entered the system through {@code channel} (STAFF, FORM, IMPORT).
     */
    record LeadCaptured(LeadProfile lead, String channel) implements LeadEvent {
    
        @Override
        public LeadCaptured withoutPersonalData() {
            return new LeadCaptured(lead == null ? null : lead.withoutPersonalData(), channel);
        }
}

    /** The lead passed screening under the given policy version; carries the profile routing grades from. */
    record LeadQualified(LeadProfile lead, int screeningPolicyVersion) implements LeadEvent {
    
        @Override
        public LeadQualified withoutPersonalData() {
            return new LeadQualified(lead == null ? null : lead.withoutPersonalData(), screeningPolicyVersion);
        }
}

    /**
     * The lead failed screening; it is kept, and the reasons measure source quality.
     *
     * @param registeredAt when the lead was registered (its history date for an imported or back-dated one), so a
     *                     reader that sees the rejection before the capture still dates it right
     */
    record LeadRejected(java.util.List<Reason> reasons, int screeningPolicyVersion, String source,
                        java.time.Instant registeredAt) implements LeadEvent {
        /** As written before {@code registeredAt} was part of the contract. */
        public LeadRejected(java.util.List<Reason> reasons, int screeningPolicyVersion, String source) {
            this(reasons, screeningPolicyVersion, source, null);
        }
    
        /** The reasons' codes stay (they measure source quality); their messages may quote what was sent. */
        @Override
        public LeadRejected withoutPersonalData() {
            return new LeadRejected(reasons == null ? null : reasons.stream().map(r -> new Reason(r.code(), null))
                    .toList(), screeningPolicyVersion, source, registeredAt);
        }
}

    /**
     * Staff corrected the lead; {@code changedFields} names what changed, {@code lead} is the new whole.
     *
     * @param updatedBy the staff id of who made the change
     */
    record LeadUpdated(LeadProfile lead, java.util.List<String> changedFields, String updatedBy) implements LeadEvent {
        /** As written before {@code updatedBy} was part of the contract. */
        public LeadUpdated(LeadProfile lead, java.util.List<String> changedFields) {
            this(lead, changedFields, null);
        }
    
        @Override
        public LeadUpdated withoutPersonalData() {
            return new LeadUpdated(lead == null ? null : lead.withoutPersonalData(), changedFields, updatedBy);
        }
}

    /**
     * A new submission matched this (existing) lead and was linked to it as another touch.
     *
     * @param matchedOn PHONE, EMAIL or COMPANY when a submission matched it; STAFF when staff merged another lead
     *                  into it (one event per touch that lead had, see {@link LeadMerged})
     */
    record DuplicateLeadMerged(String touchId, String matchedOn, String source, String sourceDetail, Utm utm,
                               java.time.Instant submittedAt) implements LeadEvent {
    
        @Override
        public DuplicateLeadMerged withoutPersonalData() {
            return new DuplicateLeadMerged(touchId, matchedOn, source, null, null, submittedAt);
        }
}

    /**
     * Staff judged this lead a duplicate of {@code intoLeadId} and merged it there: its touches now belong to that
     * lead (each announced there by a {@link DuplicateLeadMerged}), and this lead is closed for good. Its owner's
     * assignment ends, its open tasks are cancelled, and reports no longer count it as a lead of its own. It stays
     * erasable apart: its person's data is still its own.
     *
     * @param mergedBy the staff user who merged it
     */
    record LeadMerged(String intoLeadId, String mergedBy) implements LeadEvent {
        public LeadMerged {
            // a merge that names no lead would close this one with nowhere for its work to go
            java.util.Objects.requireNonNull(intoLeadId, "intoLeadId");
        }
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
    
        /** The grade, score and policy stay; the rules' details quote the lead, a regrade's reason is a person's. */
        @Override
        public LeadGraded withoutPersonalData() {
            return new LeadGraded(grade, score, java.util.List.of(), gradingPolicyVersion, given, previousGrade,
                    erased(regradeReason));
        }
}

    /**
     * {@code source} is the lead's, so follow-up can apply a source's tighter first-response SLA.
     *
     * @param strategy     LEAST_LOADED or ROUND_ROBIN by a rule, MANUAL when a manager chose the owner, NAMED_OWNER when
     *                     the lead named its 跟进人
     * @param registeredAt when the lead was registered: the first-response clock runs from it, also for a lead whose
     *                     assignment is read before its capture
     */
    record LeadAssigned(String ownerId, String ownerName, String seniority, String grade, String source,
                        String ruleId, String strategy, String why, java.time.Instant registeredAt) implements LeadEvent {
        /** As written before {@code registeredAt} was part of the contract. */
        public LeadAssigned(String ownerId, String ownerName, String seniority, String grade, String source,
                            String ruleId, String strategy, String why) {
            this(ownerId, ownerName, seniority, grade, source, ruleId, strategy, why, null);
        }
    
        /** A rule's why names reps and rules only; a manager's (strategy MANUAL) is what they typed. */
        @Override
        public LeadAssigned withoutPersonalData() {
            return "MANUAL".equals(strategy) || "MANUAL".equals(ruleId)
                    ? new LeadAssigned(ownerId, ownerName, seniority, grade, source, ruleId, strategy, erased(why),
                    registeredAt)
                    : this;
        }
}

    /** @param reassignedBy the staff id of the manager who moved the lead; null when routing moved it by a rule */
    record LeadReassigned(String previousOwnerId, String ownerId, String ownerName, String grade, String reason,
                          String reassignedBy) implements LeadEvent {
        /** As written before {@code reassignedBy} was part of the contract. */
        public LeadReassigned(String previousOwnerId, String ownerId, String ownerName, String grade, String reason) {
            this(previousOwnerId, ownerId, ownerName, grade, reason, null);
        }
    
        @Override
        public LeadReassigned withoutPersonalData() {
            return new LeadReassigned(previousOwnerId, ownerId, ownerName, grade, erased(reason), reassignedBy);
        }
}

    // ---- followup-service ----------------------------------------------------------------------------

    /**
     * @param humanTouch true for a person's touch (stops the first-response clock), false for automated ones
     */
    record FollowUpLogged(String followUpId, String ownerId, java.time.Instant contactedAt, String method,
                          String status, boolean humanTouch, String nextAction, java.time.LocalDate nextActionDue)
            implements LeadEvent {
    
        @Override
        public FollowUpLogged withoutPersonalData() {
            return new FollowUpLogged(followUpId, ownerId, contactedAt, method, status, humanTouch, erased(nextAction),
                    nextActionDue);
        }
}

    record FollowUpScheduled(String taskId, String ownerId, String grade, String kind, String method,
                             java.time.Instant dueAt) implements LeadEvent {
    }

    /**
     * @param changedAt when the stage changed: the history's date when one was given, else when it was recorded;
     *                  null from producers before the field existed (read it as the envelope's {@code occurredAt})
     * @param reopened  true when a lost lead was taken up again
     */
    record LeadStageChanged(String fromStage, String toStage, String ownerId, String reason, java.time.Instant changedAt,
                            boolean reopened) implements LeadEvent {
        /** As written before {@code changedAt} and {@code reopened} were part of the contract. */
        public LeadStageChanged(String fromStage, String toStage, String ownerId, String reason) {
            this(fromStage, toStage, ownerId, reason, null, false);
        }

        /** When the stage changed, for an event of any producer version. */
        public java.time.Instant changedAt(java.time.Instant occurredAt) {
            return changedAt != null ? changedAt : occurredAt;
        }
    
        @Override
        public LeadStageChanged withoutPersonalData() {
            return new LeadStageChanged(fromStage, toStage, ownerId, erased(reason), changedAt, reopened);
        }
}

    record LeadWon(java.time.LocalDate wonOn, Money amount, java.util.List<String> winFactors, String ownerId)
            implements LeadEvent {
    
        @Override
        public LeadWon withoutPersonalData() {
            return new LeadWon(wonOn, amount, java.util.List.of(), ownerId);
        }
}

    record LeadLost(java.time.LocalDate lostOn, String reason, String note, String ownerId) implements LeadEvent {
    
        /** The lost reason is a code; the note is what the rep wrote. */
        @Override
        public LeadLost withoutPersonalData() {
            return new LeadLost(lostOn, reason, erased(note), ownerId);
        }
}

    /**
     * @param clockStartedAt when the first-response clock started: the lead's registration (or its assignment, when
     *                       that came first); null from producers before the field existed
     */
    record FirstResponseSlaBreached(String grade, String source, String ownerId, java.time.Instant assignedAt,
                                    java.time.Instant deadline, java.time.Instant clockStartedAt) implements LeadEvent {
        /** As written before {@code clockStartedAt} was part of the contract. */
        public FirstResponseSlaBreached(String grade, String source, String ownerId, java.time.Instant assignedAt,
                                        java.time.Instant deadline) {
            this(grade, source, ownerId, assignedAt, deadline, null);
        }
    }

    record RegradeRequested(String requestedGrade, String reason, String requestedBy) implements LeadEvent {
    
        @Override
        public RegradeRequested withoutPersonalData() {
            return new RegradeRequested(requestedGrade, erased(reason), requestedBy);
        }
}

    /**
     * A task left the owner's list: done (by hand or by the follow-up that did it) or cancelled (a regrade, the
     * outcome, erasure). No free text: what was done is in the follow-up it names.
     *
     * @param status     DONE or CANCELLED
     * @param closedBy   staff id, null when the system closed it
     * @param followUpId the follow-up that did it, when one did
     */
    record FollowUpTaskClosed(String taskId, String ownerId, String kind, String status, String closedBy,
                              java.time.Instant closedAt, String followUpId) implements LeadEvent {
    }

    // ---- any service that owns a rule policy ---------------------------------------------------------

    /**
     * A new version of a rule policy is in force from {@code publishedAt}. Not about one lead: it travels on
     * {@link Topics#POLICIES} keyed by {@link #key(String)}, so the versions of one policy stay in order.
     *
     * @param policy      SCREENING (intake), GRADING or ASSIGNMENT (routing), CADENCE (follow-up)
     * @param publishedBy staff id of who published it
     * @param reason      why, as they wrote it; null when none was given
     * @param trial       the policy lab's figures the version was activated from; null when it was not tried first
     */
    record PolicyVersionPublished(String policy, int version, String publishedBy, String reason,
                                  java.time.Instant publishedAt, PolicyTrial trial) implements LeadEvent {

        /** The record key (the envelope's leadId) of a policy's versions, e.g. {@code POLICY-GRADING}. */
        public static String key(String policy) {
            return "POLICY-" + policy;
        }
    }
}
