package io.leadflow.events.housekeeping;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * A bookkeeping table whose rows are only needed for a while: rows whose {@code timeColumn} is older than
 * {@code keepFor} are purged by {@link Housekeeping}. A service declares one by producing a bean of this type, e.g.
 *
 * <pre>
 *   &#64;Produces &#64;Singleton
 *   ExpiringRows idempotencyKeys(IntakeConfig config) {
 *       return new ExpiringRows("form_submission", "created_at", config.forms().idempotencyTtl());
 *   }
 * </pre>
 *
 * The time column must be indexed: each purge statement takes the oldest rows through it.
 */
public record ExpiringRows(String table, String timeColumn, Duration keepFor) {

    /** Plain lower-case SQL identifiers only: they are written into the purge statement, never quoted. */
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}(\\.[a-z_][a-z0-9_]{0,62})?");

    public ExpiringRows {
        if (table == null || !IDENTIFIER.matcher(table).matches()) {
            throw new IllegalArgumentException("Not a plain table name: " + table);
        }
        if (timeColumn == null || !IDENTIFIER.matcher(timeColumn).matches() || timeColumn.contains(".")) {
            throw new IllegalArgumentException("Not a plain column name: " + timeColumn);
        }
        if (keepFor == null || keepFor.isNegative() || keepFor.isZero()) {
            throw new IllegalArgumentException("Rows of " + table + " must be kept for a positive time, not " + keepFor);
        }
    }
}
