package io.leadflow.intake.service;

import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.leadflow.events.contract.EventJson;
import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.contract.LeadProfile;
import io.leadflow.events.domain.InvalidInput;
import io.leadflow.events.domain.NotFound;
import io.leadflow.events.domain.RuleBroken;
import io.leadflow.events.domain.Violation;
import io.leadflow.events.outbox.LeadEvents;
import io.leadflow.events.rest.EntityTags;
import io.leadflow.events.time.BusinessTime;
import io.leadflow.events.vocabulary.Language;
import io.leadflow.intake.domain.DraftParser;
import io.leadflow.intake.domain.DuplicateKeys;
import io.leadflow.intake.domain.InputError;
import io.leadflow.intake.domain.LeadDraft;
import io.leadflow.intake.domain.RawLead;
import io.leadflow.intake.domain.Screening;
import io.leadflow.intake.repository.LeadChangeRepository;
import io.leadflow.intake.repository.LeadEntity;
import io.leadflow.intake.repository.LeadRepository;
import io.leadflow.intake.repository.LeadStore;

/** Staff corrections of a lead and its rescreening under the policy in force. */
@ApplicationScoped
public class LeadService {

    /** What PATCH may change; the rest (id, status, verdict, capture time) is the system's. */
    public static final Set<String> CORRECTABLE = new TreeSet<>(List.of("customerName", "contactName", "phone",
            "email", "wechat", "source", "sourceDetail", "utm", "needDescription", "industry", "region", "companySize",
            "customerType", "budget", "decisionCycle", "declaredIntent", "namedOwner", "registeredAt", "consent"));

    public record Rescreened(LeadView lead, boolean changed) {
    }

    private final Clock clock;
    private final BusinessTime businessTime;
    private final LeadEvents events;
    private final EntityTags tags;
    private final LeadStore store;
    private final PolicyService policies;
    private final LeadRepository leads;
    private final LeadChangeRepository changes;

    public LeadService(Clock clock, BusinessTime businessTime, LeadEvents events, LeadStore store,
                       PolicyService policies, LeadRepository leads, LeadChangeRepository changes, EntityTags tags) {
        this.tags = tags;
        this.clock = clock;
        this.businessTime = businessTime;
        this.events = events;
        this.store = store;
        this.policies = policies;
        this.leads = leads;
        this.changes = changes;
    }

    /**
     * Applies a JSON merge patch of {@link #CORRECTABLE} fields; every changed field is audited (who, when, old
     * and new value) and announced in one {@code LeadUpdated}. The verdict stands until the lead is rescreened.
     */
    @Transactional
    public LeadView correct(String id, ObjectNode patch, String actor, String reason) {
        return correct(id, patch, actor, reason, null);
    }

    /** @param ifMatch the request's If-Match: the correction applies only to the version it names (412 otherwise) */
    @Transactional
    public LeadView correct(String id, ObjectNode patch, String actor, String reason, String ifMatch) {
        LeadEntity lead = find(id);
        tags.check(ifMatch, EntityTags.ofVersion(lead.version), "Lead " + id);
        if ("ERASED".equals(lead.status)) {
            throw new RuleBroken("Lead " + id + " was erased; it can no longer be corrected.");
        }
        if (lead.mergedInto != null) {
            throw new RuleBroken("Lead " + id + " was merged into " + lead.mergedInto
                    + "; correct that lead instead.");
        }
        RawLead raw = overlay(LeadMapper.raw(lead), patch);
        DraftParser.Result parsed = DraftParser.parse(raw, clock.instant(), businessTime.zone());
        if (!parsed.ok()) {
            throw invalid(parsed.errors());
        }
        LeadDraft draft = parsed.draft();
        DuplicateKeys keys = DuplicateKeys.of(draft.contact(), draft.customerName());
        store.lock(keys.lockKeys());
        store.findDuplicate(keys, id).ifPresent(match -> {
            throw new RuleBroken("duplicate", "With this correction the "
                    + match.matchedOn().toLowerCase(java.util.Locale.ROOT) + " matches lead " + match.leadId()
                    + "; one person is one lead. Correct that lead instead, or use another value.");
        });
        // A key a lead merged into this one still holds comes over with the correction.
        store.releaseMergedKeys(id, keys);
        LeadProfile before = LeadMapper.profile(lead);
        LeadMapper.apply(draft, lead);
        LeadProfile after = LeadMapper.profile(lead);
        Instant now = clock.instant();
        List<String> changed = new ArrayList<>();
        for (RecordComponent component : LeadProfile.class.getRecordComponents()) {
            Object old = value(component, before);
            Object neu = value(component, after);
            if (!Objects.equals(old, neu)) {
                changed.add(component.getName());
                changes.record(id, component.getName(), display(old), display(neu), actor, now, reason);
            }
        }
        if (changed.contains("consent")) {
            lead.consentSource = after.consent() == null ? null : "staff:" + actor;
        }
        if (!changed.isEmpty()) {
            lead.updatedAt = now;
            events.emit(id, new LeadEvent.LeadUpdated(after, List.copyOf(changed), actor));
        }
        leads.flush();
        return LeadView.of(lead);
    }

    /** Screens the lead again under the policy now in force; a changed verdict is announced. */
    @Transactional
    public Rescreened rescreen(String id) {
        LeadEntity lead = find(id);
        if ("ERASED".equals(lead.status)) {
            throw new RuleBroken("Lead " + id + " was erased; there is nothing left to screen.");
        }
        if (lead.mergedInto != null) {
            throw new RuleBroken("Lead " + id + " was merged into " + lead.mergedInto
                    + "; screen that lead instead.");
        }
        DraftParser.Result parsed = DraftParser.parse(LeadMapper.raw(lead), clock.instant(), businessTime.zone());
        if (!parsed.ok()) {
            throw invalid(parsed.errors());
        }
        PolicyService.Versioned policy = policies.current();
        Screening.Verdict verdict = Screening.screen(parsed.draft(), policy.policy(), policy.version());
        String before = lead.status;
        String beforeReasons = lead.rejectionReasons;
        CaptureService.applyVerdict(lead, verdict, clock.instant());
        boolean changed = !before.equals(lead.status) || !Objects.equals(beforeReasons, lead.rejectionReasons);
        if (changed) {
            lead.updatedAt = clock.instant();
            events.emit(id, verdict.qualified()
                    ? new LeadEvent.LeadQualified(LeadMapper.profile(lead), verdict.policyVersion())
                    : new LeadEvent.LeadRejected(Wording.reasons(verdict), verdict.policyVersion(), lead.source,
                    lead.registeredAt));
        }
        return new Rescreened(LeadView.of(lead), changed);
    }

    private LeadEntity find(String id) {
        LeadEntity lead = id == null ? null : leads.findById(id);
        if (lead == null) {
            throw new NotFound("Lead", id);
        }
        return lead;
    }

    private RawLead overlay(RawLead base, ObjectNode patch) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = new LinkedHashMap<>(EventJson.mapper().convertValue(base, Map.class));
        List<Violation> errors = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String field = entry.getKey();
            JsonNode value = entry.getValue();
            if (!CORRECTABLE.contains(field)) {
                errors.add(new Violation(field, "cannot be corrected; correctable fields are " + CORRECTABLE));
                continue;
            }
            switch (field) {
                case "budget" -> {
                    m.remove("budgetText");
                    m.remove("budgetMin");
                    m.remove("budgetMax");
                    m.remove("budgetCurrency");
                    if (value.isObject()) {
                        putNumber(m, "budgetMin", value.get("min"), "budget.min", errors);
                        putNumber(m, "budgetMax", value.get("max"), "budget.max", errors);
                        putText(m, "budgetCurrency", value.get("currency"), "budget.currency", errors);
                        putText(m, "budgetText", value.get("text"), "budget.text", errors);
                    } else {
                        putText(m, "budgetText", value, field, errors);
                    }
                }
                case "utm" -> {
                    for (String part : List.of("source", "medium", "campaign", "term", "content")) {
                        String key = "utm" + Character.toUpperCase(part.charAt(0)) + part.substring(1);
                        m.remove(key);
                        if (value.isObject()) {
                            putText(m, key, value.get(part), "utm." + part, errors);
                        } else if (!value.isNull()) {
                            errors.add(new Violation("utm", "must be an object {source, medium, campaign, "
                                    + "term, content} or null"));
                        }
                    }
                }
                case "consent" -> {
                    m.remove("consentGranted");
                    m.remove("consentText");
                    if (value.isObject()) {
                        JsonNode granted = value.get("granted");
                        if (granted == null || !granted.isBoolean()) {
                            errors.add(new Violation("consent.granted", "must be true or false"));
                        } else {
                            m.put("consentGranted", granted.booleanValue());
                        }
                        putText(m, "consentText", value.get("text"), "consent.text", errors);
                    } else if (!value.isNull()) {
                        errors.add(new Violation("consent", "must be an object {granted, text} or null"));
                    }
                }
                default -> putText(m, field, value, field, errors);
            }
        }
        if (!errors.isEmpty()) {
            throw InvalidInput.stated(errors.size() == 1
                    ? "Field '" + errors.get(0).field() + "' " + errors.get(0).message() + "."
                    : errors.size() + " fields cannot be applied; see errors.", errors);
        }
        return EventJson.mapper().convertValue(m, RawLead.class);
    }

    private static void putText(Map<String, Object> m, String key, JsonNode value, String field,
                                List<Violation> errors) {
        if (value == null || value.isNull()) {
            m.remove(key);
        } else if (value.isValueNode()) {
            m.put(key, value.asText());
        } else {
            errors.add(new Violation(field, "must be a string or null"));
        }
    }

    private static void putNumber(Map<String, Object> m, String key, JsonNode value, String field,
                                  List<Violation> errors) {
        if (value == null || value.isNull()) {
            m.remove(key);
        } else if (value.isNumber()) {
            m.put(key, value.decimalValue());
        } else {
            errors.add(new Violation(field, "must be a number or null"));
        }
    }

    static InvalidInput invalid(List<InputError> errors) {
        List<Violation> fields = errors.stream()
                .map(e -> new Violation(e.field(), Wording.text(Language.EN, e.said()))).toList();
        String detail = fields.size() == 1
                ? "Field '" + fields.get(0).field() + "' " + fields.get(0).message() + "."
                : fields.size() + " fields are invalid; see errors.";
        return InvalidInput.stated(detail, fields);
    }

    private static Object value(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String display(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String || value instanceof Number || value instanceof Instant) {
            return value.toString();
        }
        return LeadMapper.json(value);
    }
}
