package io.leadflow.routing.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import io.leadflow.events.domain.InvalidInput;
import io.leadflow.events.domain.NotFound;
import io.leadflow.events.domain.RuleBroken;
import io.leadflow.events.domain.Violation;
import io.leadflow.events.rest.EntityTags;
import io.leadflow.events.rest.Page;
import io.leadflow.events.security.Caller;
import io.leadflow.events.security.Roles;
import io.leadflow.events.time.BusinessTime;
import io.leadflow.routing.domain.Seniority;
import io.leadflow.routing.repository.Json;
import io.leadflow.routing.repository.RepEntity;
import io.leadflow.routing.repository.RepRepository;

/** The sales roster: who takes leads, in which specialties, how many at most, and when. */
@ApplicationScoped
public class RosterService {

    public static final int MAX_CAPACITY = 100_000;
    public static final String RULES = "RULES";

    /** What a person sends to create or change a rep; null fields of a PATCH keep their value. */
    public record RepInput(String id, String name, String seniority, List<String> industries, List<String> regions,
                           Integer capacity, String availability, LocalDate awayUntil, String email) {
    }

    public record Load(RepEntity rep, int openLeads, Map<String, Integer> openByGrade, boolean available) {
    }

    private final RepRepository reps;
    private final AssignmentService assignments;
    private final Event<RepMayBeFree> repMayBeFree;
    private final Caller caller;
    private final Clock clock;
    private final EntityTags tags;
    private final BusinessTime time;

    public RosterService(RepRepository reps, AssignmentService assignments, Event<RepMayBeFree> repMayBeFree, Caller caller,
                         Clock clock, BusinessTime time, EntityTags tags) {
        this.tags = tags;
        this.caller = caller;
        this.reps = reps;
        this.assignments = assignments;
        this.repMayBeFree = repMayBeFree;
        this.clock = clock;
        this.time = time;
    }

    @Transactional
    public RepEntity create(RepInput in) {
        List<Violation> errors = new ArrayList<>();
        String id = in.id() == null || in.id().isBlank()
                ? "rep-" + UUID.randomUUID().toString().substring(0, 8) : in.id().strip();
        if (!id.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
            errors.add(new Violation("id", "must be letters, digits, '.', '-' or '_' (at most 64), e.g. rep-li"));
        } else if (id.equalsIgnoreCase(RULES)) {
            errors.add(new Violation("id", "'" + RULES + "' is reserved (reassignTo=RULES means the rules choose)"));
        }
        if (in.name() == null || in.name().isBlank()) {
            errors.add(new Violation("name", "must not be blank, e.g. 李销售"));
        }
        if (in.seniority() == null) {
            errors.add(new Violation("seniority", "must be one of SENIOR, JUNIOR, ASSISTANT, NURTURE"));
        }
        if (in.capacity() == null) {
            errors.add(new Violation("capacity", "must be given: the most open leads the rep holds"));
        }
        RepEntity rep = new RepEntity();
        rep.repId = id;
        apply(rep, in, errors);
        if (reps.findByIdOptional(id).isPresent()) {
            throw new RuleBroken("A rep with id '" + id + "' already exists.");
        }
        Instant now = clock.instant();
        rep.active = true;
        rep.createdAt = now;
        rep.updatedAt = now;
        rep.createdBy = caller.id();
        rep.updatedBy = rep.createdBy;
        // Joins the round-robin rotation at its end: one turn like everyone else, no flood to catch up.
        rep.lastTurn = reps.nextTurn();
        try {
            reps.persist(rep);
        } catch (jakarta.persistence.PersistenceException e) {
            throw new RuleBroken("A rep with id '" + id + "' or an active rep named '" + rep.name
                    + "' was created at the same moment; reload the roster and try again.");
        }
        repMayBeFree.fire(new RepMayBeFree());
        return rep;
    }

    /** PATCH semantics: only the given fields change. */
    @Transactional
    public RepEntity update(String repId, RepInput in) {
        return update(repId, in, null);
    }

    /** @param ifMatch the request's If-Match: the change applies only to the rep as it names it (412 otherwise) */
    @Transactional
    public RepEntity update(String repId, RepInput in, String ifMatch) {
        RepEntity rep = reps.lock(repId).filter(r -> r.active)
                .orElseThrow(() -> new NotFound("Active rep", repId));
        tags.check(ifMatch, tag(rep), "Rep " + repId);
        if (in.id() != null && !in.id().strip().equals(repId)) {
            throw InvalidInput.stated("A rep's id cannot change.",
                    List.of(new Violation("id", "must be '" + repId + "' or left out")));
        }
        apply(rep, in, new ArrayList<>());
        rep.updatedAt = clock.instant();
        rep.updatedBy = caller.id();
        // More capacity, back from away, new specialties: queued leads may fit now.
        repMayBeFree.fire(new RepMayBeFree());
        return rep;
    }

    /**
     * A rep's ETag: their editable details, not the open-lead count or the round-robin turn, which move with every
     * assignment and would refuse a manager's edit for no change of what they edited.
     */
    public static jakarta.ws.rs.core.EntityTag tag(RepEntity rep) {
        return EntityTags.ofFields(rep.name, rep.seniority, rep.industries, rep.regions, rep.capacity,
                rep.availability, rep.awayUntil, rep.email, rep.active);
    }

    private void apply(RepEntity rep, RepInput in, List<Violation> errors) {
        if (in.name() != null) {
            String name = in.name().strip();
            if (name.isEmpty() || name.length() > 100) {
                errors.add(new Violation("name", "must be 1 to 100 characters"));
            } else if (reps.activeNameTaken(name, rep.repId)) {
                errors.add(new Violation("name", "another active rep is called '" + name
                        + "'; names identify the 跟进人 on imports, so they are unique"));
            }
            rep.name = name;
        }
        if (in.seniority() != null) {
            Seniority.parse(in.seniority()).ifPresentOrElse(s -> rep.seniority = s.name(), () -> errors.add(
                    new Violation("seniority", "'" + in.seniority()
                            + "' is not one of SENIOR, JUNIOR, ASSISTANT, NURTURE (资深销售, 销售, 销售助理, 市场培育)")));
        }
        if (in.capacity() != null) {
            if (in.capacity() < 0 || in.capacity() > MAX_CAPACITY) {
                errors.add(new Violation("capacity", "must be between 0 and " + MAX_CAPACITY
                        + " open leads"));
            }
            rep.capacity = in.capacity();
        }
        if (in.industries() != null || rep.industries == null) {
            rep.industries = Json.write(words(in.industries(), "industries", errors));
        }
        if (in.regions() != null || rep.regions == null) {
            rep.regions = Json.write(words(in.regions(), "regions", errors));
        }
        if (in.availability() != null) {
            String status = in.availability().strip().toUpperCase(Locale.ROOT);
            switch (status) {
                case "AVAILABLE", "在岗", "可分配" -> {
                    rep.availability = "AVAILABLE";
                    rep.awayUntil = null;
                }
                case "AWAY", "休假", "外出", "请假" -> {
                    rep.availability = "AWAY";
                    rep.awayUntil = in.awayUntil();
                }
                default -> errors.add(new Violation("availability", "'" + in.availability()
                        + "' is not AVAILABLE or AWAY"));
            }
        } else if (in.awayUntil() != null) {
            rep.availability = "AWAY";
            rep.awayUntil = in.awayUntil();
        } else if (rep.availability == null) {
            rep.availability = "AVAILABLE";
        }
        if (in.email() != null) {
            String email = in.email().strip();
            if (!email.isEmpty() && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                errors.add(new Violation("email", "is not an email address"));
            }
            rep.email = email.isEmpty() ? null : email;
        }
        if (!errors.isEmpty()) {
            throw InvalidInput.stated(errors.size() == 1
                    ? "Field '" + errors.get(0).field() + "' " + errors.get(0).message() + "."
                    : errors.size() + " fields are invalid; see errors.", errors);
        }
    }

    private static List<String> words(List<String> in, String field, List<Violation> errors) {
        if (in == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            String w = in.get(i);
            if (w == null || w.isBlank() || w.length() > 100) {
                errors.add(new Violation(field + "[" + i + "]", "must be 1 to 100 characters"));
            } else if (!out.contains(w.strip())) {
                out.add(w.strip());
            }
        }
        if (out.size() > 50) {
            errors.add(new Violation(field, "at most 50 entries"));
        }
        return out;
    }

    /**
     * Deactivates a rep. A rep who still owns open leads needs a destination: another rep ({@code reassignTo}
     * = rep id) or the assignment rules ({@code RULES}); leads no rep fits wait in the unassigned queue.
     */
    @Transactional
    public int deactivate(String repId, String reassignTo) {
        reps.lockDecisions();
        RepEntity rep = reps.lock(repId).filter(r -> r.active)
                .orElseThrow(() -> new NotFound("Active rep", repId));
        int open = reps.openLeads(repId);
        int moved = 0;
        if (open > 0) {
            if (reassignTo == null || reassignTo.isBlank()) {
                throw new RuleBroken("open-leads", rep.name + " still owns " + open
                        + " open leads; say where they go: ?reassignTo=<rep id> or ?reassignTo=RULES.");
            }
            String target = reassignTo.strip();
            if (target.equalsIgnoreCase(RULES)) {
                target = null;
            } else if (target.equals(repId)) {
                throw InvalidInput.stated("Leads cannot be reassigned to the rep being deactivated.",
                        List.of(new Violation("reassignTo", "must be another rep or RULES")));
            } else {
                String t = target;
                RepEntity to = reps.findByIdOptional(t).filter(r -> r.active).orElseThrow(() -> InvalidInput.stated(
                        "Rep '" + t + "' is not an active rep on the roster.",
                        List.of(new Violation("reassignTo", "must be an active rep id or RULES"))));
                if (!Assigner.availability(to).isAvailableOn(LocalDate.ofInstant(clock.instant(), time.zone()))) {
                    throw new RuleBroken(to.name + " is " + Assigner.availability(to).describe()
                            + "; choose a rep who is available or RULES.");
                }
            }
            moved = assignments.moveAll(rep, target, rep.name + " deactivated");
        }
        rep.active = false;
        rep.deactivatedAt = clock.instant();
        rep.updatedAt = rep.deactivatedAt;
        rep.deactivatedBy = caller.id();
        rep.updatedBy = rep.deactivatedBy;
        return moved;
    }

    /** A sales rep sees only themselves (their token's user is their rep id): any other rep is "not found". */
    @Transactional(Transactional.TxType.SUPPORTS)
    public RepEntity get(String repId) {
        if (caller.limitedToOwnLeads(Roles.SALES_MANAGER) && !repId.equals(caller.id())) {
            throw new NotFound("Rep", repId);
        }
        return reps.findByIdOptional(repId).orElseThrow(() -> new NotFound("Rep", repId));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<RepEntity> list(String seniority, Boolean includeInactive, String q, Page.PageRequest page) {
        String code = null;
        if (seniority != null && !seniority.isBlank()) {
            code = Seniority.parse(seniority).map(Enum::name).orElseThrow(() -> InvalidInput.stated(
                    "Parameter 'seniority' must be one of SENIOR, JUNIOR, ASSISTANT, NURTURE.",
                    List.of(new Violation("seniority", "must be one of SENIOR, JUNIOR, ASSISTANT, NURTURE"))));
        }
        String text = q == null || q.isBlank() ? null : q.strip();
        return page.of(reps.page(code, includeInactive, text, page.offset(), page.size()),
                reps.count(code, includeInactive, text));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, Integer> openLeadsByRep() {
        return reps.openLeadsByRep();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Load load(String repId) {
        RepEntity rep = get(repId);
        Map<String, Integer> byGrade = reps.openLeadsByGrade(repId);
        int open = byGrade.values().stream().mapToInt(Integer::intValue).sum();
        return new Load(rep, open, byGrade, rep.active && Assigner.availability(rep)
                .isAvailableOn(LocalDate.ofInstant(clock.instant(), time.zone())));
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), time.zone());
    }

    // ---- answers ------------------------------------------------------------------------------------------

    /** A rep as answered, with the ETag a change of them must send back. */
    public record RepAnswer(Views.RepView rep, jakarta.ws.rs.core.EntityTag tag) {
    }

    /** Adds a rep to the roster; queued leads they fit are assigned to them after the commit. */
    @Transactional
    public RepAnswer add(RepInput in) {
        return answer(create(in));
    }

    /** Changes a rep (PATCH semantics), only as the If-Match names them. */
    @Transactional
    public RepAnswer change(String repId, RepInput in, String ifMatch) {
        return answer(update(repId, in, ifMatch));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public RepAnswer find(String repId) {
        return answer(get(repId));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Views.RepView> roster(String seniority, Boolean includeInactive, String q, Page.PageRequest page) {
        Page<RepEntity> found = list(seniority, includeInactive, q, page);
        Map<String, Integer> open = openLeadsByRep();
        return new Page<>(found.items().stream().map(r -> view(r, open.getOrDefault(r.repId, 0))).toList(),
                found.page(), found.size(), found.total());
    }

    /** How many open leads the rep owns against their capacity, by grade. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Views.LoadView loadOf(String repId) {
        Load load = load(repId);
        RepEntity r = load.rep();
        double utilisation = r.capacity == 0 ? (load.openLeads() == 0 ? 0 : 1) : (double) load.openLeads() / r.capacity;
        return new Views.LoadView(r.repId, r.name, load.openLeads(), r.capacity, Math.round(utilisation * 1000) / 1000.0,
                load.openLeads() >= r.capacity, load.available(), r.availability, r.awayUntil, load.openByGrade());
    }

    private RepAnswer answer(RepEntity rep) {
        return new RepAnswer(view(rep, reps.openLeads(rep.repId)), tag(rep));
    }

    private Views.RepView view(RepEntity rep, int open) {
        return Views.RepView.of(rep, open, rep.active && Assigner.availability(rep).isAvailableOn(today()));
    }
}
