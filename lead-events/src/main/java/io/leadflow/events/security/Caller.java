package io.leadflow.events.security;

import java.util.Arrays;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is calling: the verified token's identity claim ({@code leadflow.security.identity-claim}, {@code sub} by
 * default: identity providers never change it, while a user may be allowed to change a login name such as
 * {@code preferred_username} and so take over someone else's leads) and its roles. For a sales rep the id is the
 * rep's id in routing's roster, which is how "their own leads" is decided.
 */
@RequestScoped
public class Caller {

    private final SecurityIdentity identity;
    private final String identityClaim;

    public Caller(SecurityIdentity identity,
                  @ConfigProperty(name = "leadflow.security.identity-claim", defaultValue = "sub") String identityClaim) {
        this.identity = identity;
        this.identityClaim = identityClaim;
    }

    /** The user's id, or {@code null} for an anonymous caller (the public form endpoint) or a token without it. */
    public String id() {
        if (identity.isAnonymous()) {
            return null;
        }
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object claim = jwt.getClaim(identityClaim);
            String id = claim == null ? null : claim.toString().replaceAll("^\"|\"$", "");
            return id == null || id.isBlank() ? null : id;
        }
        return identity.getPrincipal().getName();
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
