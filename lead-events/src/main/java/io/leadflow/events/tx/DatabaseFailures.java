package io.leadflow.events.tx;

import java.sql.SQLException;

/**
 * Tells a database that is away (restarting, unreachable, out of connections) from a statement it refused. The
 * first is nobody's fault and passes by itself: an HTTP caller gets 503 with Retry-After, a consumer keeps the event
 * and tries again later instead of dead-lettering it.
 */
public final class DatabaseFailures {

    private DatabaseFailures() {
    }

    /** The first SQLException in the cause chain, or null. */
    public static SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    /**
     * Connection failures (class 08), exhausted resources (53), an administrator or crash shutdown (57P01-57P03) and
     * a pool that found no free connection in time, anywhere in the cause chain.
     */
    public static boolean unavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && unavailable(sql)) {
                return true;
            }
        }
        return false;
    }

    public static boolean unavailable(SQLException sql) {
        String state = sql.getSQLState();
        if (state != null) {
            return state.startsWith("08") || state.startsWith("53") || state.startsWith("57P");
        }
        String message = sql.getMessage();
        return message != null && message.startsWith("Acquisition timeout");
    }

    /**
     * Two transactions met on the same rows and the database (deadlock 40P01, serialization failure 40001) or
     * Hibernate's version check gave up on one of them: nobody's fault, and the same work succeeds when tried again.
     */
    public static boolean conflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof jakarta.persistence.OptimisticLockException
                    || t instanceof SQLException sql && ("40P01".equals(sql.getSQLState())
                    || "40001".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
