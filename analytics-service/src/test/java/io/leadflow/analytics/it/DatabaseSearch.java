package io.leadflow.analytics.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadflow.analytics.messaging.ReadModelHandler;

/**
 * Searches every text-like column (text, varchar, char, json, jsonb and arrays of them) of every table of this
 * service's database for a value, as an auditor would: the tables are found in information_schema, not listed by
 * hand, so a table or column added later is searched too.
 */
@ApplicationScoped
public class DatabaseSearch {

    public record Column(String table, String column) {
    }

    private final DataSource dataSource;

    public DatabaseSearch(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<Column> textColumns() {
        String sql = """
                select c.table_name, c.column_name from information_schema.columns c
                  join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                 where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
                   and (c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb')
                        or (c.data_type = 'ARRAY' and c.udt_name in ('_text', '_varchar', '_bpchar', '_json', '_jsonb')))
                 order by c.table_name, c.column_name""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            List<Column> columns = new ArrayList<>();
            while (rs.next()) {
                columns.add(new Column(rs.getString(1), rs.getString(2)));
            }
            return columns;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many of these events the read model's consumer has applied (recorded in processed_event). */
    public int processed(List<UUID> eventIds) {
        String sql = "select count(*) from processed_event where consumer = ? and event_id = any(?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, ReadModelHandler.NAME);
            ps.setArray(2, c.createArrayOf("uuid", eventIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a statement (test set-up such as outbox rows); answers the rows it touched. */
    public int execute(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of the first row of a query (a count, a flag). */
    public Object scalar(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "table.column: N rows" for every column holding {@code value} anywhere in its text; empty when none does. */
    public List<String> find(String value) {
        List<String> hits = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            for (Column col : textColumns()) {
                String sql = "select count(*) from \"" + col.table() + "\" where strpos(cast(\"" + col.column()
                        + "\" as text), ?) > 0";
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setString(1, value);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        long n = rs.getLong(1);
                        if (n > 0) {
                            hits.add(col.table() + "." + col.column() + ": " + n + " rows hold '" + value + "'");
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return hits;
    }
}
