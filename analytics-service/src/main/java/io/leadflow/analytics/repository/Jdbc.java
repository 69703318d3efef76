package io.leadflow.analytics.repository;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Small JDBC helpers: binding the Java types the read model uses and reading them back, nulls included. */
final class Jdbc {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(Jdbc.class);

    private Jdbc() {
    }

    /** Runs a read with its parameters and maps every row; a failure names what was being read. */
    static <T> List<T> query(javax.sql.DataSource dataSource, String what, String sql, List<Object> params,
                             FactsRepository.Row<T> row) {
        long t0 = System.nanoTime();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(c, ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(row.map(rs));
                }
                if (LOG.isDebugEnabled()) {
                    // quarkus.log.category."io.leadflow.analytics.repository.Jdbc".level=DEBUG: where a table's time goes
                    LOG.debugf("%.1f ms, %d rows: %s %s", (System.nanoTime() - t0) / 1e6, out.size(), sql, params);
                }
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(what + " failed: " + e.getMessage(), e);
        }
    }

    static void bind(Connection c, PreparedStatement ps, List<Object> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            bind(c, ps, i + 1, values.get(i));
        }
    }

    static void bind(Connection c, PreparedStatement ps, int i, Object v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.NULL);
        } else if (v instanceof Instant t) {
            ps.setTimestamp(i, Timestamp.from(t));
        } else if (v instanceof LocalDate d) {
            ps.setDate(i, Date.valueOf(d));
        } else if (v instanceof List<?> list) {
            ps.setArray(i, c.createArrayOf("text", list.toArray()));
        } else if (v instanceof FactsRepository.Uuids u) {
            ps.setArray(i, c.createArrayOf("uuid", u.ids()));
        } else if (v instanceof UUID u) {
            ps.setObject(i, u);
        } else {
            ps.setObject(i, v);
        }
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static LocalDate date(ResultSet rs, String column) throws SQLException {
        Date d = rs.getDate(column);
        return d == null ? null : d.toLocalDate();
    }

    static Integer integer(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    static Long longValue(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    static BigDecimal decimal(ResultSet rs, String column) throws SQLException {
        return rs.getBigDecimal(column);
    }

    static List<String> texts(ResultSet rs, String column) throws SQLException {
        Array a = rs.getArray(column);
        if (a == null) {
            return new ArrayList<>();
        }
        return new ArrayList<>(Arrays.asList((String[]) a.getArray()));
    }
}
