package io.leadflow.followup.service;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.contract.Money;
import io.leadflow.events.domain.InvalidInput;
import io.leadflow.events.domain.RuleBroken;
import io.leadflow.events.domain.Violation;
import io.leadflow.events.outbox.LeadEvents;
import io.leadflow.events.time.BusinessTime;
import io.leadflow.events.vocabulary.Stage;
import io.leadflow.events.vocabulary.Term;
import io.leadflow.followup.config.FollowupConfig;
import io.leadflow.followup.domain.Actor;
import io.leadflow.followup.domain.Grades;
import io.leadflow.followup.domain.LostReasons;
import io.leadflow.followup.domain.StageTransitions;
import io.leadflow.followup.domain.StageWords;
import io.leadflow.followup.domain.WhenItHappened;
import io.leadflow.followup.repository.LeadRepository;
import io.leadflow.followup.repository.LeadState;
import io.leadflow.followup.repository.RegradeRequestEntity;
import io.leadflow.followup.repository.RegradeRequestRepository;
import io.leadflow.followup.repository.StageChangeEntity;
import io.leadflow.followup.repository.StageChangeRepository;
import io.leadflow.followup.repository.TaskEntity;
import io.leadflow.followup.repository.TaskRepository;

/** Stages, won/lost outcomes and regrade requests of a lead. */
@ApplicationScoped
public class LeadService {

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern LEAD_ID_DATE = Pattern.compile("LX(\\d{8}).*");

    private final LeadRepository leads;
    private final TaskRepository tasks;
    private final StageChangeRepository stageHistory;
    private final RegradeRequestRepository regradeRequests;
    private final StageRecorder stages;
    private final TaskScheduler scheduler;
    private final SlaService sla;
    private final LeadEvents events;
    private final LostReasons lostReasons;
    private final BusinessTime businessTime;
    private final Clock clock;
    private final LeadAccess access;
    private final CadencePolicyService policies;

    public LeadService(LeadAccess access, LeadRepository leads, TaskRepository tasks, StageChangeRepository stageHistory,
                       RegradeRequestRepository regradeRequests, StageRecorder stages, TaskScheduler scheduler,
                       SlaService sla, LeadEvents events, FollowupConfig config, BusinessTime businessTime, Clock clock,
                       CadencePolicyService policies) {
        this.policies = policies;
        this.leads = leads;
        this.tasks = tasks;
        this.stageHistory = stageHistory;
        this.regradeRequests = regradeRequests;
        this.stages = stages;
        this.scheduler = scheduler;
        this.sla = sla;
        this.events = events;
        this.lostReasons = new LostReasons(config.lostReasons());
        this.businessTime = businessTime;
        this.clock = clock;
        this.access = access;
    }

    public List<String> lostReasons() {
        return lostReasons.codes();
    }

    private static void requireLive(LeadState lead, String action) {
        String leadId = lead.leadId;
        if (lead.erased()) {
            throw new RuleBroken("Lead " + leadId + " was erased; it can no longer be " + action + ".");
        }
        if (lead.merged()) {
            throw new RuleBroken("Lead " + leadId + " was merged into " + lead.mergedInto
                    + "; work on that lead instead.");
        }
    }

    @Transactional
    public LeadView changeStage(String leadId, StageRequest request, Actor actor, Labels labels) {
        // Whose lead it is comes first: a rep learns nothing about someone else's lead, not even that a body is bad.
        LeadState lead = access.lockVisible(leadId, actor);
        if (request == null || request.stage() == null || request.stage().isBlank()) {
            throw InvalidInput.of("stage", "is required: one of " + StageWords.accepted());
        }
        Stage to = StageWords.parse(request.stage()).orElseThrow(() -> InvalidInput.of("stage",
                "'" + request.stage() + "' is not one of " + StageWords.accepted()));
        requireLive(lead, "moved");
        Stage from = Stage.valueOf(lead.stage);
        boolean reopening = StageTransitions.check(from, to);
        String reason = request.reason() == null || request.reason().isBlank() ? null : request.reason().trim();
        if (reopening && reason == null) {
            throw InvalidInput.of("reason", "is required to reopen a lost lead: say what changed");
        }
        Instant at = when(lead, request.on());
        stages.move(lead, to, actor.userId(), reopening ? "reopened: " + reason : reason, reopening, at);
        if (reopening) {
            lead.closedAt = null;
            if (lead.assignedAt != null && lead.ownerId != null) {
                scheduler.rescheduleCadence(lead, clock.instant(), "reopened");
            }
        }
        return view(lead, labels);
    }

    @Transactional
    public LeadView recordOutcome(String leadId, OutcomeRequest request, Actor actor, Labels labels) {
        LeadState lead = access.lockVisible(leadId, actor);
        if (request == null) {
            throw InvalidInput.of("(body)", "is required: {outcome: WON|LOST, on, amount, winFactors | reason, note}");
        }
        String outcome = outcomeCode(request.outcome());
        requireLive(lead, "closed");
        if (lead.closed() || Stage.valueOf(lead.stage).closed()) {
            throw new RuleBroken("Lead " + leadId + " is already " + lead.stage
                    + (lead.wonOn != null ? " (on " + lead.wonOn + ")" : lead.lostOn != null ? " (on " + lead.lostOn + ")" : "")
                    + "; a lost lead can be reopened through POST /api/v1/pipeline/" + leadId + "/stage first.");
        }
        ZoneId zone = businessTime.zone();
        Instant now = clock.instant();
        LocalDate today = now.atZone(zone).toLocalDate();
        LocalDate on = request.on() == null ? today : request.on();
        List<Violation> violations = new ArrayList<>();
        if (on.isAfter(today)) {
            violations.add(new Violation("on", "(" + on + ") is in the future; record an outcome when it has happened"));
        }
        LocalDate registered = registeredOn(lead, zone);
        if (registered != null && on.isBefore(registered)) {
            violations.add(new Violation("on", "(" + on + ") is before the lead was registered (" + registered + ")"));
        }
        Stage from = Stage.valueOf(lead.stage);
        if (outcome.equals("WON")) {
            Money amount = amount(request.amount(), violations);
            List<String> factors = request.winFactors() == null ? List.of()
                    : request.winFactors().stream().filter(f -> f != null && !f.isBlank()).map(String::trim).toList();
            if (factors.isEmpty()) {
                violations.add(new Violation("winFactors", "needs at least one: what won the deal (e.g. 需求明确, 现场互动强)"));
            }
            if (!violations.isEmpty()) {
                throw new InvalidInput(violations);
            }
            lead.wonOn = on;
            lead.wonAmount = amount.amount();
            lead.wonCurrency = amount.currency();
            lead.winFactors = String.join("\n", factors);
            close(lead, Stage.WON, actor, "won " + amount.amount().toPlainString() + " " + amount.currency(), on);
            events.emit(leadId, new LeadEvent.LeadWon(on, amount, factors, lead.ownerId));
        } else {
            String reason = null;
            try {
                reason = lostReasons.require(request.reason(), request.note());
            } catch (InvalidInput e) {
                violations.addAll(e.violations());
            }
            if (!violations.isEmpty()) {
                throw new InvalidInput(violations);
            }
            String note = request.note() == null || request.note().isBlank() ? null : request.note().trim();
            lead.lostOn = on;
            lead.lostReason = reason;
            lead.lostNote = note;
            close(lead, Stage.LOST, actor, "lost: " + reason + (note == null ? "" : " (" + note + ")"), on);
            events.emit(leadId, new LeadEvent.LeadLost(on, reason, note, lead.ownerId));
        }
        return view(lead, labels);
    }

    /**
     * When a stage change given {@code on} happened: now when absent; otherwise not in the future, not before the
     * lead's registration day, not before its last stage change (the history is recorded in order).
     */
    private Instant when(LeadState lead, String on) {
        Instant now = clock.instant();
        if (on == null || on.isBlank()) {
            return now;
        }
        Instant at = WhenItHappened.parse(on, policies.current().calendar(), now).orElseThrow(() ->
                InvalidInput.of("on", "'" + on + "' is not " + WhenItHappened.FORMS));
        ZoneId zone = businessTime.zone();
        if (at.isAfter(now.plusSeconds(300))) {
            throw InvalidInput.of("on", "(" + on + ") is in the future; record a stage change when it has happened");
        }
        LocalDate registered = registeredOn(lead, zone);
        if (registered != null && at.atZone(zone).toLocalDate().isBefore(registered)) {
            throw InvalidInput.of("on", "(" + on + ") is before the lead was registered (" + registered + ")");
        }
        if (lead.stageChangedAt != null && at.isBefore(lead.stageChangedAt)) {
            throw InvalidInput.of("on", "(" + on + ") is before the lead's last stage change ("
                    + lead.stageChangedAt.atZone(zone).toOffsetDateTime() + "); record history in the order it happened");
        }
        return at;
    }

    private void close(LeadState lead, Stage to, Actor actor, String reason, LocalDate on) {
        // The stage moves on the outcome's day; a move recorded later the same day keeps the order.
        stages.move(lead, to, actor.userId(), reason, false, WhenItHappened.onDay(on, policies.current().calendar(),
                clock.instant()));
        lead.closedAt = clock.instant();
        scheduler.closeOpen(lead, "lead " + to.name().toLowerCase(Locale.ROOT), actor.userId());
    }

    private static String outcomeCode(String text) {
        if (text == null || text.isBlank()) {
            throw InvalidInput.of("outcome", "is required: WON or LOST");
        }
        String t = text.trim();
        if (Arrays.asList("WON", "WIN", "成交", "赢单", "已成交").contains(t.toUpperCase(Locale.ROOT))) {
            return "WON";
        }
        if (Arrays.asList("LOST", "LOSE", "流失", "丢单", "输单", "已流失").contains(t.toUpperCase(Locale.ROOT))) {
            return "LOST";
        }
        throw InvalidInput.of("outcome", "'" + text + "' is not WON or LOST (成交/流失)");
    }

    private static Money amount(OutcomeRequest.Amount amount, List<Violation> violations) {
        if (amount == null || amount.amount() == null) {
            violations.add(new Violation("amount.amount", "is required for a won lead: the deal amount"));
            return new Money(BigDecimal.ZERO, "CNY");
        }
        if (amount.amount().signum() <= 0) {
            violations.add(new Violation("amount.amount", "must be more than 0"));
        } else if (amount.amount().scale() > 2 || amount.amount().precision() - amount.amount().scale() > 16) {
            violations.add(new Violation("amount.amount", "must have at most 16 digits and 2 decimals"));
        }
        String currency = amount.currency() == null || amount.currency().isBlank() ? "CNY" : amount.currency().trim().toUpperCase(Locale.ROOT);
        if (!CURRENCY.matcher(currency).matches()) {
            violations.add(new Violation("amount.currency", "'" + amount.currency() + "' is not an ISO 4217 code such as CNY"));
        }
        return new Money(amount.amount(), currency);
    }

    /** When the lead was registered: from intake's profile, else the business date in its id (LX20240301...). */
    private static LocalDate registeredOn(LeadState lead, ZoneId zone) {
        if (lead.registeredAt != null) {
            return lead.registeredAt.atZone(zone).toLocalDate();
        }
        var m = LEAD_ID_DATE.matcher(lead.leadId);
        if (m.matches()) {
            try {
                return LocalDate.parse(m.group(1), DateTimeFormatter.BASIC_ISO_DATE);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    @Transactional
    public RegradeRequestView requestRegrade(String leadId, RegradeRequestBody body, Actor actor) {
        LeadState lead = access.lockVisible(leadId, actor);
        if (body == null) {
            throw InvalidInput.of("(body)", "is required: {suggestedGrade, reason}");
        }
        List<Violation> violations = new ArrayList<>();
        String grade = null;
        try {
            grade = Grades.parse("suggestedGrade", body.suggestedGrade());
        } catch (InvalidInput e) {
            violations.addAll(e.violations());
        }
        if (body.reason() == null || body.reason().isBlank()) {
            violations.add(new Violation("reason", "is required: what became clear about the need (e.g. 客户明确了预算和上线时间)"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInput(violations);
        }
        requireLive(lead, "regraded");
        if (Stage.WON.name().equals(lead.stage)) {
            throw new RuleBroken("Lead " + leadId + " is WON; a won lead is not regraded.");
        }
        if (grade.equals(lead.grade)) {
            throw new RuleBroken("Lead " + leadId + " is already graded " + grade + ".");
        }
        RegradeRequestEntity request = new RegradeRequestEntity();
        request.id = "R-" + UUID.randomUUID();
        request.leadId = leadId;
        request.currentGrade = lead.grade;
        request.requestedGrade = grade;
        request.reason = body.reason().trim();
        request.requestedBy = actor.userId();
        request.requestedAt = clock.instant();
        regradeRequests.persist(request);
        events.emit(leadId, new LeadEvent.RegradeRequested(grade, request.reason, actor.userId()));
        return new RegradeRequestView(request.id, leadId, request.currentGrade, grade, request.reason, request.requestedBy,
                request.requestedAt.atZone(businessTime.zone()).toOffsetDateTime());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public LeadView get(String leadId, Actor actor, Labels labels) {
        return view(access.visible(leadId, actor), labels);
    }

    private LeadView view(LeadState lead, Labels labels) {
        Stage stage = Stage.valueOf(lead.stage);
        List<StageChangeEntity> changes = stageHistory.ofLead(lead.leadId);
        // Who recorded the outcome, and when: the last move into the closed stage.
        StageChangeEntity closing = changes.stream().filter(c -> c.toStage.equals(stage.name()) && !c.reopened)
                .reduce((first, second) -> second).orElse(null);
        String recordedBy = closing == null ? null : closing.changedBy;
        var recordedAt = closing == null ? null : labels.time(closing.changedAt);
        LeadView.Outcome outcome = null;
        if (lead.wonOn != null && stage == Stage.WON) {
            outcome = new LeadView.Outcome("WON", lead.wonOn, lead.wonAmount, lead.wonCurrency,
                    lead.winFactors == null ? List.of() : List.of(lead.winFactors.split("\n")), null, null,
                    recordedBy, recordedAt);
        } else if (lead.lostOn != null && stage == Stage.LOST) {
            outcome = new LeadView.Outcome("LOST", lead.lostOn, null, null, List.of(), lead.lostReason, lead.lostNote,
                    recordedBy, recordedAt);
        }
        List<LeadView.StageChange> history = changes.stream()
                .map(c -> new LeadView.StageChange(c.fromStage, c.toStage, c.changedBy, c.reason, c.reopened, labels.time(c.changedAt),
                        labels.time(c.recordedAt)))
                .toList();
        return new LeadView(lead.leadId, lead.customerName, lead.contactName, lead.source, lead.grade, lead.ownerId,
                lead.ownerName, labels.time(lead.assignedAt), stage.name(), labels.word(Term.STAGE, stage.name()),
                lead.merged() ? List.of() : StageTransitions.from(stage).stream().map(Enum::name).sorted().toList(),
                outcome,
                sla.view(lead, labels), tasks.count("leadId = ?1 and status = ?2", lead.leadId, TaskEntity.OPEN),
                lead.erased(), labels.time(lead.erasedAt), lead.erasedBy, lead.mergedInto, history);
    }
}
