-- Issue #6, performance: incremental aggregates of the lead facts, so that a table over a year of 1,000,000 leads
-- reads a few thousand cells instead of every fact.
--
-- One row per (generation, slice, registration month, key): a slice is a set of dimensions the cells are keyed by
-- (see domain/Aggregates.Slice: '' = the month's total, 's' = by source, 'sgo' = by source, grade and owner, ...).
-- Key columns outside the slice hold ''; inside it '' stands for an unknown value (null in the facts).
-- Counts are plain columns; exact distributions (cycle days, first-response minutes, hours in stage, funnel rank,
-- cohort age) and reason counts are value -> count maps in hist, e.g. {"cycle": {"23": 4, "30": 1}}.
-- The event handler adds "the lead's new contribution minus its old one" in the transaction that changes the fact.
create table lead_cube (
    generation   int    not null,
    slice        text   not null,
    month        date   not null,
    source       text   not null default '',
    grade        text   not null default '',
    owner_id     text   not null default '',
    region       text   not null default '',
    industry     text   not null default '',
    leads        bigint not null default 0,
    qualified    bigint not null default 0,
    rejected     bigint not null default 0,
    open         bigint not null default 0,
    won          bigint not null default 0,
    lost         bigint not null default 0,
    no_outcome   bigint not null default 0,
    assigned     bigint not null default 0,
    responded    bigint not null default 0,
    breached     bigint not null default 0,
    won_amount   numeric(20, 2) not null default 0,
    hist         jsonb  not null default '{}',
    primary key (generation, slice, month, source, grade, owner_id, region, industry)
);

-- Adds two {name: {value: count}} maps; values that reach 0 and names left empty disappear.
create function cube_hist_add(a jsonb, b jsonb) returns jsonb language sql immutable as $$
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

-- Whether a generation's cube matches its facts. A generation that already has facts when this migration runs gets
-- its cube from POST /api/v1/analytics/aggregates or at the next start (AggregatesService); until then the tables
-- read the facts as before.
alter table model_generation add column aggregates_ready boolean not null default false;
update model_generation g set aggregates_ready = not exists (select 1 from lead_fact f where f.generation = g.generation);

-- The export's page 1 walks lead_fact_export newest first within the period's registered_at range (see
-- AnalyticsQueries.leads); the count comes from the cube.
