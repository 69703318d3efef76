package io.leadflow.events.housekeeping;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Deletes a table's rows older than a cut-off, oldest first, in statements of at most {@code batchSize} rows on an
 * autocommit connection: each statement is its own short transaction that finds its rows through the time column's
 * index, so a large backlog never locks the table or bloats one transaction.
 */
final class TablePurger {

    private TablePurger() {
    }

    /** @return rows deleted; stops after {@code maxBatches} statements or at the first one that found fewer rows */
    static long purge(Connection connection, ExpiringRows rows, Instant cutoff, int batchSize, int maxBatches)
            throws SQLException {
        // ctid: the statement needs no knowledge of the table's key; a row changed meanwhile is simply left alone.
        String sql = "delete from " + rows.table() + " where ctid = any(array(select ctid from " + rows.table()
                + " where " + rows.timeColumn() + " < ? order by " + rows.timeColumn() + " limit ?))";
        long deleted = 0;
        try (PreparedStatement delete = connection.prepareStatement(sql)) {
            for (int batch = 0; batch < maxBatches; batch++) {
                delete.setTimestamp(1, Timestamp.from(cutoff));
                delete.setInt(2, batchSize);
                int n = delete.executeUpdate();
                deleted += n;
                if (n < batchSize) {
                    break;
                }
            }
        }
        return deleted;
    }
}
