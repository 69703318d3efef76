package io.leadflow.intake.repository;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;

import io.leadflow.intake.domain.SearchTerm;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class LeadRepository implements PanacheRepositoryBase<LeadEntity, String> {

    /**
     * The lead's row, locked until the transaction ends, or null when there is no such lead: the lock a submission
     * joining the lead takes ({@link LeadStore#lockLive}), so a merge or an erasure runs wholly before or after it.
     */
    public LeadEntity lock(String id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Leads merged into {@code id}, and leads flagged as possibly duplicating it, now concern {@code intoId}. */
    public void handOver(String id, String intoId) {
        update("mergedInto = ?1 where mergedInto = ?2", intoId, id);
        update("possibleDuplicateOf = ?1 where possibleDuplicateOf = ?2 and id <> ?1", intoId, id);
    }

    /**
     * Leads merged into {@code id} give up their duplicate keys, so no later submission is sent on to it; their
     * people are kept apart and erasable on their own.
     */
    public void releaseKeysOfMergedInto(String id) {
        update("phoneKey = null, emailKey = null, companyKey = null where mergedInto = ?1", id);
    }

    /**
     * What the register is filtered on; a null (or false) criterion does not filter.
     *
     * @param namedOwner the 跟进人 typed at capture
     * @param ownerId    the rep routing assigned, as asked for
     * @param visibleTo  the rep whose own leads alone the caller may see (index lead_owner), whatever else is asked
     *                   for; null when the caller sees every lead
     * @param from       registered at or after
     * @param to         registered before
     */
    public record Criteria(String source, String status, String channel, Instant from, Instant to,
                           String namedOwner, boolean possibleDuplicates, String ownerId, String visibleTo,
                           SearchTerm term) {
    }

    /** One page of the register and how many leads match in all. */
    public record Found(List<LeadEntity> rows, long total) {
    }

    /**
     * The leads matching {@code criteria}, newest registration first. Native SQL: the search box must use the
     * trigram index's own expression, which JPQL cannot spell.
     */
    public Found search(Criteria criteria, int offset, int limit) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (criteria.source() != null) {
            where.append(" and source = :source");
            params.put("source", criteria.source());
        }
        if (criteria.status() != null) {
            where.append(" and status = :status");
            params.put("status", criteria.status());
        }
        if (criteria.channel() != null) {
            where.append(" and channel = :channel");
            params.put("channel", criteria.channel());
        }
        if (criteria.from() != null) {
            where.append(" and registered_at >= :from");
            params.put("from", criteria.from());
        }
        if (criteria.to() != null) {
            where.append(" and registered_at < :to");
            params.put("to", criteria.to());
        }
        if (criteria.namedOwner() != null) {
            where.append(" and named_owner = :owner");
            params.put("owner", criteria.namedOwner());
        }
        if (criteria.possibleDuplicates()) {
            where.append(" and possible_duplicate_of is not null");
        }
        if (criteria.ownerId() != null) {
            where.append(" and owner_id = :ownerId");
            params.put("ownerId", criteria.ownerId());
        }
        if (criteria.visibleTo() != null) {
            where.append(" and owner_id = :me");
            params.put("me", criteria.visibleTo());
        }
        SearchTerm term = criteria.term();
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
        Query count = getEntityManager().createNativeQuery("select count(*) from lead" + where);
        Query select = getEntityManager().createNativeQuery("select * from lead" + where
                + " order by registered_at desc, id desc limit :limit offset :offset", LeadEntity.class);
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            select.setParameter(k, v);
        });
        select.setParameter("limit", limit);
        select.setParameter("offset", offset);
        long total = ((Number) count.getSingleResult()).longValue();
        @SuppressWarnings("unchecked")
        List<LeadEntity> rows = select.getResultList();
        return new Found(rows, total);
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
}
