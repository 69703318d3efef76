-- Issue #6, performance: first-response minutes in the cube are kept per bucket instead of one exact map per cell.
--
-- hist's "resp" ({minute: leads}) becomes "respB" ({bucket: leads}, four buckets per doubling of the minutes, see
-- domain/ValueBuckets), "respSum" ({"m": sum of the minutes}) and, per bucket b, "resp:b" ({minute: leads} of the
-- minutes in that bucket). A median or a 90th percentile then reads the bucket counts and the exact minutes of the
-- one bucket it falls in, instead of every minute of every cell (a year by owner summed ~200,000 entries).
--
-- They are kept in two columns of their own, apart from hist's other maps: resp_b (respB and respSum, a few dozen
-- entries) and resp_x (the resp:b maps), so that reading a year of bucket counts does not decompress every map of
-- every cell (see CubeRepository.histColumn).
alter table lead_cube add column resp_b jsonb not null default '{}', add column resp_x jsonb not null default '{}';

-- Cubes built before this version hold the old map: they are rebuilt from the facts by the backfill at the next start
-- (AggregatesService; tables read the facts until it is done), or at once with POST /api/v1/analytics/aggregates.
update model_generation g set aggregates_ready = false
 where exists (select 1 from lead_cube c where c.generation = g.generation);

-- The live consumer adds a lead's small change to a few cells per event; cube_hist_add used to expand and regroup
-- both maps whole, so every event paid for every entry of a month's total cell (thousands of minutes and hours).
-- Now a small change is applied entry by entry to the names it touches (the rest of the cell is left as it is); a
-- large one (a replay's poll, hundreds of entries) still takes the set-based sum. Same result either way: values
-- that reach 0 and names left empty disappear.
create function cube_hist_add_all(a jsonb, b jsonb) returns jsonb language sql immutable as $$
    select coalesce(jsonb_object_agg(h, m), '{}'::jsonb) from (
        select h, jsonb_object_agg(k, n) as m from (
            select h, k, sum(n) as n from (
                select x.key as h, y.key as k, y.value::bigint as n
                  from jsonb_each(coalesce(a, '{}'::jsonb)) x, jsonb_each_text(x.value) y
                union all
                select x.key, y.key, y.value::bigint
                  from jsonb_each(coalesce(b, '{}'::jsonb)) x, jsonb_each_text(x.value) y
            ) u group by h, k having sum(n) <> 0
        ) s group by h
    ) t
$$;

create or replace function cube_hist_add(a jsonb, b jsonb) returns jsonb language plpgsql immutable as $$
declare
    h text;
    m jsonb;
    k text;
    n numeric;
    v numeric;
    cur jsonb;
begin
    if b is null or b = '{}'::jsonb then
        return coalesce(a, '{}'::jsonb);  -- stored maps hold no zeros nor empty names (see Aggregates.Delta)
    end if;
    if (select count(*) from jsonb_each(b) x, jsonb_each(x.value) y) > 64 then
        return cube_hist_add_all(a, b);
    end if;
    a := coalesce(a, '{}'::jsonb);
    for h, m in select x.key, x.value from jsonb_each(b) x loop
        cur := coalesce(a -> h, '{}'::jsonb);
        for k, n in select y.key, y.value::numeric from jsonb_each_text(m) y loop
            v := coalesce((cur ->> k)::numeric, 0) + n;
            if v = 0 then
                cur := cur - k;
            else
                cur := cur || jsonb_build_object(k, v);
            end if;
        end loop;
        if cur = '{}'::jsonb then
            a := a - h;
        else
            a := a || jsonb_build_object(h, cur);
        end if;
    end loop;
    return a;
end
$$;
