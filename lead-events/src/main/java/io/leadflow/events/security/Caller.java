package io.leadflow.events.security;

import java.util.Arrays;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is calling: the verified token's name ({@code upn}, else {@code preferred_username}, else {@code sub}) and its
 * roles. For a sales rep the name is the rep's id in routing's roster, which is how "their own leads" is decided.
 */
@RequestScoped
public class Caller {

    private final SecurityIdentity identity;

    public Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** The user's id, or {@code null} for an anonymous caller (the public form endpoint). */
    public String id() {
        return identity.isAnonymous() ? null : identity.getPrincipal().getName();
    }

    public Set<String> roles() {
        return identity.getRoles();
    }

    public boolean has(String role) {
        return identity.hasRole(role);
    }

    public boolean hasAny(String... roles) {
        return Arrays.stream(roles).anyMatch(identity::hasRole);
    }

    /**
     * True when the caller may see a lead only because they own it: a {@code sales} token without any role that
     * oversees leads. Such a caller asking for someone else's lead gets 404, as if it did not exist.
     */
    public boolean limitedToOwnLeads(String... overseeingRoles) {
        return has(Roles.SALES) && !has(Roles.ADMIN) && !hasAny(overseeingRoles);
    }

    /** May this caller see the lead owned by {@code ownerId}? */
    public boolean maySee(String ownerId, String... overseeingRoles) {
        return !limitedToOwnLeads(overseeingRoles) || (ownerId != null && ownerId.equals(id()));
    }
}
