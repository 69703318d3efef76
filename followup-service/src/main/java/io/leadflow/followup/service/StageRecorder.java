package io.leadflow.followup.service;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.outbox.LeadEvents;
import io.leadflow.events.vocabulary.Stage;
import io.leadflow.followup.repository.LeadState;
import io.leadflow.followup.repository.StageChangeEntity;
import io.leadflow.followup.repository.StageChangeRepository;

/** Moves a lead's stage, keeps the history and emits LeadStageChanged; the caller checked the transition. */
@ApplicationScoped
public class StageRecorder {

    private final StageChangeRepository history;
    private final LeadEvents events;
    private final Clock clock;

    public StageRecorder(StageChangeRepository history, LeadEvents events, Clock clock) {
        this.history = history;
        this.events = events;
        this.clock = clock;
    }

    /**
     * @param at when it happened: a date from history, or now. Never before the lead's last stage change, so the
     *           history stays in order whatever order it is recorded in.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void move(LeadState lead, Stage to, String by, String reason, boolean reopened, Instant at) {
        Instant now = clock.instant();
        Instant changedAt = lead.stageChangedAt != null && at.isBefore(lead.stageChangedAt) ? lead.stageChangedAt : at;
        StageChangeEntity change = new StageChangeEntity();
        change.leadId = lead.leadId;
        change.fromStage = lead.stage;
        change.toStage = to.name();
        change.changedBy = by;
        change.reason = reason;
        change.reopened = reopened;
        change.changedAt = changedAt;
        change.recordedAt = now;
        history.persist(change);
        events.emit(lead.leadId, new LeadEvent.LeadStageChanged(lead.stage, to.name(), lead.ownerId, reason, changedAt,
                reopened));
        lead.stage = to.name();
        lead.stageChangedAt = changedAt;
        lead.updatedAt = now;
    }
}
