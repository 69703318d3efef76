package io.leadflow.events.security;

/**
 * The roles a staff token carries in its {@code groups} claim (or the claim {@code LEADFLOW_JWT_GROUPS_CLAIM} names).
 * The README's permission matrix says what each may do; resources name them in {@code @RolesAllowed}.
 */
public final class Roles {

    /** Capture, import, web forms, the screening policy. */
    public static final String MARKETING = "marketing";
    /** Reads and follows up their own leads only; their own tasks. */
    public static final String SALES = "sales";
    /** Everything about leads and the roster; grading, assignment and cadence policies; reassignment. */
    public static final String SALES_MANAGER = "sales-manager";
    /** Analytics, read-only, without personal data. */
    public static final String ANALYST = "analyst";
    /** Everything, plus rebuilds and erasure. */
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
