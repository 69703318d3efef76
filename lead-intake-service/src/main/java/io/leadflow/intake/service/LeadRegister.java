package io.leadflow.intake.service;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.leadflow.events.contract.EventJson;
import io.leadflow.events.domain.NotFound;
import io.leadflow.events.rest.Page;
import io.leadflow.events.security.Caller;
import io.leadflow.events.security.Roles;
import io.leadflow.events.time.BusinessTime;
import io.leadflow.intake.domain.SearchTerm;
import io.leadflow.intake.repository.LeadChangeEntity;
import io.leadflow.intake.repository.LeadEntity;
import io.leadflow.intake.repository.TouchEntity;

/** The lead register as staff read it: one lead, a filtered page, a lead's touches and its audited changes. */
@ApplicationScoped
public class LeadRegister {

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

    private final BusinessTime businessTime;
    private final EntityManager em;
    private final Caller caller;

    public LeadRegister(BusinessTime businessTime, EntityManager em, Caller caller) {
        this.businessTime = businessTime;
        this.em = em;
        this.caller = caller;
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
                t.submittedAt, tree(t.submitted), t.originLeadId)).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ChangeView> changes(String id) {
        visible(id);
        List<LeadChangeEntity> changes = LeadChangeEntity.list("leadId = ?1 order by changedAt, id", id);
        return changes.stream().map(c -> new ChangeView(c.field, c.oldValue, c.newValue, c.changedBy, c.changedAt,
                c.reason)).toList();
    }

    /** The lead, or 404 when it does not exist or the caller is a sales rep who does not own it. */
    private LeadEntity visible(String id) {
        LeadEntity lead = find(id);
        if (!caller.maySee(lead.ownerId, OVERSEERS)) {
            throw new NotFound("Lead", id);
        }
        return lead;
    }

    private static LeadEntity find(String id) {
        LeadEntity lead = id == null ? null : LeadEntity.findById(id);
        if (lead == null) {
            throw new NotFound("Lead", id);
        }
        return lead;
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
