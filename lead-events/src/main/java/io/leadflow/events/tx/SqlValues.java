package io.leadflow.events.tx;

import java.time.Instant;
import java.time.OffsetDateTime;

/** Values as a native query hands them back, whichever type the driver and Hibernate chose for them. */
public final class SqlValues {

    private SqlValues() {
    }

    /** A {@code timestamptz} column: an Instant, an OffsetDateTime or a Timestamp, depending on the path it took. */
    public static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        return Instant.parse(value.toString());
    }
}
