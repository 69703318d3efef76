package io.leadflow.followup.domain;

import java.util.Set;

/**
 * The person acting on a request. Today it comes from request headers; the security issue will build it from the
 * JWT's subject and roles without changing any rule that uses it.
 */
public record Actor(String userId, Set<String> roles) {

    public static final Set<String> MANAGER_ROLES = Set.of("sales-manager", "admin");

    public Actor {
        roles = Set.copyOf(roles);
    }

    public boolean isManager() {
        return roles.stream().anyMatch(MANAGER_ROLES::contains);
    }

    /** The owner rule: only the lead's current owner, or a sales manager, works on the lead. */
    public void requireOwnerOrManager(String leadId, String ownerId, String action) {
        if (isManager() || (ownerId != null && ownerId.equals(userId))) {
            return;
        }
        throw new NotPermitted(ownerId == null
                ? "Lead " + leadId + " has no owner yet; only a sales manager may " + action + "."
                : "Only the lead's current owner (" + ownerId + ") or a sales manager may " + action + " on lead "
                + leadId + "; you are " + userId + ".");
    }
}
