package io.leadflow.followup.domain;

import java.util.Set;

/**
 * The person acting on a request, built from the verified bearer token: {@code userId} is the token's user name
 * (for a sales rep, the rep's id in routing's roster, which is what a lead's and a task's {@code ownerId} hold) and
 * {@code roles} its groups.
 */
public record Actor(String userId, Set<String> roles) {

    /** Roles that oversee every lead and every task: sales managers and admins. */
    public static final Set<String> OVERSEEING_ROLES = Set.of("sales-manager", "admin");

    public Actor {
        roles = Set.copyOf(roles);
    }

    /** A sales manager or an admin: works on any lead, sees every owner's tasks. */
    public boolean isManager() {
        return roles.stream().anyMatch(OVERSEEING_ROLES::contains);
    }

    /**
     * The owner rule: only the current owner of a lead (or of a task), or a sales manager or admin, may see it or work
     * on it. A lead without an owner yet is a manager's business only. Anyone else is told it does not exist, so
     * that a sales rep cannot even learn which lead ids are taken.
     */
    public boolean mayWorkOn(String ownerId) {
        return isManager() || (ownerId != null && ownerId.equals(userId));
    }
}
