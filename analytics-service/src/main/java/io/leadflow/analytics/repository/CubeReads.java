package io.leadflow.analytics.repository;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Singleton;

import io.leadflow.analytics.domain.Aggregates;
import io.leadflow.analytics.domain.Dimension;
import io.leadflow.analytics.domain.Distribution;
import io.leadflow.analytics.domain.LeadFilter;
import io.leadflow.analytics.domain.ValueBuckets;

/** The tables' whole months read from the cube: sums of its cells and of the value maps they keep. */
@Singleton
class CubeReads extends QuerySupport {

    CubeReads(DataSource dataSource, RequestModel requestModel) {
        super(dataSource, requestModel);
    }

    Map<GroupKey, Map<Integer, Map<Long, Long>>> responseMinutesOf(Plan plan, List<Dimension> dims,
            LeadFilter filter, Map<GroupKey, ? extends java.util.Collection<Integer>> asked, Histogram edges) {
        Map<GroupKey, Map<Integer, Map<Long, Long>>> out = new LinkedHashMap<>();
        List<Object> params = new ArrayList<>();
        StringBuilder values = new StringBuilder();
        asked.forEach((k, bs) -> {
            if (bs.isEmpty()) {
                return;
            }
            values.append(values.isEmpty() ? "" : ", ").append("(?::text[]");
            params.add(bs.stream().map(b -> Aggregates.RESPONSE_MINUTES + b).toList());
            for (String v : k.values()) {
                values.append(", ?::text");
                params.add(v == null ? "" : v);
            }
            values.append(")");
            // the edges' facts of the asked buckets
            Distribution e = edges.byGroup().get(k);
            if (e != null) {
                e.histogram().forEach((minute, n) -> {
                    int b = ValueBuckets.bucket(minute);
                    if (bs.contains(b)) {
                        out.computeIfAbsent(k, x -> new java.util.TreeMap<>()).computeIfAbsent(b,
                                x -> new java.util.TreeMap<>()).merge(minute, n, Long::sum);
                    }
                });
            }
        });
        if (values.isEmpty() || !plan.split().months()) {
            return out;
        }
        Where w = cubeWhere(plan, filter);
        List<String> cols = new ArrayList<>(List.of("names"));
        StringBuilder on = new StringBuilder("true");
        for (int i = 0; i < dims.size(); i++) {
            cols.add("g" + i);
            on.append(" and ").append(CubeRepository.column(dims.get(i))).append(" = q.g").append(i);
        }
        String keys = cubeKeys(dims);
        params.addAll(w.params());
        // Each cell's resp_x is read once, by one jsonb_each keeping the group's asked buckets: "resp_x -> name" per
        // bucket would decompress it once per bucket, and a join on jsonb_each's rows makes the planner memoize it.
        query("select " + keys + (keys.isEmpty() ? "" : ", ") + "(select jsonb_object_agg(e.key, e.value) "
                + "from jsonb_each(resp_x) e where e.key = any(q.names))::text as h from lead_cube "
                + "join (values " + values + ") q(" + String.join(", ", cols) + ") on " + on
                + " where " + w.sql(), params, rs -> {
                    String h = rs.getString("h");
                    if (h != null) {
                        Map<Integer, Map<Long, Long>> byBucket = out.computeIfAbsent(key(rs, dims.size()),
                                x -> new java.util.TreeMap<>());
                        addMaps(h, (name, minute, n) -> byBucket.computeIfAbsent(
                                Integer.parseInt(name.substring(Aggregates.RESPONSE_MINUTES.length())),
                                x -> new java.util.TreeMap<>()).merge(Long.parseLong(minute), n, Long::sum));
                    }
                    return null;
                });
        out.values().forEach(byBucket -> byBucket.values().forEach(m -> m.values().removeIf(n -> n == 0)));
        return out;
    }

    Histogram cubeHistogram(Plan plan, List<Dimension> dims, LeadFilter filter, Aggregates.Hist hist) {
        Map<GroupKey, Distribution> out = new LinkedHashMap<>();
        if (plan.split().months()) {
            cubeValues(plan, dims, filter, hist).forEach((k, values) -> {
                Distribution d = new Distribution();
                values.forEach((v, n) -> d.add(Long.parseLong(v), n));
                out.put(k, d);
            });
        }
        return new Histogram(out);
    }

    Map<GroupKey, Map<String, Long>> cubeValues(Plan plan, List<Dimension> dims, LeadFilter filter,
                                                        Aggregates.Hist hist) {
        Map<GroupKey, Map<String, Long>> out = new LinkedHashMap<>();
        cubeValues(plan, dims, filter, hist.key()).forEach((k, values) -> values.forEach((v, n) ->
                out.computeIfAbsent(k, x -> new LinkedHashMap<>())
                        .put(v.isEmpty() && hist != Aggregates.Hist.CYCLE ? null : v, n)));
        return out;
    }

    Map<GroupKey, Map<String, Long>> cubeValues(Plan plan, List<Dimension> dims, LeadFilter filter,
                                                        String name) {
        Map<GroupKey, Map<String, Long>> sums = new LinkedHashMap<>();
        if (!plan.split().months()) {
            return sums;
        }
        Where w = cubeWhere(plan, filter);
        String keys = cubeKeys(dims);
        List<Object> params = new ArrayList<>();
        params.add(name);
        params.addAll(w.params());
        query("select " + keys + (keys.isEmpty() ? "" : ", ") + "(" + CubeRepository.histColumn(name)
                + " -> ?)::text as h from lead_cube where " + w.sql(),
                params, rs -> {
                    String h = rs.getString("h");
                    if (h != null) {
                        addMap(sums.computeIfAbsent(key(rs, dims.size()), k -> new java.util.HashMap<>()), h);
                    }
                    return null;
                });
        Map<GroupKey, Map<String, Long>> out = new LinkedHashMap<>();
        sums.forEach((k, values) -> values.forEach((v, n) -> {
            if (n != 0) {
                out.computeIfAbsent(k, x -> new LinkedHashMap<>()).put(v, n);
            }
        }));
        return out;
    }

    static void addMap(Map<String, Long> into, String json) throws SQLException {
        try (com.fasterxml.jackson.core.JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                return;
            }
            while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                String value = p.currentName();
                p.nextToken();
                into.merge(value, p.getValueAsLong(), Long::sum);
            }
        } catch (java.io.IOException e) {
            throw new SQLException("Unreadable cube map: " + e.getMessage(), e);
        }
    }

    interface Entry {
        void add(String name, String value, long n);
    }

    static void addMaps(String json, Entry entry) throws SQLException {
        try (com.fasterxml.jackson.core.JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                return;
            }
            while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                    String value = p.currentName();
                    p.nextToken();
                    entry.add(name, value, p.getValueAsLong());
                }
            }
        } catch (java.io.IOException e) {
            throw new SQLException("Unreadable cube maps: " + e.getMessage(), e);
        }
    }

    static final com.fasterxml.jackson.core.JsonFactory JSON = new com.fasterxml.jackson.core.JsonFactory();

    static void merge(Histogram into, Histogram more) {
        more.byGroup().forEach((k, d) -> into.byGroup().computeIfAbsent(k, x -> new Distribution()).addAll(d));
    }

    Where cubeWhere(Plan plan, LeadFilter filter) {
        StringBuilder sql = new StringBuilder("generation = ? and slice = ?");
        List<Object> params = new ArrayList<>(List.of(plan.generation(), plan.slice().code()));
        if (plan.split().firstMonth() != null) {
            sql.append(" and month >= ?");
            params.add(plan.split().firstMonth());
        }
        if (plan.split().lastMonth() != null) {
            sql.append(" and month <= ?");
            params.add(plan.split().lastMonth());
        }
        if (filter.source() != null) {
            sql.append(" and source = ?");
            params.add(filter.source());
        }
        if (filter.grade() != null) {
            sql.append(" and grade = ?");
            params.add(filter.grade());
        }
        if (filter.ownerId() != null) {
            sql.append(" and owner_id = ?");
            params.add(filter.ownerId());
        }
        return new Where(sql.toString(), params);
    }

    static String cubeKeys(List<Dimension> dims) {
        List<String> cols = new ArrayList<>();
        for (int i = 0; i < dims.size(); i++) {
            Dimension d = dims.get(i);
            cols.add((d == Dimension.MONTH ? CubeRepository.column(d) : "nullif(" + CubeRepository.column(d) + ", '')")
                    + " as k" + i);
        }
        return String.join(", ", cols);
    }
}
