-- The analytics read model: one row of facts per lead, joined from the intake, routing and follow-up topics in
-- whatever order they arrive. Nothing personal is kept: no customer, contact, phone, email or WeChat, only ids
-- and the dimensions a sales manager groups by.
--
-- Every table carries a generation: a rebuild replays the topics into a new generation while the active one keeps
-- answering, then switches. Queries always read the generation marked ACTIVE.

create table model_generation (
    generation   int primary key,
    status       text        not null check (status in ('ACTIVE', 'BUILDING', 'RETIRED', 'FAILED')),
    started_at   timestamptz not null default now(),
    switched_at  timestamptz,
    events       bigint      not null default 0,
    note         text
);
-- At most one model answers queries and at most one is being built.
create unique index model_generation_one_active on model_generation (status) where status = 'ACTIVE';
create unique index model_generation_one_building on model_generation (status) where status = 'BUILDING';
insert into model_generation (generation, status, note) values (1, 'ACTIVE', 'initial model, fed live');

-- Which events a generation has applied: lets the live consumer and a replay feed the same new generation without
-- counting anything twice.
create table generation_event (
    generation int  not null,
    event_id   uuid not null,
    primary key (generation, event_id)
);

create table lead_fact (
    generation        int         not null,
    lead_id           text        not null,
    -- intake: the lead's dimensions (from LeadCaptured / LeadQualified / LeadUpdated, latest occurredAt wins)
    profile_at        timestamptz,
    channel           text,
    source            text,
    source_detail     text,
    utm_source        text,
    utm_medium        text,
    utm_campaign      text,
    utm_term          text,
    utm_content       text,
    industry          text,
    region            text,
    company_size      int,
    customer_type     text,
    declared_intent   text,
    decision_cycle_days int,
    registered_at     timestamptz,
    registered_on     date,          -- business date of registered_at (leadflow.zone)
    registered_month  date,          -- first day of that month
    -- screening
    screening         text check (screening in ('QUALIFIED', 'REJECTED')),
    screening_at      timestamptz,
    rejection_reasons text[]      not null default '{}',
    merged_touches    int         not null default 0,
    -- routing
    grade             text,
    grade_score       int,
    grade_at          timestamptz,
    grade_changes     int         not null default 0,
    owner_id          text,
    owner_at          timestamptz,
    assigned_at       timestamptz,   -- first assignment
    reassignments     int         not null default 0,
    -- follow-up
    first_response_at timestamptz,   -- first human touch
    touches           int         not null default 0,
    stage             text,
    stage_at          timestamptz,
    max_stage_rank    int         not null default 0,
    outcome           text check (outcome in ('WON', 'LOST')),
    outcome_at        timestamptz,
    won_on            date,
    lost_on           date,
    amount            numeric(18, 2),
    currency          text,
    win_factors       text[]      not null default '{}',
    loss_reason       text,
    cycle_days        int,           -- won_on - registered_on, kept in step by the writer
    sla_breaches      int         not null default 0,
    sla_deadline      timestamptz,
    erased_at         timestamptz,
    last_event_at     timestamptz not null,
    primary key (generation, lead_id)
);

-- Conversion tables filter by registration period and group by a dimension; these keep them index-driven.
create index lead_fact_registered on lead_fact (generation, registered_on) include (source, grade, owner_id, outcome);
create index lead_fact_source on lead_fact (generation, source, registered_on);
create index lead_fact_grade on lead_fact (generation, grade, registered_on);
create index lead_fact_owner on lead_fact (generation, owner_id, registered_on);
create index lead_fact_won on lead_fact (generation, won_on) where outcome = 'WON';

create table lead_grade_history (
    generation     int         not null,
    event_id       uuid        not null,
    lead_id        text        not null,
    grade          text        not null,
    score          int,
    previous_grade text,
    given          boolean     not null default false,
    reason         text,
    occurred_at    timestamptz not null,
    primary key (generation, event_id)
);
create index lead_grade_history_lead on lead_grade_history (generation, lead_id, occurred_at);

create table lead_stage_history (
    generation  int         not null,
    event_id    uuid        not null,
    lead_id     text        not null,
    from_stage  text,
    to_stage    text        not null,
    owner_id    text,
    occurred_at timestamptz not null,
    primary key (generation, event_id)
);
create index lead_stage_history_lead on lead_stage_history (generation, lead_id, occurred_at);

create table sla_breach (
    generation  int         not null,
    event_id    uuid        not null,
    lead_id     text        not null,
    grade       text,
    source      text,
    owner_id    text,
    assigned_at timestamptz,
    deadline    timestamptz,
    occurred_at timestamptz not null,
    primary key (generation, event_id)
);
create index sla_breach_lead on sla_breach (generation, lead_id);
