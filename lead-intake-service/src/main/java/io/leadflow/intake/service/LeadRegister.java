package io.leadflow.intake.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
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
import io.leadflow.intake.repository.LeadChangeRepository;
import io.leadflow.intake.repository.LeadEntity;
import io.leadflow.intake.repository.LeadRepository;
import io.leadflow.intake.repository.TouchRepository;

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
    private final Caller caller;
    private final LeadRepository leads;
    private final TouchRepository touches;
    private final LeadChangeRepository changes;

    public LeadRegister(BusinessTime businessTime, Caller caller, LeadRepository leads, TouchRepository touches,
                        LeadChangeRepository changes) {
        this.businessTime = businessTime;
        this.caller = caller;
        this.leads = leads;
        this.touches = touches;
        this.changes = changes;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public LeadView get(String id) {
        return LeadView.of(visible(id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<LeadView> list(Filter filter, Page.PageRequest page) {
        Instant from = filter.from() == null ? null : filter.from().atStartOfDay(businessTime.zone()).toInstant();
        Instant to = filter.to() == null ? null : filter.to().plusDays(1).atStartOfDay(businessTime.zone()).toInstant();
        String visibleTo = null;
        if (caller.limitedToOwnLeads(OVERSEERS)) {
            // A sales rep's register is their own leads, whatever else they filter on.
            visibleTo = caller.id() == null ? "" : caller.id();
        }
        LeadRepository.Criteria criteria = new LeadRepository.Criteria(filter.source(), filter.status(),
                filter.channel(), from, to, filter.owner(), filter.possibleDuplicates(), filter.ownerId(), visibleTo,
                SearchTerm.of(filter.q()));
        LeadRepository.Found found = leads.search(criteria, page.offset(), page.size());
        return page.of(found.rows().stream().map(LeadView::of).toList(), found.total());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<TouchView> touches(String id) {
        visible(id);
        return touches.touchesOf(id).stream().map(t -> new TouchView(t.id, t.kind, t.matchedOn, t.channel, t.source,
                t.sourceDetail, t.utmSource == null && t.utmMedium == null && t.utmCampaign == null
                        && t.utmTerm == null && t.utmContent == null ? null
                        : new io.leadflow.events.contract.Utm(t.utmSource, t.utmMedium, t.utmCampaign, t.utmTerm,
                        t.utmContent),
                t.submittedAt, tree(t.submitted), t.originLeadId)).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ChangeView> changes(String id) {
        visible(id);
        return changes.changesOf(id).stream().map(c -> new ChangeView(c.field, c.oldValue, c.newValue, c.changedBy,
                c.changedAt, c.reason)).toList();
    }

    /** The lead, or 404 when it does not exist or the caller is a sales rep who does not own it. */
    private LeadEntity visible(String id) {
        LeadEntity lead = find(id);
        if (!caller.maySee(lead.ownerId, OVERSEERS)) {
            throw new NotFound("Lead", id);
        }
        return lead;
    }

    private LeadEntity find(String id) {
        LeadEntity lead = id == null ? null : leads.findById(id);
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
