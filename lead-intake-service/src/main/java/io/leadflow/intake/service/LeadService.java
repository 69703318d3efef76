package io.leadflow.intake.service;

import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.leadflow.events.contract.EventJson;
import io.leadflow.events.contract.LeadEvent;
import io.leadflow.events.contract.LeadProfile;
import io.leadflow.events.outbox.LeadEvents;
import io.leadflow.events.rest.EntityTags;
import io.leadflow.events.rest.Page;
import io.leadflow.events.rest.Problem;
import io.leadflow.events.rest.ProblemException;
import io.leadflow.events.security.Caller;
import io.leadflow.events.security.Roles;
import io.leadflow.events.time.BusinessTime;
import io.leadflow.intake.domain.ContactCheck;
import io.leadflow.intake.domain.DraftParser;
import io.leadflow.intake.domain.DuplicateKeys;
import io.leadflow.intake.domain.InputError;
import io.leadflow.intake.domain.LeadDraft;
import io.leadflow.intake.domain.RawLead;
import io.leadflow.intake.domain.Screening;
import io.leadflow.intake.domain.SearchTerm;
import io.leadflow.intake.repository.LeadChangeEntity;
import io.leadflow.intake.repository.LeadEntity;
import io.leadflow.intake.repository.LeadStore;
import io.leadflow.intake.repository.TouchEntity;

/** Reading, correcting, rescreening and erasing leads. */
@ApplicationScoped
public class LeadService {

    /** What PATCH may change; the rest (id, status, verdict, capture time) is the system's. */
    public static final Set<String> CORRECTABLE = new TreeSet<>(List.of("customerName", "contactName", "phone",
            "email", "wechat", "source", "sourceDetail", "utm", "needDescription", "industry", "region", "companySize",
            "customerType", "budget", "decisionCycle", "declaredIntent", "namedOwner", "registeredAt", "consent"));

    /**
     * @param owner   the 跟进人 typed at capture ({@code namedOwner})
     * @param ownerId the rep routing assigned
     */
    /** @param possibleDuplicates only leads a public post made that named an existing lead's company */
    public record Filter(String source, String status, LocalDate from, LocalDate to, String owner, String q,
                         String channel, String ownerId, boolean possibleDuplicates) {
    }

    /** Roles that see every lead here; a sales token without one of them sees only the leads it owns. */
    static final String[] OVERSEERS = {Roles.MARKETING, Roles.SALES_MANAGER};

    public record Rescreened(LeadView lead, boolean changed) {
    }

    private static final java.time.Duration ERASE_LOCK_TIMEOUT = java.time.Duration.ofSeconds(5);

    private final Clock clock;
    private final BusinessTime businessTime;
    private final LeadEvents events;
    private final EntityTags tags;
    private final LeadStore store;
    private final PolicyService policies;
    private final EntityManager em;
    private final Caller caller;

    public LeadService(Clock clock, BusinessTime businessTime, LeadEvents events,
                       LeadStore store, PolicyService policies, EntityManager em, Caller caller, EntityTags tags) {
        this.caller = caller;
        this.tags = tags;
        this.clock = clock;
        this.businessTime = businessTime;
        this.events = events;
        this.store = store;
        this.policies = policies;
        this.em = em;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public LeadView get(String id) {
        return LeadView.of(visible(id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<LeadView> list(Filter filter, Page.PageRequest page) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (filter.source() != null) {
            where.append(" and source = :source");
            params.put("source", filter.source());
        }
        if (filter.status() != null) {
            where.append(" and status = :status");
            params.put("status", filter.status());
        }
        if (filter.channel() != null) {
            where.append(" and channel = :channel");
            params.put("channel", filter.channel());
        }
        if (filter.from() != null) {
            where.append(" and registered_at >= :from");
            params.put("from", filter.from().atStartOfDay(businessTime.zone()).toInstant());
        }
        if (filter.to() != null) {
            where.append(" and registered_at < :to");
            params.put("to", filter.to().plusDays(1).atStartOfDay(businessTime.zone()).toInstant());
        }
        if (filter.owner() != null) {
            where.append(" and named_owner = :owner");
            params.put("owner", filter.owner());
        }
        if (filter.possibleDuplicates()) {
            where.append(" and possible_duplicate_of is not null");
        }
        if (filter.ownerId() != null) {
            where.append(" and owner_id = :ownerId");
            params.put("ownerId", filter.ownerId());
        }
        if (caller.limitedToOwnLeads(OVERSEERS)) {
            // A sales rep's register is their own leads, whatever else they filter on (index lead_owner).
            where.append(" and owner_id = :me");
            params.put("me", caller.id() == null ? "" : caller.id());
        }
        SearchTerm term = SearchTerm.of(filter.q());
        if (term != null) {
            where.append(" and (").append(SEARCH_TEXT).append(" ilike :q escape '\\'");
            params.put("q", like(term.text()));
            if (term.digits() != null) {
                where.append(" or ").append(SEARCH_TEXT).append(" ilike :digits escape '\\'");
                params.put("digits", like(term.digits()));
            }
            if (term.phoneKey() != null) {
                where.append(" or phone_key = :phoneKey");
                params.put("phoneKey", term.phoneKey());
            }
            if (term.emailKey() != null) {
                where.append(" or email_key = :emailKey");
                params.put("emailKey", term.emailKey());
            }
            where.append(")");
        }
        Query count = em.createNativeQuery("select count(*) from lead" + where);
        Query select = em.createNativeQuery("select * from lead" + where
                + " order by registered_at desc, id desc limit :limit offset :offset", LeadEntity.class);
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            select.setParameter(k, v);
        });
        select.setParameter("limit", page.size());
        select.setParameter("offset", page.offset());
        long total = ((Number) count.getSingleResult()).longValue();
        @SuppressWarnings("unchecked")
        List<LeadEntity> rows = select.getResultList();
        return page.of(rows.stream().map(LeadView::of).toList(), total);
    }

    /**
     * What the search box searches: the same expression as the trigram index {@code lead_search}, so that the
     * planner can use it for {@code ilike '%...%'}.
     */
    private static final String SEARCH_TEXT = "(coalesce(customer_name, '') || ' ' || coalesce(contact_name, '') || ' ' "
            + "|| coalesce(need_description, '') || ' ' || coalesce(phone, '') || ' ' || coalesce(phone_raw, '') "
            + "|| ' ' || coalesce(email, '') || ' ' || coalesce(wechat, ''))";

    private static String like(String text) {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<TouchView> touches(String id) {
        visible(id);
        List<TouchEntity> touches = TouchEntity.list("leadId = ?1 order by submittedAt, id", id);
        return touches.stream().map(t -> new TouchView(t.id, t.kind, t.matchedOn, t.channel, t.source,
                t.sourceDetail, t.utmSource == null && t.utmMedium == null && t.utmCampaign == null
                        && t.utmTerm == null && t.utmContent == null ? null
                        : new io.leadflow.events.contract.Utm(t.utmSource, t.utmMedium, t.utmCampaign, t.utmTerm,
                        t.utmContent),
                t.submittedAt, tree(t.submitted))).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ChangeView> changes(String id) {
        visible(id);
        List<LeadChangeEntity> changes = LeadChangeEntity.list("leadId = ?1 order by changedAt, id", id);
        return changes.stream().map(c -> new ChangeView(c.field, c.oldValue, c.newValue, c.changedBy, c.changedAt,
                c.reason)).toList();
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
            throw ProblemException.conflict("Lead " + id + " was erased; it can no longer be corrected.");
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
            throw new ProblemException(Problem.of("duplicate", 409, "Conflict", "With this correction the "
                    + match.matchedOn().toLowerCase() + " matches lead " + match.leadId()
                    + "; one person is one lead. Correct that lead instead, or use another value."));
        });
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
                LeadChangeEntity audit = new LeadChangeEntity();
                audit.leadId = id;
                audit.changedBy = actor;
                audit.changedAt = now;
                audit.field = component.getName();
                audit.oldValue = display(old);
                audit.newValue = display(neu);
                audit.reason = reason;
                audit.persist();
            }
        }
        if (changed.contains("consent")) {
            lead.consentSource = after.consent() == null ? null : "staff:" + actor;
        }
        if (!changed.isEmpty()) {
            lead.updatedAt = now;
            events.emit(id, new LeadEvent.LeadUpdated(after, List.copyOf(changed), actor));
        }
        em.flush();
        return LeadView.of(lead);
    }

    /** Screens the lead again under the policy now in force; a changed verdict is announced. */
    @Transactional
    public Rescreened rescreen(String id) {
        LeadEntity lead = find(id);
        if ("ERASED".equals(lead.status)) {
            throw ProblemException.conflict("Lead " + id + " was erased; there is nothing left to screen.");
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
                    : new LeadEvent.LeadRejected(verdict.reasons(), verdict.policyVersion(), lead.source,
                    lead.registeredAt));
        }
        return new Rescreened(LeadView.of(lead), changed);
    }

    /**
     * Erases the lead's personal data and tells every service through {@code LeadErased}. Afterwards no table of
     * this service holds the lead's contact, names, need, consent wording, rejection texts, what its touches carried,
     * audited values and reasons, its import rows' reasons or its form Idempotency-Keys, and its events are forgotten
     * like every service's ({@link LeadEvents#forget}: published ones deleted, waiting ones sent without personal
     * data, then deleted too); ErasureTest searches every text column to prove it. The anonymous facts
     * (source, channel, dates, industry, region, size, budget, verdict code) stay for analytics. Erasing an erased
     * lead changes nothing and sends nothing.
     */
    @Transactional
    public void erase(String id, String actor, String reason) {
        // The lead's row is locked first, as a merge locks it: a duplicate submission either commits its touch before
        // the erasure starts (and the erasure clears it) or waits and finds the lead erased (and makes its own lead).
        LeadEntity lead = id == null ? null : LeadEntity.findById(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (lead == null) {
            throw ProblemException.notFound("Lead", id);
        }
        if ("ERASED".equals(lead.status)) {
            return;
        }
        if (!store.eraseTraces(id, contactKeys(lead, "phone"), contactKeys(lead, "email"), ERASE_LOCK_TIMEOUT)) {
            throw new ProblemException(Problem.of("busy", 503, "Service Unavailable", "Another change holds the "
                    + "lead's form posts or import rows right now; nothing was erased. Retry in a few seconds."),
                    Map.of("Retry-After", "5"));
        }
        events.forget(id);
        Instant now = clock.instant();
        lead.status = "ERASED";
        lead.customerName = null;
        lead.contactName = null;
        lead.phone = null;
        lead.phoneRaw = null;
        lead.email = null;
        lead.wechat = null;
        lead.needDescription = null;
        lead.consentText = null;
        lead.consentSource = null;
        lead.rejectionReasons = null;
        lead.budgetText = null;
        lead.decisionCycleText = null;
        lead.phoneKey = null;
        lead.emailKey = null;
        lead.companyKey = null;
        lead.erasedAt = now;
        lead.erasedBy = actor;
        lead.updatedAt = now;
        TouchEntity.update("submitted = null where leadId = ?1", id);
        LeadChangeEntity.update("oldValue = null, newValue = null, reason = null where leadId = ?1", id);
        events.emit(id, new LeadEvent.LeadErased(actor, reason));
    }

    /**
     * The person's phones (or emails) as duplicate keys: the lead's own and every one a correction replaced or set,
     * read from the audit before the erasure blanks it; an import row naming any of them holds the same person.
     */
    private static Set<String> contactKeys(LeadEntity lead, String field) {
        Set<String> keys = new TreeSet<>();
        List<String> values = new ArrayList<>();
        LeadChangeEntity.<LeadChangeEntity>list("leadId = ?1 and field = ?2", lead.id, field)
                .forEach(c -> java.util.Collections.addAll(values, c.oldValue, c.newValue));
        for (String value : values) {
            if (value != null) {
                ContactCheck contact = "phone".equals(field) ? ContactCheck.of(value, null) : ContactCheck.of(null, value);
                String key = "phone".equals(field) ? contact.phoneE164() : DuplicateKeys.emailKey(contact);
                if (key != null) {
                    keys.add(key);
                }
            }
        }
        String own = "phone".equals(field) ? lead.phoneKey : lead.emailKey;
        if (own != null) {
            keys.add(own);
        }
        return keys;
    }

    /** The lead, or 404 when it does not exist or the caller is a sales rep who does not own it. */
    private LeadEntity visible(String id) {
        LeadEntity lead = find(id);
        if (!caller.maySee(lead.ownerId, OVERSEERS)) {
            throw ProblemException.notFound("Lead", id);
        }
        return lead;
    }

    private LeadEntity find(String id) {
        LeadEntity lead = id == null ? null : LeadEntity.findById(id);
        if (lead == null) {
            throw ProblemException.notFound("Lead", id);
        }
        return lead;
    }

    private RawLead overlay(RawLead base, ObjectNode patch) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = new LinkedHashMap<>(EventJson.mapper().convertValue(base, Map.class));
        List<Problem.FieldError> errors = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String field = entry.getKey();
            JsonNode value = entry.getValue();
            if (!CORRECTABLE.contains(field)) {
                errors.add(new Problem.FieldError(field, "cannot be corrected; correctable fields are " + CORRECTABLE));
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
                            errors.add(new Problem.FieldError("utm", "must be an object {source, medium, campaign, "
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
                            errors.add(new Problem.FieldError("consent.granted", "must be true or false"));
                        } else {
                            m.put("consentGranted", granted.booleanValue());
                        }
                        putText(m, "consentText", value.get("text"), "consent.text", errors);
                    } else if (!value.isNull()) {
                        errors.add(new Problem.FieldError("consent", "must be an object {granted, text} or null"));
                    }
                }
                default -> putText(m, field, value, field, errors);
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors.size() == 1
                    ? "Field '" + errors.get(0).field() + "' " + errors.get(0).message() + "."
                    : errors.size() + " fields cannot be applied; see errors.", errors);
        }
        return EventJson.mapper().convertValue(m, RawLead.class);
    }

    private static void putText(Map<String, Object> m, String key, JsonNode value, String field,
                                List<Problem.FieldError> errors) {
        if (value == null || value.isNull()) {
            m.remove(key);
        } else if (value.isValueNode()) {
            m.put(key, value.asText());
        } else {
            errors.add(new Problem.FieldError(field, "must be a string or null"));
        }
    }

    private static void putNumber(Map<String, Object> m, String key, JsonNode value, String field,
                                  List<Problem.FieldError> errors) {
        if (value == null || value.isNull()) {
            m.remove(key);
        } else if (value.isNumber()) {
            m.put(key, value.decimalValue());
        } else {
            errors.add(new Problem.FieldError(field, "must be a number or null"));
        }
    }

    static ProblemException invalid(List<InputError> errors) {
        List<Problem.FieldError> fields = errors.stream().map(e -> new Problem.FieldError(e.field(), e.message())).toList();
        String detail = fields.size() == 1
                ? "Field '" + fields.get(0).field() + "' " + fields.get(0).message() + "."
                : fields.size() + " fields are invalid; see errors.";
        return ProblemException.badRequest(detail, fields);
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

    private static JsonNode tree(String json) {
        if (json == null) {
            return null;
        }
        try {
            return EventJson.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
