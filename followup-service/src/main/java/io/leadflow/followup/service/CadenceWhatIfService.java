package io.leadflow.followup.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.leadflow.events.contract.PolicyTrial;
import io.leadflow.events.domain.InvalidInput;
import io.leadflow.events.time.BusinessTime;
import io.leadflow.events.time.LabPeriod;
import io.leadflow.events.vocabulary.Term;
import io.leadflow.followup.domain.Actor;
import io.leadflow.followup.domain.CadencePolicy;
import io.leadflow.followup.domain.CadenceWhatIf;
import io.leadflow.followup.repository.LeadRepository;

/**
 * The cadence lab: a draft policy held against a period's real first responses. Reads only, stores and publishes
 * nothing; the draft is validated exactly as a PUT would validate it.
 */
@ApplicationScoped
public class CadenceWhatIfService {

    private final CadencePolicyService policies;
    private final LeadRepository leads;
    private final BusinessTime businessTime;
    private final Clock clock;

    public CadenceWhatIfService(CadencePolicyService policies, LeadRepository leads, BusinessTime businessTime,
                                Clock clock) {
        this.policies = policies;
        this.leads = leads;
        this.businessTime = businessTime;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public CadenceWhatIfView run(CadenceWhatIfRequest request, Labels labels) {
        return run(draft(request), request.period(), request.from(), request.to(), labels);
    }

    /** The whole draft, or the policy in force with the request's source rules set on it. */
    private CadencePolicyDocument draft(CadenceWhatIfRequest request) {
        if (request.policy() != null || request.sources() == null || request.sources().isEmpty()) {
            return request.policy();
        }
        CadencePolicyDocument current = policies.currentDocument();
        Map<String, CadencePolicyDocument.Source> sources = new LinkedHashMap<>();
        if (current.sources() != null) {
            current.sources().forEach(s -> sources.put(s.source(), s));
        }
        for (CadencePolicyDocument.Source s : request.sources()) {
            if (s == null || s.source() == null || s.source().isBlank()) {
                throw InvalidInput.of("sources", "each needs a source, e.g. {\"source\":\"WEBSITE_FORM\",\"firstResponse\":\"PT24H\"}");
            }
            sources.put(s.source().strip(), s);
        }
        return new CadencePolicyDocument(current.version(), current.fallbackGrade(), current.grades(),
                List.copyOf(sources.values()), current.calendar(), null, null, null);
    }

    /**
     * Saves the draft as the next version with the what-if it was decided on, run again here over the period the PUT
     * names, so the figures kept with the version are the ones that held when it went live; a reason is required.
     */
    @Transactional
    public CadencePolicyDocument activate(CadencePolicyDocument document, Actor actor) {
        CadencePolicyDocument.WhatIf w = document.whatIf();
        if (document.changeReason() == null || document.changeReason().isBlank()) {
            throw InvalidInput.of("changeReason", "is required with whatIf: why this change, on these figures");
        }
        Evaluation e = evaluate(document, w.period(), w.from(), w.to());
        CadenceWhatIf.Tally now = e.result().total().current();
        CadenceWhatIf.Tally then = e.result().total().draft();
        PolicyTrial trial = new PolicyTrial("CADENCE_WHAT_IF", e.when().from(), e.when().to(), (int) now.leads(),
                "FIRST_RESPONSE_SLA_PERCENT", percent(now.compliance()), percent(then.compliance()), actor.userId(),
                e.ranAt());
        return policies.replace(document, actor, trial);
    }

    private static BigDecimal percent(BigDecimal share) {
        return share == null ? null : share.movePointRight(2).setScale(1, RoundingMode.HALF_UP);
    }

    /** A draft held against a period: the period, both policies, the period's clocks and the tallies. */
    private record Evaluation(LabPeriod when, CadencePolicy current, CadencePolicy draft,
                              List<LeadRepository.ClockRow> rows, CadenceWhatIf.Result result, Instant ranAt) {
    }

    private Evaluation evaluate(CadencePolicyDocument draftDocument, String period, String from, String to) {
        ZoneId zone = businessTime.zone();
        LabPeriod when;
        try {
            when = LabPeriod.parse(period, from, to);
        } catch (LabPeriod.Invalid e) {
            throw InvalidInput.of(e.field(), e.reason());
        }
        if (draftDocument == null) {
            throw InvalidInput.of("policy", "is required: the draft cadence policy, shaped as GET /api/v1/cadence-policy "
                    + "answers it, or sources: [{source, firstResponse}] to set on the policy in force");
        }
        CadencePolicy current = policies.current();
        CadencePolicy draft = CadencePolicies.toDomain(draftDocument, current.version() + 1, zone);
        Instant now = clock.instant();
        List<LeadRepository.ClockRow> rows = leads.clocksStarted(when.start(zone), when.end(zone));
        CadenceWhatIf.Result result = CadenceWhatIf.run(rows.stream().map(r -> new CadenceWhatIf.Clock(r.leadId(),
                r.grade(), r.source(), r.ownerId(), r.startedAt(), r.firstResponseAt())).toList(), current, draft, now);
        return new Evaluation(when, current, draft, rows, result, now);
    }

    private CadenceWhatIfView run(CadencePolicyDocument draftDocument, String period, String from, String to,
                                  Labels labels) {
        Evaluation e = evaluate(draftDocument, period, from, to);
        LabPeriod when = e.when();
        CadencePolicy current = e.current();
        CadenceWhatIf.Result result = e.result();
        Map<String, String> ownerNames = new LinkedHashMap<>();
        e.rows().forEach(r -> {
            if (r.ownerId() != null && r.ownerName() != null) {
                ownerNames.put(r.ownerId(), r.ownerName());
            }
        });
        List<CadenceWhatIfView.Owner> owners = result.ownersBreachingTheDraft().stream()
                .map(o -> new CadenceWhatIfView.Owner(o.ownerId(), ownerNames.get(o.ownerId()), o.draftBreaches(),
                        o.currentBreaches(), o.leads())).toList();
        String reading = Wording.text(labels.language(), "whatIf.reading", String.valueOf(current.version()));
        String activate = "PUT /api/v1/cadence-policy with the draft, version " + current.version()
                + ", a changeReason and whatIf: {\"from\": \"" + when.from() + "\", \"to\": \"" + when.to()
                + "\"}: the what-if runs again and its figures are kept with the new version";
        return new CadenceWhatIfView(when.from(), when.to(), current.version(), result.total().current().leads(),
                result.medianResponse() == null ? null : result.medianResponse().toMinutes(),
                CadenceWhatIfView.Group.of(result.total(), null),
                CadenceWhatIfView.groups(result.byGrade(), Term.GRADE, labels),
                CadenceWhatIfView.groups(result.bySource(), Term.SOURCE, labels),
                result.byOwner().stream().map(r -> CadenceWhatIfView.Group.of(r, ownerNames.get(r.key()))).toList(),
                owners, reading, activate);
    }
}
