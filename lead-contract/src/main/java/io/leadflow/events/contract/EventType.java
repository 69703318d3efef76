package io.leadflow.events.contract;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every event type of the contract: its wire name, payload record, current schema version and topic. */
public enum EventType {
    LEAD_CAPTURED(LeadEvent.LeadCaptured.class, Topics.INTAKE),
    LEAD_QUALIFIED(LeadEvent.LeadQualified.class, Topics.INTAKE),
    LEAD_REJECTED(LeadEvent.LeadRejected.class, Topics.INTAKE),
    LEAD_UPDATED(LeadEvent.LeadUpdated.class, Topics.INTAKE),
    DUPLICATE_LEAD_MERGED(LeadEvent.DuplicateLeadMerged.class, Topics.INTAKE),
    LEAD_MERGED(LeadEvent.LeadMerged.class, Topics.INTAKE),
    LEAD_ERASED(LeadEvent.LeadErased.class, Topics.INTAKE),
    LEAD_GRADED(LeadEvent.LeadGraded.class, Topics.ROUTING),
    LEAD_ASSIGNED(LeadEvent.LeadAssigned.class, Topics.ROUTING),
    LEAD_REASSIGNED(LeadEvent.LeadReassigned.class, Topics.ROUTING),
    FOLLOW_UP_LOGGED(LeadEvent.FollowUpLogged.class, Topics.FOLLOWUP),
    FOLLOW_UP_SCHEDULED(LeadEvent.FollowUpScheduled.class, Topics.FOLLOWUP),
    LEAD_STAGE_CHANGED(LeadEvent.LeadStageChanged.class, Topics.FOLLOWUP),
    LEAD_WON(LeadEvent.LeadWon.class, Topics.FOLLOWUP),
    LEAD_LOST(LeadEvent.LeadLost.class, Topics.FOLLOWUP),
    FIRST_RESPONSE_SLA_BREACHED(LeadEvent.FirstResponseSlaBreached.class, Topics.FOLLOWUP),
    REGRADE_REQUESTED(LeadEvent.RegradeRequested.class, Topics.FOLLOWUP),
    FOLLOW_UP_TASK_CLOSED(LeadEvent.FollowUpTaskClosed.class, Topics.FOLLOWUP),
    POLICY_VERSION_PUBLISHED(LeadEvent.PolicyVersionPublished.class, Topics.POLICIES);

    private static final Map<String, EventType> BY_CODE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::code, Function.identity()));
    private static final Map<Class<?>, EventType> BY_CLASS =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(t -> t.payloadType, Function.identity()));

    private final Class<? extends LeadEvent> payloadType;
    private final String topic;

    EventType(Class<? extends LeadEvent> payloadType, String topic) {
        this.payloadType = payloadType;
        this.topic = topic;
    }

    /** The past-tense wire name, e.g. {@code LeadQualified}: the payload record's simple name. */
    public String code() {
        return payloadType.getSimpleName();
    }

    /**
     * The newest version of this type's payload that this build reads and writes. Bumped when a payload changes
     * incompatibly (a field removed, renamed or given another meaning); additive optional fields keep it.
     */
    public int schemaVersion() {
        return 1;
    }

    public String topic() {
        return topic;
    }

    public Class<? extends LeadEvent> payloadType() {
        return payloadType;
    }

    public static Optional<EventType> fromCode(String code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }

    public static EventType of(LeadEvent payload) {
        return BY_CLASS.get(payload.getClass());
    }
}
