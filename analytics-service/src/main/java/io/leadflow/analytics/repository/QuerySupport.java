package io.leadflow.analytics.repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;


import io.leadflow.analytics.domain.Dimension;
import io.leadflow.analytics.domain.LeadFilter;

/**
 * What every read of the analytics model shares: the active generation (read once per request), a per-request memo
 * of answers, the facts' where clause for a filter, group keys and the JDBC call. The reads by source (facts, edges,
 * cube) and the planner that combines them extend it, as singletons: a normal-scoped bean needs a constructor
 * without arguments for its proxy, which a subclass of this one cannot have.
 */
abstract class QuerySupport {

    private final DataSource dataSource;
    /** The request-scoped bean's client proxy: touched only while a request context is active (checked first). */
    private final RequestModel requestModel;

    QuerySupport(DataSource dataSource, RequestModel requestModel) {
        this.dataSource = dataSource;
        this.requestModel = requestModel;
    }

    public static String column(Dimension d) {
        return switch (d) {
            case SOURCE -> "source";
            case GRADE -> "grade";
            case OWNER -> "owner_id";
            case REGION -> "region";
            case INDUSTRY -> "industry";
            case MONTH -> "to_char(registered_month, 'YYYY-MM')";
        };
    }

    public int activeGeneration() {
        return model().generation();
    }

    ActiveModel model() {
        io.quarkus.arc.ManagedContext context = io.quarkus.arc.Arc.container().requestContext();
        if (context.isActive()) {
            RequestModel holder = requestModel;
            if (holder.model() == null) {
                holder.model(loadModel());
            }
            return holder.model();
        }
        return loadModel();
    }

    <T> T once(java.util.function.Supplier<T> query, Object... key) {
        io.quarkus.arc.ManagedContext context = io.quarkus.arc.Arc.container().requestContext();
        if (!context.isActive()) {
            return query.get();
        }
        List<Object> k = java.util.Arrays.asList(key);
        RequestModel holder = requestModel;
        Object hit = holder.result(k);
        if (hit == null) {
            hit = query.get();
            holder.result(k, hit);
        }
        return (T) hit;
    }

    ActiveModel loadModel() {
        List<ActiveModel> g = query("select generation, aggregates_ready from model_generation where status = 'ACTIVE'",
                List.of(), rs -> new ActiveModel(rs.getInt(1), rs.getBoolean(2)));
        return g.isEmpty() ? new ActiveModel(1, false) : g.get(0);
    }

    record Where(String sql, List<Object> params) {
    }

    Where where(LeadFilter filter) {
        return where(filter, "");
    }

    Where exportWhere(LeadFilter filter) {
        Where w = where(filter, "");
        if (filter.period().from() == null && filter.period().to() == null) {
            // every lead, also those whose registration is not known yet; never a duplicate merged into another
            return new Where(w.sql().replace(" and registered_on is not null", " and merged_into is null"), w.params());
        }
        return w;
    }

    Where where(LeadFilter filter, String alias) {
        String a = alias;
        StringBuilder sql = new StringBuilder(a + "generation = ? and " + a + "registered_on is not null");
        List<Object> params = new ArrayList<>();
        params.add(activeGeneration());
        if (filter.period().from() != null) {
            sql.append(" and " + a + "registered_on >= ?");
            params.add(filter.period().from());
        }
        if (filter.period().to() != null) {
            sql.append(" and " + a + "registered_on <= ?");
            params.add(filter.period().to());
        }
        if (filter.source() != null) {
            sql.append(" and " + a + "source = ?");
            params.add(filter.source());
        }
        if (filter.grade() != null) {
            sql.append(" and " + a + "grade = ?");
            params.add(filter.grade());
        }
        if (filter.ownerId() != null) {
            sql.append(" and " + a + "owner_id = ?");
            params.add(filter.ownerId());
        }
        return new Where(sql.toString(), params);
    }

    static String keys(List<Dimension> dims) {
        List<String> cols = new ArrayList<>();
        for (int i = 0; i < dims.size(); i++) {
            cols.add(column(dims.get(i)) + " as k" + i);
        }
        return String.join(", ", cols);
    }

    static String groupBy(List<Dimension> dims) {
        if (dims.isEmpty()) {
            return "";
        }
        List<String> idx = new ArrayList<>();
        for (int i = 0; i < dims.size(); i++) {
            idx.add(String.valueOf(i + 1));
        }
        return " group by " + String.join(", ", idx);
    }

    static GroupKey key(ResultSet rs, int n) throws SQLException {
        List<String> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(rs.getString("k" + i));
        }
        return new GroupKey(values);
    }

    <T> List<T> query(String sql, List<Object> params, FactsRepository.Row<T> row) {
        return Jdbc.query(dataSource, "Analytics query", sql, params, row);
    }
}
