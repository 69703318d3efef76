package io.leadflow.routing.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Walks the ordered rules: the first rule that matches the lead and has an eligible rep (available, under
 * capacity) in its pool chooses the owner. Rules that match but have no free rep are noted in the why, so a lead
 * waiting in the unassigned queue says what it waits for.
 */
public final class Router {

    public static final String NAMED_OWNER_RULE = "NAMED_OWNER";
    public static final String MANUAL_RULE = "MANUAL";

    private Router() {
    }

    public static RoutingDecision route(AssignmentPolicy policy, LeadToRoute lead, List<Candidate> roster) {
        List<String> notes = new ArrayList<>();
        boolean anyMatched = false;
        for (AssignmentRule rule : policy.rules()) {
            if (!rule.matches(lead)) {
                continue;
            }
            anyMatched = true;
            List<Candidate> pool = roster.stream().filter(rule::inPool).toList();
            if (rule.specialty() == AssignmentRule.Specialty.REQUIRED) {
                pool = pool.stream().filter(c -> c.specialisesIn(lead.industry(), lead.region())).toList();
            }
            List<Candidate> eligible = pool.stream().filter(Candidate::eligible).toList();
            List<Candidate> from = eligible;
            boolean specialist = false;
            if (rule.specialty() != AssignmentRule.Specialty.ANY) {
                List<Candidate> specialists = eligible.stream()
                        .filter(c -> c.specialisesIn(lead.industry(), lead.region())).toList();
                if (!specialists.isEmpty()) {
                    from = specialists;
                    specialist = true;
                }
            }
            Optional<Candidate> picked = rule.strategy().pick(from);
            if (picked.isPresent()) {
                Candidate owner = picked.get();
                String why = rule.describe() + " (rule " + rule.id() + ", " + rule.strategy() + "); " + owner.name()
                        + (specialist ? " covers " + coverage(owner, lead) : "")
                        + " and has " + owner.openLeads() + " of " + owner.capacity() + " open leads";
                return new RoutingDecision.Assigned(owner, rule.id(), rule.strategy(), why);
            }
            notes.add("rule " + rule.id() + ": " + (pool.isEmpty() ? "no rep in its pool"
                    : "no free rep (" + String.join("; ", pool.stream().map(Router::whyNot).toList()) + ")"));
        }
        if (!anyMatched) {
            return new RoutingDecision.Unassigned("no assignment rule matches grade " + lead.grade() + ", industry "
                    + lead.industry() + ", region " + lead.region() + ", source " + lead.source());
        }
        return new RoutingDecision.Unassigned(String.join(" | ", notes));
    }

    /**
     * Whether the lead's current owner is where the rules would send it now: walking the matching rules in order,
     * the owner fits when they are in the pool of a rule before any rule that has another free rep. Capacity aside:
     * the owner already holds the lead. A regraded lead stays with an owner who fits.
     */
    public static boolean ownerFits(AssignmentPolicy policy, LeadToRoute lead, Candidate owner, List<Candidate> roster) {
        for (AssignmentRule rule : policy.rules()) {
            if (!rule.matches(lead)) {
                continue;
            }
            boolean specialtyOk = rule.specialty() != AssignmentRule.Specialty.REQUIRED
                    || owner.specialisesIn(lead.industry(), lead.region());
            if (rule.inPool(owner) && specialtyOk) {
                return true;
            }
            boolean othersFree = roster.stream().filter(c -> !c.repId().equals(owner.repId())).filter(rule::inPool)
                    .filter(c -> rule.specialty() != AssignmentRule.Specialty.REQUIRED
                            || c.specialisesIn(lead.industry(), lead.region()))
                    .anyMatch(Candidate::eligible);
            if (othersFree) {
                return false;
            }
        }
        return true;
    }

    /** The rep a lead's 跟进人 names, by name or id, among active reps (even away or at capacity: it is theirs). */
    public static Optional<Candidate> namedOwner(String namedOwner, List<Candidate> roster) {
        if (namedOwner == null || namedOwner.isBlank()) {
            return Optional.empty();
        }
        String n = namedOwner.strip().toLowerCase(Locale.ROOT);
        return roster.stream()
                .filter(c -> c.repId().toLowerCase(Locale.ROOT).equals(n) || c.name().strip().toLowerCase(Locale.ROOT).equals(n))
                .findFirst();
    }

    private static String coverage(Candidate c, LeadToRoute lead) {
        return Areas.containsSame(c.industries(), lead.industry()) ? lead.industry() : lead.region();
    }

    static String whyNot(Candidate c) {
        if (!c.available()) {
            return c.name() + " " + c.availability();
        }
        return c.name() + " at capacity " + c.openLeads() + "/" + c.capacity();
    }
}
